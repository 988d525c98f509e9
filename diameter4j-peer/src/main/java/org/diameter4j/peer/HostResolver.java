package org.diameter4j.peer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.diameter4j.codec.type.DiameterAddress;

/**
 * Name resolution for peers (M-01): asked again at every connection attempt, so a load balancer
 * whose addresses change is followed. Never blocks the caller's thread.
 */
@FunctionalInterface
public interface HostResolver {
    CompletableFuture<List<InetAddress>> resolve(String host);

    /**
     * The JDK resolver (hosts file, DNS) on a small daemon thread pool; IP literals need no lookup.
     */
    static HostResolver system() {
        Executor pool =
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t = new Thread(r, "d4j-resolver");
                            t.setDaemon(true);
                            return t;
                        });
        return host -> {
            if (DiameterAddress.isIpLiteral(host)) {
                return CompletableFuture.completedFuture(
                        List.of(DiameterAddress.parse(host).inetAddress()));
            }
            return CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return List.of(InetAddress.getAllByName(host));
                        } catch (UnknownHostException e) {
                            throw new DiameterException(
                                    "DNS: cannot resolve '"
                                            + host
                                            + "'"
                                            + (e.getMessage() != null
                                                            && !e.getMessage().equals(host)
                                                    ? " (" + e.getMessage() + ")"
                                                    : ""),
                                    e);
                        }
                    },
                    pool);
        };
    }
}
