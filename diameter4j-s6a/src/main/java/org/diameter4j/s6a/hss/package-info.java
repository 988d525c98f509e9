/**
 * The HSS simulator (M-13): subscribers from a YAML/JSON file, persisted SQNs, negative-test rules.
 */
package org.diameter4j.s6a.hss;
