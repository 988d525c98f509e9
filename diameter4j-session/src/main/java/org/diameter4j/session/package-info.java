/**
 * Diameter user sessions (RFC 6733 §8): state kept per Session-Id by applications (credit control,
 * accounting, S6a). {@link org.diameter4j.session.SessionStore} is the interface another store (a
 * database, a cache cluster) can implement; {@link org.diameter4j.session.InMemorySessionStore} is
 * the bounded, expiring default.
 */
package org.diameter4j.session;
