package io.myriad.orchestrator.query;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import io.myriad.contracts.answer.Format;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryRequestTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();

    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void acceptsAQuestionAndFillsInTextFormatAndUtc() {
        QueryRequest request = new QueryRequest("What is a lightbulb?", null, null);

        Question question = request.toQuestion("anonymous");

        assertThat(VALIDATOR.validate(request)).isEmpty();
        assertThat(question).isEqualTo(new Question("What is a lightbulb?", Format.TEXT, ZoneOffset.UTC, "anonymous"));
    }

    @Test
    void readsTheFormatInAnyCaseAndTheZone() {
        QueryRequest request = new QueryRequest("  What is a kettle? ", "Markdown", "Europe/Paris");

        Question question = request.toQuestion("alice");

        assertThat(VALIDATOR.validate(request)).isEmpty();
        assertThat(question).isEqualTo(
                new Question("What is a kettle?", Format.MARKDOWN, ZoneId.of("Europe/Paris"), "alice"));
    }

    @Test
    void rejectsMissingEmptyAndBlankText() {
        assertThat(fieldsInError(new QueryRequest(null, null, null))).containsExactly("text");
        assertThat(fieldsInError(new QueryRequest("", null, null))).containsExactly("text");
        assertThat(fieldsInError(new QueryRequest(" \t\n", null, null))).containsExactly("text");
    }

    @Test
    void takesTextUpTo4KibOfUtf8AndNoMore() {
        assertThat(fieldsInError(new QueryRequest("a".repeat(4096), null, null))).isEmpty();
        assertThat(fieldsInError(new QueryRequest("a".repeat(4097), null, null))).containsExactly("text");
        // 1366 characters, but 4098 bytes: the limit is on what travels, not on characters.
        assertThat(fieldsInError(new QueryRequest("€".repeat(1366), null, null))).containsExactly("text");
        assertThat(fieldsInError(new QueryRequest("€".repeat(1365), null, null))).isEmpty();
    }

    @Test
    void rejectsAnUnknownFormat() {
        assertThat(fieldsInError(new QueryRequest("What is a kettle?", "yaml", null))).containsExactly("format");
        assertThat(fieldsInError(new QueryRequest("What is a kettle?", "", null))).containsExactly("format");
    }

    @Test
    void rejectsAnUnknownZone() {
        assertThat(fieldsInError(new QueryRequest("What is a kettle?", null, "Mars/Olympus"))).containsExactly("zone");
        assertThat(fieldsInError(new QueryRequest("What is a kettle?", null, ""))).containsExactly("zone");
    }

    private static Set<String> fieldsInError(QueryRequest request) {
        return VALIDATOR.validate(request)
                .stream()
                .map(ConstraintViolation::getPropertyPath)
                .map(Object::toString)
                .collect(java.util.stream.Collectors.toSet());
    }
}
