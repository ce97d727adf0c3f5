package io.myriad.orchestrator.query;

import java.io.IOException;

/** A request body longer than the API takes; an {@link IOException} so that it can end a read. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("Request body larger than " + limit + " bytes");
    }
}
