/**
 * What every fuzz target shares: the allocation meter that holds decoders to "never allocate what
 * an untrusted length asks for" (RFC 6733 §3, §4.1), the JUL capture that sees exceptions Netty
 * logs from an event loop, and the seed messages.
 *
 * <p>The targets themselves sit in the package of the code they fuzz, so that they can reach its
 * package-private entry points; each one is a Jazzer {@code @FuzzTest} whose regression corpus is
 * {@code src/test/resources/<package>/<TargetClass>Inputs/<method>/} (docs/reliability.md).
 */
package org.diameter4j.fuzz;
