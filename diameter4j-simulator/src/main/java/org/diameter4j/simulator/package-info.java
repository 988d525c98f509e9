/**
 * The core every simulator ({@code ocs}, {@code cdf}, {@code hss} subpackages) shares: {@link
 * org.diameter4j.simulator.Rules} for negative tests, matched per command and subscriber, and the
 * {@link org.diameter4j.simulator.Terminator} that answers every application request with 3001 or
 * 5012 (seed 002).
 */
package org.diameter4j.simulator;
