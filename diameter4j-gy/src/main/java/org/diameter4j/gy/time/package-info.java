/**
 * Time for the credit-control timers (Tx, Tcc, Validity-Time): the system clock in production, a
 * manual clock in tests, so every timer path is tested without sleeping.
 */
package org.diameter4j.gy.time;
