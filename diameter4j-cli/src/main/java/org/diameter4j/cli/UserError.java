package org.diameter4j.cli;

/**
 * A fault the user can fix — a missing file, a bad value — reported as one line naming the cause
 * and the fix, with the exit code it deserves. Never shown with a stack trace.
 */
public final class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public static UserError usage(String message) {
        return new UserError(Main.USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
