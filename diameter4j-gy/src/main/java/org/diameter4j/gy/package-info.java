/**
 * Gy/Ro online charging (RFC 4006 / RFC 8506, 3GPP TS 32.299): typed Credit-Control-Request
 * builders (data sessions with Multiple-Services-Credit-Control, the SMS event of seed 001) and the
 * Credit-Control-Answer reader. The client session, the server sessions and the OCS simulator live
 * in the subpackages.
 */
package org.diameter4j.gy;
