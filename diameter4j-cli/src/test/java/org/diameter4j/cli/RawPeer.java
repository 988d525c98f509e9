package org.diameter4j.cli;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DecodeResult;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.internal.Capabilities;

/**
 * A misbehaving "peer" on a raw loopback socket (port chosen by the OS): it does exactly what a
 * test scripts for each accepted connection, so the faults a probe must diagnose are real.
 */
final class RawPeer implements AutoCloseable {
    /** What to do with one accepted connection. */
    interface Behaviour {
        void serve(Socket s) throws Exception;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    RawPeer(Behaviour behaviour) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor =
                new Thread(
                        () -> {
                            while (!server.isClosed()) {
                                try {
                                    Socket s = server.accept();
                                    accepted.add(s);
                                    Thread t =
                                            new Thread(
                                                    () -> {
                                                        try (s) {
                                                            behaviour.serve(s);
                                                        } catch (Exception ignored) {
                                                            // the probe closed, or the test ended
                                                        }
                                                    },
                                                    "raw-peer-conn");
                                    t.setDaemon(true);
                                    t.start();
                                } catch (IOException closed) {
                                    return;
                                }
                            }
                        },
                        "raw-peer-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Accepts and then never sends a byte (reads and discards until the other side closes). */
    static Behaviour silent() {
        return s -> {
            byte[] b = new byte[4096];
            while (s.getInputStream().read(b) >= 0) {
                // swallow
            }
        };
    }

    /** Reads one message and returns it; null when the other side closed first. */
    static DiameterMessage read(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] head = new byte[4];
        try {
            in.readFully(head);
        } catch (EOFException e) {
            return null;
        }
        int len = ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        byte[] all = new byte[len];
        System.arraycopy(head, 0, all, 0, 4);
        in.readFully(all, 4, len - 4);
        DecodeResult r = new MessageDecoder(DecodeOptions.DEFAULT).decode(all, 0, len);
        if (!r.isSuccess()) {
            throw new IOException("undecodable message: " + r.failure());
        }
        return r.message();
    }

    static void write(Socket s, DiameterMessage m) throws IOException {
        OutputStream o = s.getOutputStream();
        o.write(m.toBytes());
        o.flush();
    }

    /** A canned CEA 2001 for {@code cer}, from {@code originHost}, advertising Gy. */
    static DiameterMessage cea(DiameterMessage cer, String originHost) {
        LocalIdentity me =
                new LocalIdentity(
                        originHost,
                        null,
                        0,
                        "raw test peer",
                        null,
                        List.of(),
                        List.of(ApplicationId.auth(4)),
                        null,
                        false);
        return Capabilities.cea(cer, me, InetAddress.getLoopbackAddress(), 2001, null, false);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
