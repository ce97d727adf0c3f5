package io.myriad.orchestrator.query;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryResultsTest {

    @Test
    void keepsOnlyTheMostRecentQueries() {
        QueryResults results = new QueryResults(2);

        results.store(answer("q-1"));
        results.store(answer("q-2"));
        results.store(answer("q-3"));

        assertThat(results.find("q-1")).isEmpty();
        assertThat(results.find("q-2")).contains(answer("q-2"));
        assertThat(results.find("q-3")).contains(answer("q-3"));
    }

    private static QueryAnswer answer(String queryId) {
        return new QueryAnswer(queryId, null, "What is a lightbulb?", "define", "answered", "It makes light.", "text",
                false, List.of("lightbulb"), List.of(), List.of(), null, 1);
    }
}
