/**
 * Connections to peers (RFC 6733 §2.1, §13): TCP, TLS and SCTP on Netty, message framing with the
 * length checked before allocation, write coalescing, back-pressure. Used by the peer layer; an
 * application configures it through {@code NodeConfig}.
 */
module org.diameter4j.transport {
    requires transitive org.diameter4j.codec;
    requires transitive io.netty.transport;
    requires transitive io.netty.handler;
    requires io.netty.common;
    requires io.netty.codec;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.sctp;
    requires static jdk.sctp; // probed at run time: SCTP where the JDK and the kernel have it

    exports org.diameter4j.transport;
}
