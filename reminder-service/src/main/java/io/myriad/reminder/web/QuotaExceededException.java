package io.myriad.reminder.web;

import java.util.List;

/**
 * A create refused because the user already holds as many of these as one user may. A kind of invalid request, so
 * that a remind command over the quota goes to the dead-letter topic at once (asking again would not change it);
 * the API answers it with 409 rather than 400 ({@link Problems}).
 */
public class QuotaExceededException extends InvalidRequestException {

    private final Limit limit;

    private final int max;

    public QuotaExceededException(Limit limit, int max) {
        super(List.of("a user may have at most " + max + " " + limit.value() + "; delete some to make room"));
        this.limit = limit;
        this.max = max;
    }

    public Limit limit() {
        return this.limit;
    }

    public int max() {
        return this.max;
    }
}
