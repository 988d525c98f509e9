/** {@code d4j client}: message templates, the one-peer client node, sessions and reports. */
package org.diameter4j.cli.send;
