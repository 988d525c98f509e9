/**
 * Value types of RFC 6733 §4.2 (basic) and §4.3 (derived) AVP data formats that have a structure of
 * their own: {@link org.diameter4j.codec.type.DiameterAddress Address}, {@link
 * org.diameter4j.codec.type.DiameterTime Time}, {@link org.diameter4j.codec.type.DiameterUri
 * DiameterURI}, {@link org.diameter4j.codec.type.IpFilterRule IPFilterRule}, QoSFilterRule (RFC
 * 3588 §4.3) and UTF-8 validation. Pure value classes: no I/O, no dependency on the rest of the
 * codec.
 */
package org.diameter4j.codec.type;
