package io.myriad.reminder.web;

/**
 * The form of the ids this service hands out ({@code UUID.randomUUID()}). A path's id is checked against it before
 * it becomes part of a Redis key: {@code reminder:<id>} with an id of {@code <uuid>:deliveries} would be another
 * structure's key.
 */
public final class Ids {

    public static final String UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    public static final String NOT_AN_ID = "must be an id as this API returned it (a lower-case UUID)";

    private Ids() {
    }
}
