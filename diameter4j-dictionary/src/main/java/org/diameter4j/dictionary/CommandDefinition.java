package org.diameter4j.dictionary;

/**
 * A command as its grammar defines it (RFC 6733 §3.2): one direction (request or answer) of one
 * command code in one application.
 *
 * @param name the long name ("Capabilities-Exchange-Request")
 * @param abbreviation the short name ("CER")
 * @param code the Command-Code
 * @param applicationId the Application-Id the grammar belongs to
 * @param request true for the request (R bit)
 * @param proxiable true when the P bit is set
 * @param grammar the AVPs it carries
 * @param location where it was defined
 */
public record CommandDefinition(
        String name,
        String abbreviation,
        int code,
        long applicationId,
        boolean request,
        boolean proxiable,
        Grammar grammar,
        SourceLocation location) {}
