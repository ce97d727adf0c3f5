package io.myriad.observability.web;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTypeAdviceTest {

    private final ProblemTypeAdvice advice = new ProblemTypeAdvice();

    @Test
    void givesAnUntypedProblemTheFleetsTypeForItsStatus() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No reminder 42");

        this.advice.beforeBodyWrite(problem, null, null, null, null, null);

        assertThat(problem.getType()).isEqualTo(URI.create("https://myriad.io/problems/not-found"));
        assertThat(problem.getDetail()).isEqualTo("No reminder 42");
    }

    @Test
    void keepsATypeTheServiceChose() {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setType(URI.create("https://myriad.io/problems/invalid-query"));

        this.advice.beforeBodyWrite(problem, null, null, null, null, null);

        assertThat(problem.getType()).isEqualTo(URI.create("https://myriad.io/problems/invalid-query"));
    }

    @Test
    void takesClassNamesOutOfTheDetail() {
        assertThat(ProblemTypeAdvice.withoutClassNames(
                "Cannot deserialize value of type `io.myriad.reminder.reminder.ReminderRequest` from Array value"))
                .isEqualTo("Cannot deserialize value of type `the value` from Array value");
        assertThat(ProblemTypeAdvice.withoutClassNames(
                "Failed to convert 'java.lang.String' at io.myriad.reminder.reminder.ReminderRequest[\"dueAt\"]"))
                .doesNotContain("io.myriad", "java.lang");
        assertThat(ProblemTypeAdvice.withoutClassNames("See https://example.com/docs. Then retry."))
                .isEqualTo("See https://example.com/docs. Then retry.");
    }
}
