/** {@code d4j bench}: closed- and open-loop load with HdrHistogram latency. */
package org.diameter4j.cli.bench;
