/**
 * The credit-control client (RFC 4006 §7): the client state machine as a transition table quoting
 * the RFC, Tx, Credit-Control-Failure-Handling, failover with the T flag, Validity-Time and quota
 * threshold re-authorisation, and the RAR/ASR handlers.
 */
package org.diameter4j.gy.client;
