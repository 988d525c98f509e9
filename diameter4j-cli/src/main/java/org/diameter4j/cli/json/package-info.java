/** The JSON that d4j prints for messages, AVPs and decode failures: one shape for every command. */
package org.diameter4j.cli.json;
