package org.diameter4j.examples;

import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.NodeListener;
import org.diameter4j.peer.ApplicationId;

/**
 * A "terminator" test server (seed 002): accepts any peer, answers CER, DWR and DPR (the stack does
 * that by itself), and answers every application request with 5012 DIAMETER_UNABLE_TO_COMPLY. The
 * simplest thing a client can be pointed at to check its connection, capabilities exchange and
 * watchdog before the real server exists.
 *
 * <p>What it shows:
 *
 * <ul>
 *   <li>{@link NodeConfig.Builder#acceptAnyPeer}: a CER from any Origin-Host is accepted (a
 *       production node lists its peers instead).
 *   <li>Advertising the Relay application (0xffffffff): a client with any application finds a
 *       common one. Or advertise a list of applications, e.g. 4 (Gy) and 3 (Rf).
 *   <li>{@link NodeConfig.Builder#unsupportedCommandResult}(5012): a request no handler serves is
 *       answered with 5012 instead of RFC 6733's 3001 DIAMETER_COMMAND_UNSUPPORTED — no handler to
 *       write at all.
 *   <li>{@link DiameterNode#trace}: every message received and sent, printed in one line.
 * </ul>
 *
 * <p>Run it (from the repository root), then point a client at it (for instance {@link
 * LoadBalancedGyClient} with {@code localhost 3868 terminator.example.net client.example.com}):
 *
 * <pre>
 * ./mvnw -q -pl examples -am package -DskipTests
 * java -cp examples/target/classes:$(cat examples/target/classpath.txt) \
 *     org.diameter4j.examples.TerminatorServer 3868 terminator.example.net
 * </pre>
 *
 * Arguments: {@code [port [origin-host [application-id …]]]}; defaults 3868, terminator.example.net
 * and the Relay application. It listens on every address; Ctrl-C stops it (DPR to the connected
 * peers).
 */
public final class TerminatorServer {
    private TerminatorServer() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3868;
        String host = args.length > 1 ? args[1] : "terminator.example.net";
        List<ApplicationId> apps = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            apps.add(ApplicationId.auth(Long.parseLong(args[i])));
        }
        DiameterNode node = start(System.out, "0.0.0.0:" + port, host, apps);
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "terminator-close"));
        Thread.currentThread().join();
    }

    /**
     * Starts the server and returns at once; {@link DiameterNode#close()} stops it.
     *
     * @param listen where to listen, {@code host:port} ({@code 127.0.0.1:0}: a port the OS picks;
     *     read it back with {@link DiameterNode#listenAddresses()})
     * @param applications what to advertise in the CEA; empty for the Relay application
     */
    public static DiameterNode start(
            PrintStream out, String listen, String originHost, List<ApplicationId> applications) {
        NodeConfig.Builder b =
                NodeConfig.builder(originHost)
                        .listen(listen)
                        .acceptAnyPeer(true)
                        .unsupportedCommandResult(ResultCodes.DIAMETER_UNABLE_TO_COMPLY);
        if (applications.isEmpty()) {
            b.application(ApplicationId.relay());
        } else {
            applications.forEach(b::application);
        }
        DiameterNode node = DiameterNode.start(b.build());
        Dictionary d = node.dictionary();
        node.addListener(NodeListener.messages(t -> out.println(describe(d, t))));
        for (InetSocketAddress a : node.listenAddresses()) {
            out.println(
                    "terminator "
                            + originHost
                            + " listening on "
                            + (a.getAddress() instanceof Inet6Address
                                    ? "[" + a.getAddress().getHostAddress() + "]"
                                    : a.getAddress().getHostAddress())
                            + ":"
                            + a.getPort()
                            + ", advertising "
                            + (applications.isEmpty()
                                    ? "the Relay application (0xffffffff)"
                                    : node.identity().applications())
                            + ", answering application requests with 5012");
        }
        return node;
    }

    /**
     * One line per message: direction, peer, command, and the Result-Code of answers. (The trace
     * reports a peer's messages once the peer is known, so an inbound connection shows up with the
     * CEA we send, not with the CER we received.)
     */
    static String describe(Dictionary d, DiameterNode.Traced t) {
        DiameterMessage m = t.message();
        StringBuilder sb =
                new StringBuilder(t.received() ? "<- " : "-> ")
                        .append(d.commandName(m.applicationId(), m.commandCode(), m.isRequest()))
                        .append(t.received() ? " from " : " to ")
                        .append(t.peer())
                        .append(" (application ")
                        .append(m.applicationId())
                        .append(", command ")
                        .append(m.commandCode())
                        .append(')');
        Avp sid = d.get(m, "Session-Id");
        if (sid != null) {
            sb.append(" Session-Id ").append(sid.asUtf8());
        }
        Avp rc = d.get(m, "Result-Code");
        if (!m.isRequest() && rc != null) {
            long code = rc.asUnsigned32();
            sb.append(" Result-Code ").append(code);
            String name = d.resultCodeName(code);
            if (name != null) {
                sb.append(' ').append(name);
            }
        }
        return sb.toString();
    }
}
