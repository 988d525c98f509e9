/**
 * The OCS simulator (MISSION M-13, Gy: RFC 4006 / RFC 8506): {@link
 * org.diameter4j.simulator.ocs.OcsSimulator} keeps per-subscriber balances and reservations per
 * session and rating group, answers 4012 DIAMETER_CREDIT_LIMIT_REACHED and 5030
 * DIAMETER_USER_UNKNOWN, and applies negative-test {@link org.diameter4j.simulator.Rules}. Its
 * configuration is {@link org.diameter4j.simulator.ocs.OcsConfig}; the message types are those of
 * diameter4j-gy.
 */
package org.diameter4j.simulator.ocs;
