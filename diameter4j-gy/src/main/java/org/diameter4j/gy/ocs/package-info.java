/**
 * The OCS simulator (MISSION M-13): per-subscriber balances, reservations per session and rating
 * group, 4012 DIAMETER_CREDIT_LIMIT_REACHED and 5030 DIAMETER_USER_UNKNOWN, negative-test rules.
 */
package org.diameter4j.gy.ocs;
