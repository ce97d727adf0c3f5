package io.myriad.orchestrator.query;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryResultsTest {

    @Test
    void keepsOnlyTheMostRecentQueries() {
        QueryResults results = new QueryResults(2);

        results.store(answer("q-1"), "alice");
        results.store(answer("q-2"), "alice");
        results.store(answer("q-3"), "alice");

        assertThat(results.find("q-1", "alice")).isEmpty();
        assertThat(results.find("q-2", "alice")).contains(answer("q-2"));
        assertThat(results.find("q-3", "alice")).contains(answer("q-3"));
    }

    @Test
    void givesAQueryOnlyToTheUserWhoAskedIt() {
        QueryResults results = new QueryResults(2);

        results.store(answer("q-1"), "alice");

        assertThat(results.find("q-1", "alice")).contains(answer("q-1"));
        assertThat(results.find("q-1", "bob")).isEmpty();
    }

    private static QueryAnswer answer(String queryId) {
        return new QueryAnswer(queryId, null, "What is a lightbulb?", "define", "answered", "It makes light.", "text",
                false, List.of("lightbulb"), List.of(), List.of(), null, 1);
    }
}
