/**
 * Diameter Overload Indication Conveyance (DOIC, RFC 7683) with the loss abatement algorithm (§6):
 * what an application sees of it. A node with {@link org.diameter4j.node.overload.OverloadConfig
 * overload control enabled} is a reacting node — its requests carry OC-Supported-Features (§5.1.1),
 * the OC-OLR reports in their answers reduce the traffic it sends to the reporting host or realm
 * (§5.2, §6.3), a throttled request goes to another peer where routing allows and otherwise fails
 * with {@link org.diameter4j.node.overload.ThrottledException} — and a reporting node: {@link
 * org.diameter4j.node.overload.OverloadControl#report} puts an OC-OLR in its answers to the
 * requests that advertised DOIC (§5.1.2, §6.2). The state machines live in {@code
 * org.diameter4j.node.overload.internal}, which is not API.
 */
package org.diameter4j.node.overload;
