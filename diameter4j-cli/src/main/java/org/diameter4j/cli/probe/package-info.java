/**
 * {@code d4j probe} (MISSION M-27): walks DNS → TCP (→ TLS) → CER/CEA → DWR/DWA → DPR/DPA against a
 * peer, times each step, and names the cause and the fix of the first failure in plain words.
 */
package org.diameter4j.cli.probe;
