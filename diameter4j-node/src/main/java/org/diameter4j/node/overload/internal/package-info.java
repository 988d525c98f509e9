/**
 * DOIC's moving parts (RFC 7683), for {@link org.diameter4j.node.DiameterNode} only: the reacting
 * node's overload control state ({@link org.diameter4j.node.overload.internal.ReportTable},
 * §5.2.1.1, §5.2.3), the loss algorithm's decision ({@link
 * org.diameter4j.node.overload.internal.LossAlgorithm}, §6.3), the reporting node's own report
 * ({@link org.diameter4j.node.overload.internal.OwnReport}, §5.2.1.2, §6.2), the AVPs (§7) and the
 * engine that ties them to a node ({@link org.diameter4j.node.overload.internal.Overload}). Not
 * exported by the module.
 */
package org.diameter4j.node.overload.internal;
