package io.myriad.agents.graphdb;

import java.util.Optional;

import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.graph.ConceptKnowledge;

import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The two graphdb-manager calls the agents make, over the fleet's graphdb client
 * ({@link io.myriad.contracts.graph.client.GraphdbClientConfiguration}), so each call is a span of the task's trace.
 */
@Component
public class GraphdbClient {

    private final RestClient http;

    public GraphdbClient(RestClient graphdbRestClient) {
        this.http = graphdbRestClient;
    }

    /** The agent of that id, empty when the registry has none. */
    public Optional<AgentDescriptor> agent(String id) {
        return get("/api/v1/agents/{id}", id, AgentDescriptor.class);
    }

    /** What the graph knows of a concept, empty when it knows no such concept. */
    public Optional<ConceptKnowledge> concept(String name) {
        return get("/api/v1/concepts/{name}", name, ConceptKnowledge.class);
    }

    private <T> Optional<T> get(String path, String variable, Class<T> type) {
        try {
            return Optional.ofNullable(this.http.get().uri(path, variable).retrieve().body(type));
        }
        catch (HttpClientErrorException.NotFound notFound) {
            return Optional.empty();
        }
        catch (RestClientException ex) {
            throw new GraphdbUnavailableException("graphdb-manager did not answer " + path, ex);
        }
    }
}
