/**
 * JMH benchmarks of the codec (encode, decode, read) on realistic messages: a ~300-byte Gy CCR and
 * a CEA. Run them as docs/benchmarks.md says; never from unit tests.
 */
package org.diameter4j.benchmarks;
