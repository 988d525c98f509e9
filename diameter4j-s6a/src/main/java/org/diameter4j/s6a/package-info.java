/**
 * S6a/S6d (3GPP TS 29.272): typed ULR/ULA, AIR/AIA, PUR/PUA, CLR/CLA, IDR/IDA ({@link
 * org.diameter4j.s6a.S6aMessages}, {@link org.diameter4j.s6a.S6aRequest}, {@link
 * org.diameter4j.s6a.S6aAnswer}), PLMN ids, TBCD, and the MME-side {@link
 * org.diameter4j.s6a.S6aClient}.
 */
package org.diameter4j.s6a;
