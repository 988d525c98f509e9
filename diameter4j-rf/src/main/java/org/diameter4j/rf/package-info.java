/**
 * Rf offline charging, the CTF side (RFC 6733 §9, 3GPP TS 32.299): {@link
 * org.diameter4j.rf.AccountingSession} produces START / INTERIM / STOP and EVENT records with
 * Accounting-Record-Number sequencing and INTERIM records scheduled at the ACA's
 * Acct-Interim-Interval; {@link org.diameter4j.rf.AccountingClient} runs sessions on a {@link
 * org.diameter4j.node.DiameterNode}; {@link org.diameter4j.rf.AccountingAnswer} reads ACAs. The CDF
 * simulator is {@code org.diameter4j.simulator.cdf} in module diameter4j-simulator.
 */
package org.diameter4j.rf;
