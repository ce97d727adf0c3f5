package io.myriad.observability.web;

/**
 * The closed set of outcomes an {@link ApiOperation} is counted under, read off the response's status code.
 */
enum ApiOperationStatus {

    /** Any status below 400. */
    SUCCESS("success"),

    /** 400: the request was malformed or failed validation. */
    INVALID("invalid"),

    /** 404: what it names does not exist (or is not the caller's). */
    NOT_FOUND("not_found"),

    /** Any other 4xx: refused, e.g. 409 or 413. */
    REJECTED("rejected"),

    /** 5xx, or an exception that left the handler unanswered. */
    ERROR("error");

    private final String tag;

    ApiOperationStatus(String tag) {
        this.tag = tag;
    }

    String tag() {
        return this.tag;
    }

    /**
     * The outcome of a response with {@code status}; {@code failed} when an exception escaped the handler, which a
     * response still at a success status has not answered yet (the container will with 500).
     */
    static ApiOperationStatus of(int status, boolean failed) {
        if (status < 400) {
            return failed ? ERROR : SUCCESS;
        }
        return switch (status) {
            case 400 -> INVALID;
            case 404 -> NOT_FOUND;
            default -> (status < 500) ? REJECTED : ERROR;
        };
    }
}
