package io.myriad.observability.web;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemJsonTest {

    @Test
    void namesTheProblemTypeAfterTheStatus() {
        assertThat(ProblemJson.type(404)).hasToString("https://myriad.io/problems/not-found");
        assertThat(ProblemJson.type(413)).hasToString("https://myriad.io/problems/content-too-large");
        assertThat(ProblemJson.type(415)).hasToString("https://myriad.io/problems/unsupported-media-type");
        assertThat(ProblemJson.type(599)).hasToString("https://myriad.io/problems/error");
    }

    @Test
    void rendersValidJsonWhateverTheDetailHolds() {
        JsonNode problem = JsonMapper.builder().build()
                .readTree(ProblemJson.render(400, "a \"quoted\" \\ back\nslash\u0001"));

        assertThat(problem.path("type").asString()).isEqualTo("https://myriad.io/problems/bad-request");
        assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asString()).isEqualTo("a \"quoted\" \\ back\nslash\u0001");
    }

    @Test
    void tellsTheClientNothingAboutTheServerOnAServerError() {
        assertThat(ProblemJson.detail(500)).isEqualTo("The request could not be completed");
        assertThat(ProblemJson.detail(502)).isEqualTo("The request could not be completed");
    }
}
