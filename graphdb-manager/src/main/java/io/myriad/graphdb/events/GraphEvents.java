package io.myriad.graphdb.events;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.myriad.contracts.Topics;
import io.myriad.contracts.graph.AgentCreated;
import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.graph.ConceptsChanged;
import io.myriad.graphdb.GraphdbProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes what changed in the graph and waits until Kafka has acknowledged it, so that an event is never lost
 * silently: when the broker does not acknowledge in time the caller gets an {@link EventNotPublishedException}.
 */
@Component
public class GraphEvents {

    private static final Logger log = LoggerFactory.getLogger(GraphEvents.class);

    private final KafkaTemplate<String, Object> kafka;

    private final GraphdbProperties properties;

    public GraphEvents(KafkaTemplate<String, Object> kafka, GraphdbProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    public void conceptsChanged(List<String> names) {
        send(Topics.CONCEPT_CHANGES, null, new ConceptsChanged(List.copyOf(names)));
    }

    public void agentCreated(AgentDescriptor agent) {
        send(Topics.AGENT_LIFECYCLE, agent.id(), new AgentCreated(agent));
    }

    private void send(String topic, String key, Object event) {
        try {
            this.kafka.send(topic, key, event).get(this.properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException(topic, ex);
        }
        catch (ExecutionException | TimeoutException | RuntimeException ex) {
            log.warn("Kafka did not acknowledge {} on {}: {}", event.getClass().getSimpleName(), topic, ex.toString());
            throw new EventNotPublishedException(topic, ex);
        }
    }
}
