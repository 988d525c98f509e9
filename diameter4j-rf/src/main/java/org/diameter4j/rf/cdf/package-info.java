/**
 * The CDF simulator (M-13): {@link org.diameter4j.rf.cdf.CdfSimulator} answers ACRs and writes
 * every accounting record durably, once, as a JSON line ({@link org.diameter4j.rf.cdf.RecordLog});
 * the fsync policy is {@link org.diameter4j.rf.cdf.FsyncPolicy}; negative tests use the simulator
 * {@link org.diameter4j.simulator.Rules} (command "ACR", request-type START/INTERIM/STOP/EVENT).
 */
package org.diameter4j.rf.cdf;
