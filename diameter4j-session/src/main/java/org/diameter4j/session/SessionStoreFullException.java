package org.diameter4j.session;

/**
 * The store holds its maximum number of live sessions; a server answers 5006
 * DIAMETER_RESOURCES_EXCEEDED.
 */
public final class SessionStoreFullException extends RuntimeException {
    public SessionStoreFullException(String message) {
        super(message, null, false, false);
    }
}
