/** A bounded, expiring session store behind an interface (RFC 6733 §8). */
module org.diameter4j.session {
    exports org.diameter4j.session;
}
