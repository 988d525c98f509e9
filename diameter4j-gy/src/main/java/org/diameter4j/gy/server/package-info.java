/**
 * The credit-control server side (RFC 4006 §5.2): session tracking with the Tcc timer, and
 * server-initiated Re-Auth-Request and Abort-Session-Request.
 */
package org.diameter4j.gy.server;
