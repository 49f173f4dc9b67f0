package dev.lockstep.examples.retryclient;

/** The provider refused a request without charging it (HTTP 503); a retry may succeed. */
public final class GatewayUnavailableException extends RuntimeException {
    public GatewayUnavailableException(String message) {
        super(message);
    }
}
