package io.myriad.orchestrator.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.myriad.orchestrator.OrchestratorProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The most recent queries' results, each with the user who asked, for {@code GET /api/v1/queries/{id}}; the oldest
 * go first when full.
 */
@Component
class QueryResults {

    private final Map<String, Asked> recent;

    @Autowired
    QueryResults(OrchestratorProperties properties) {
        this(properties.retainedQueries());
    }

    QueryResults(int capacity) {
        this.recent = new LinkedHashMap<>(capacity * 4 / 3 + 1) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Asked> eldest) {
                return size() > capacity;
            }
        };
    }

    void store(QueryAnswer answer, String userId) {
        synchronized (this.recent) {
            this.recent.put(answer.queryId(), new Asked(userId, answer));
        }
    }

    /** The answer, if the query is still kept and {@code userId} asked it; empty for anyone else's. */
    Optional<QueryAnswer> find(String queryId, String userId) {
        Asked asked;
        synchronized (this.recent) {
            asked = this.recent.get(queryId);
        }
        return (asked != null && asked.userId().equals(userId)) ? Optional.of(asked.answer()) : Optional.empty();
    }

    private record Asked(String userId, QueryAnswer answer) {
    }
}
