/**
 * The Diameter codec (RFC 6733 §3, §4): messages, AVPs, data types, typed AVP keys, and bounded
 * decoding that answers malformed input with a Result-Code and Failed-AVP. Netty's {@code ByteBuf}
 * is its only dependency.
 */
module org.diameter4j.codec {
    requires transitive io.netty.buffer;

    exports org.diameter4j.codec;
    exports org.diameter4j.codec.type;
}
