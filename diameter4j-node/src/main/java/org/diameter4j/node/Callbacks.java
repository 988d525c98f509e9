package org.diameter4j.node;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where user code runs: request handlers and the continuations of the futures {@link
 * DiameterNode#send} returns. Never on an event loop unless the user asks for it ({@link
 * NodeConfig.Builder#callbackExecutor}), so that a handler that blocks — a database, a remote call,
 * a {@code join()} — stalls neither the connection's I/O nor its watchdog (RFC 6733 §5.5, RFC 3539:
 * a DWA that waits behind a slow handler gets the peer declared down).
 */
final class Callbacks {
    private Callbacks() {}

    /**
     * The node's own pool: one virtual thread per task where the JVM has them (Java 21+), else
     * {@code max(4, 2 × cores)} daemon threads named {@code diameter4j-callbacks-<node>-N}.
     */
    static ExecutorService defaultPool(String node) {
        ExecutorService virtual = virtualThreads();
        if (virtual != null) {
            return virtual;
        }
        int n = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(
                        n,
                        n,
                        30,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        r -> {
                            Thread t =
                                    new Thread(
                                            r,
                                            "diameter4j-callbacks-"
                                                    + node
                                                    + "-"
                                                    + count.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Executors.newVirtualThreadPerTaskExecutor() when it exists; looked up once per node. */
    private static ExecutorService virtualThreads() {
        try {
            return (ExecutorService)
                    MethodHandles.publicLookup()
                            .findStatic(
                                    java.util.concurrent.Executors.class,
                                    "newVirtualThreadPerTaskExecutor",
                                    MethodType.methodType(ExecutorService.class))
                            .invoke();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // Java 17-20
        } catch (Throwable e) {
            return null;
        }
    }

    /** {@code f}, completing on {@code e}: what a user chains on it runs there. */
    static <T> CompletableFuture<T> completeOn(CompletableFuture<T> f, Executor e) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete(
                (v, t) -> {
                    Runnable done =
                            () -> {
                                if (t != null) {
                                    out.completeExceptionally(t);
                                } else {
                                    out.complete(v);
                                }
                            };
                    try {
                        e.execute(done);
                    } catch (RejectedExecutionException closing) {
                        done.run(); // the node is closing: never leave the caller waiting
                    }
                });
        return out;
    }

    /** Runs {@code work} on {@code e}; its future, or what it threw, completes the result. */
    static <T> CompletableFuture<T> run(Executor e, Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> out = new CompletableFuture<>();
        Runnable task =
                () -> {
                    try {
                        work.get()
                                .whenComplete(
                                        (v, t) -> {
                                            if (t != null) {
                                                out.completeExceptionally(t);
                                            } else {
                                                out.complete(v);
                                            }
                                        });
                    } catch (RuntimeException | Error t) {
                        out.completeExceptionally(t);
                    }
                };
        try {
            e.execute(task);
        } catch (RejectedExecutionException closing) {
            out.completeExceptionally(closing);
        }
        return out;
    }
}
