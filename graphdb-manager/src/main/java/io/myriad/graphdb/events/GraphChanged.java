package io.myriad.graphdb.events;

/**
 * In-process news that a request wrote concepts or agents, published through Spring's
 * {@code ApplicationEventPublisher} once the write is committed. Whatever counts the graph listens for it, so the
 * writers need not know who counts: the gauges in {@code stats} read the agents' origins, and the writers importing
 * the gauges back made the two packages one tangle.
 */
public record GraphChanged() {
}
