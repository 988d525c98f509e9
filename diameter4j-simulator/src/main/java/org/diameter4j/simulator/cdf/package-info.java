/**
 * The CDF simulator (M-13, Rf: RFC 6733 §9, TS 32.299): {@link
 * org.diameter4j.simulator.cdf.CdfSimulator} answers ACRs and writes every accounting record
 * durably, once, as a JSON line ({@link org.diameter4j.simulator.cdf.RecordLog}); the fsync policy
 * is {@link org.diameter4j.simulator.cdf.FsyncPolicy}; the open accounting sessions (RFC 6733 §8.2)
 * are held, bounded by {@code max-sessions}, in {@code CdfSessions}; negative tests use the
 * simulator {@link org.diameter4j.simulator.Rules} (command "ACR", request-type
 * START/INTERIM/STOP/EVENT). The accounting client it answers is {@link
 * org.diameter4j.rf.AccountingSession} in diameter4j-rf.
 */
package org.diameter4j.simulator.cdf;
