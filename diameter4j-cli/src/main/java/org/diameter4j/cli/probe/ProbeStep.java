package org.diameter4j.cli.probe;

/**
 * One step of a probe and how it went.
 *
 * @param name "DNS", "TCP", "TLS", "CER/CEA", "DWR/DWA", "DPR/DPA"
 * @param ok passed
 * @param millis how long it took
 * @param detail what was exchanged or found ("127.0.0.1, ::1", "CEA 2001 from ocs.example.net …")
 */
public record ProbeStep(String name, boolean ok, double millis, String detail) {}
