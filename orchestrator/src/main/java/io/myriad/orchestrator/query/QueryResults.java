package io.myriad.orchestrator.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.myriad.orchestrator.OrchestratorProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The most recent queries' results, for {@code GET /api/v1/queries/{id}}; the oldest go first when full. */
@Component
class QueryResults {

    private final Map<String, QueryAnswer> recent;

    @Autowired
    QueryResults(OrchestratorProperties properties) {
        this(properties.retainedQueries());
    }

    QueryResults(int capacity) {
        this.recent = new LinkedHashMap<>(capacity * 4 / 3 + 1) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, QueryAnswer> eldest) {
                return size() > capacity;
            }
        };
    }

    void store(QueryAnswer answer) {
        synchronized (this.recent) {
            this.recent.put(answer.queryId(), answer);
        }
    }

    Optional<QueryAnswer> find(String queryId) {
        synchronized (this.recent) {
            return Optional.ofNullable(this.recent.get(queryId));
        }
    }
}
