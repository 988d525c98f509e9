package org.diameter4j.cli.probe;

/**
 * What one step found, before it is timed: passed with what was exchanged, or failed with the
 * diagnosis the verdict shows. Pure, so each diagnosis is tested without a network.
 *
 * @param step the step's name ("DNS", "TCP", "TLS", "CER/CEA", "DWR/DWA", "DPR/DPA")
 * @param detail the step line's text
 * @param cause when failed, the {@link ProbeVerdict#cause()}; null when passed
 * @param explanation when failed, what went wrong in a user's words
 * @param fix when failed, what to do about it
 * @param exitCode when failed, the d4j exit code (see {@link ProbeVerdict})
 */
record Finding(
        String step, String detail, String cause, String explanation, String fix, int exitCode) {

    static Finding passed(String step, String detail) {
        return new Finding(step, detail, null, null, null, 0);
    }

    static Finding failed(
            String step,
            String detail,
            String cause,
            String explanation,
            String fix,
            int exitCode) {
        return new Finding(step, detail, cause, explanation, fix, exitCode);
    }

    boolean ok() {
        return cause == null;
    }
}
