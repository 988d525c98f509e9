/**
 * Gy/Ro online charging (RFC 4006 / RFC 8506, 3GPP TS 32.299): typed Credit-Control-Request
 * builders (data sessions with Multiple-Services-Credit-Control, the SMS event of seed 001) and the
 * Credit-Control-Answer reader. The client session and the server sessions live in the subpackages;
 * the OCS simulator is {@code org.diameter4j.simulator.ocs} in module diameter4j-simulator, which
 * this module does not depend on.
 */
package org.diameter4j.gy;
