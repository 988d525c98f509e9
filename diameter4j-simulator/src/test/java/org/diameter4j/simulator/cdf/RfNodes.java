package org.diameter4j.simulator.cdf;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerConfig;

/** Loopback nodes and record-file reading for the CDF tests. */
final class RfNodes {
    static final Dictionary D = Dictionary.standard();
    static final String CDF_HOST = "cdf.example.net";

    private RfNodes() {}

    /** A CDF node listening on 127.0.0.1, any port. */
    static DiameterNode cdfNode(int port) {
        return DiameterNode.start(
                NodeConfig.builder(CDF_HOST)
                        .application(ApplicationId.acct(3))
                        .listen("127.0.0.1:" + port)
                        .acceptAnyPeer(true)
                        .build());
    }

    /** A CTF node connected to the CDF at {@code port}, ready. */
    static DiameterNode client(String host, int port) {
        DiameterNode c =
                DiameterNode.start(
                        NodeConfig.builder(host)
                                .application(ApplicationId.acct(3))
                                .requestTimeout(Duration.ofSeconds(5))
                                .peer(
                                        PeerConfig.connectTo("aaa://127.0.0.1:" + port)
                                                .destinationHost(CDF_HOST)
                                                .build())
                                .build());
        try {
            c.awaitReady(CDF_HOST, Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** A bare ACR (Origin-* and Destination-Realm are added by the node). */
    static DiameterMessage acr(String sessionId, String type, long number) {
        return D.request("ACR", 3)
                .add(D.avp("Session-Id", sessionId))
                .add(D.avp("Accounting-Record-Type", type))
                .add(D.avp("Accounting-Record-Number", number))
                .add(D.avp("Acct-Application-Id", 3));
    }

    static long resultCode(DiameterMessage answer) {
        return D.get(answer, "Result-Code").asUnsigned32();
    }

    private static final ObjectMapper RECORDS =
            new ObjectMapper().configure(DeserializationFeature.USE_LONG_FOR_INTS, true);

    /** The record file's lines, parsed. */
    static List<Map<String, Object>> records(Path file) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(RECORDS.readValue(line, new TypeReference<Map<String, Object>>() {}));
            }
        }
        return out;
    }

    static List<Map<String, Object>> records(Path file, String sessionId) throws IOException {
        return records(file).stream().filter(r -> sessionId.equals(r.get("Session-Id"))).toList();
    }
}
