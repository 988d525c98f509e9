/**
 * {@code d4j}, the diameter4j command line (MISSION M-27): {@code demo}, {@code server}, {@code
 * client}, {@code probe}, {@code decode}, {@code bench}, {@code node} and {@code show}, with the
 * exit codes the README lists (0 success, 1 Diameter-level failure, 2 usage or configuration, 3
 * cannot connect, 4 timeout). Errors name the cause and the fix; stack traces appear only with
 * --debug.
 */
package org.diameter4j.cli;
