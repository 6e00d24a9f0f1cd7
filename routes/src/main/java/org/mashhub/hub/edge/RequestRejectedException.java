package org.mashhub.hub.edge;

import org.springframework.http.HttpStatus;

/** A request refused at the HTTP edge before its content is read: too large, or not the right media type. */
public class RequestRejectedException extends RuntimeException {

    private final HttpStatus status;

    public RequestRejectedException(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
