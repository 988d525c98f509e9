/**
 * The HSS simulator (M-13, S6a: TS 29.272): {@link org.diameter4j.simulator.hss.HssSimulator}
 * serves subscribers from a YAML/JSON file ({@link org.diameter4j.simulator.hss.SubscriberStore}),
 * generates EPS AKA vectors with {@link org.diameter4j.s6a.milenage.EpsAka} (TS 33.401), persists
 * SQNs, and applies negative-test {@link org.diameter4j.simulator.Rules}. The message types are
 * those of diameter4j-s6a.
 */
package org.diameter4j.simulator.hss;
