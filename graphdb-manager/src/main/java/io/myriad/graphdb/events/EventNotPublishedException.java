package io.myriad.graphdb.events;

/** Kafka did not acknowledge an event the graph must announce; the request that caused it answers 503. */
public class EventNotPublishedException extends RuntimeException {

    public EventNotPublishedException(String topic, Throwable cause) {
        super("The event could not be published on " + topic, cause);
    }
}
