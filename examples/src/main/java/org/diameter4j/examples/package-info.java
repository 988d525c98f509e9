/**
 * Runnable examples mirroring real use: a Gy client to a server behind a load balancer (seeds 000
 * and 001), a terminator server (seed 002), an MME/HSS pair doing S6a (seed 004).
 */
package org.diameter4j.examples;
