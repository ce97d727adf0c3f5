package io.myriad.inputprocessor.vocabulary;

import java.util.Arrays;
import java.util.List;

import io.myriad.contracts.graph.ConceptName;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** Asks graphdb-manager for every concept's names ({@code GET /api/v1/concepts/names}). */
@Component
public class ConceptNamesClient {

    private final RestClient restClient;

    /** Over the fleet's graphdb client ({@link io.myriad.contracts.graph.client.GraphdbClientConfiguration}). */
    public ConceptNamesClient(RestClient graphdbRestClient) {
        this.restClient = graphdbRestClient;
    }

    /** Every concept's canonical name and aliases; throws when graphdb-manager does not answer with them. */
    public List<ConceptName> conceptNames() {
        ConceptName[] names = this.restClient.get().uri("/api/v1/concepts/names").retrieve().body(ConceptName[].class);
        return names == null ? List.of() : Arrays.asList(names);
    }
}
