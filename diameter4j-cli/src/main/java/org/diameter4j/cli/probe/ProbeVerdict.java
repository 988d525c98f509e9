package org.diameter4j.cli.probe;

import java.util.List;

/**
 * The outcome of a probe: the steps run and, on failure, the cause and the fix.
 *
 * @param cause a stable identifier of the diagnosis: "ok", "dns", "refused", "tcp-timeout", "tls",
 *     "no-cea", "closed-after-cer", "no-common-application", "unknown-peer",
 *     "origin-host-mismatch", "cea-error", "dwr-unanswered", "dpr-unanswered", "bind"
 * @param exitCode the d4j exit code: 0 passed, 1 Diameter-level cause, 3 cannot connect or
 *     capabilities exchange failed, 4 timeout
 */
public record ProbeVerdict(
        List<ProbeStep> steps, String cause, String explanation, String fix, int exitCode) {
    public boolean passed() {
        return exitCode == 0;
    }
}
