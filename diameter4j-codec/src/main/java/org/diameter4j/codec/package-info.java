/**
 * The Diameter wire format of RFC 6733 §3 (message header) and §4 (AVPs): {@link
 * org.diameter4j.codec.DiameterMessage} and {@link org.diameter4j.codec.Avp} with lazy,
 * allocation-light decoding from and encoding to Netty {@code ByteBuf}s, and strict bounded
 * validation whose faults are {@link org.diameter4j.codec.DecodeFailure}s carrying the Result-Code
 * and Failed-AVP a peer must answer with (RFC 6733 §7.1, §7.5).
 *
 * <p>The codec is pure: no I/O, no threads, no channel or pipeline code. The dictionary layer plugs
 * in through {@link org.diameter4j.codec.AvpTypeResolver} to tell which AVPs are Grouped and what
 * type their values have.
 */
package org.diameter4j.codec;
