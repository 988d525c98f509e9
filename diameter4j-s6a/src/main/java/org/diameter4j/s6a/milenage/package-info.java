/**
 * MILENAGE (3GPP TS 35.206) and EPS AKA vectors, K_ASME and resynchronisation (TS 33.401, TS
 * 33.102).
 */
package org.diameter4j.s6a.milenage;
