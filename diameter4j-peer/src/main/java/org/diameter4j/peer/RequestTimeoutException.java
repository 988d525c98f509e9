package org.diameter4j.peer;

/** No answer arrived within the request's timeout (M-09). */
public final class RequestTimeoutException extends DiameterException {
    public RequestTimeoutException(String message) {
        super(message);
    }
}
