package org.diameter4j.cli.probe;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.diameter4j.peer.HostResolver;

/** Step 1: the peer's host name to addresses (an IP literal needs no lookup). */
final class DnsStep {
    private DnsStep() {}

    /** The peer's addresses, or null when the lookup failed (the log holds why). */
    static List<InetAddress> resolve(
            HostResolver resolver, String host, Duration timeout, StepLog log) {
        long t0 = StepLog.start();
        try {
            List<InetAddress> addrs =
                    resolver.resolve(host).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.record(resolved(host, addrs), t0);
            return addrs;
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            log.record(failed(host, e, timeout), t0);
            return null;
        }
    }

    static Finding resolved(String host, List<InetAddress> addrs) {
        List<String> shown = addrs.stream().map(InetAddress::getHostAddress).toList();
        return Finding.passed(
                "DNS",
                host.equals(shown.get(0))
                        ? host + " (IP literal, no lookup)"
                        : host + " -> " + String.join(", ", shown));
    }

    static Finding failed(String host, Throwable e, Duration timeout) {
        String why =
                e instanceof TimeoutException
                        ? host + ": no answer from DNS within " + timeout.toSeconds() + " s"
                        : Words.message(e).replaceFirst("^DNS: ", "");
        return Finding.failed(
                "DNS",
                why,
                "dns",
                "DNS failure: " + why + ".",
                "Check the spelling of the FQDN, this machine's DNS settings (/etc/resolv.conf)"
                        + " and its network access; or give the peer's IP address instead.",
                3);
    }
}
