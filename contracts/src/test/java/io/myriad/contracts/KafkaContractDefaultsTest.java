package io.myriad.contracts;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.agent.AgentTask;
import io.myriad.contracts.agent.ResultStatus;
import io.myriad.contracts.answer.ComposeRequest;
import io.myriad.contracts.answer.Format;
import io.myriad.contracts.graph.AgentCreated;
import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.ParsedQuery;
import io.myriad.contracts.query.PlannedTask;
import io.myriad.contracts.query.Priority;
import io.myriad.contracts.reminder.Recurrence;
import io.myriad.contracts.reminder.ReminderSpec;
import io.myriad.foreign.Foreign;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings every service reads Kafka with, applied to a real serializer and deserializer: each contract record
 * comes back equal to what was sent, and a record of a foreign package is refused rather than instantiated.
 */
class KafkaContractDefaultsTest {

    static List<Object> records() {
        Instant due = Instant.parse("2026-11-25T08:00:00Z");
        return List.of(
                new ParsedQuery("q1", Intent.REMIND, List.of(), List.of("flux capacitor"),
                        List.of(new PlannedTask("t1", Intent.DEFINE, "lightbulb", Priority.HIGH, List.of())),
                        new ReminderSpec("replace the lightbulb", due, "Europe/Paris",
                                new Recurrence(Recurrence.Frequency.WEEKLY, 1, List.of(DayOfWeek.MONDAY),
                                        LocalTime.of(8, 0)),
                                "every Monday at 8")),
                new AgentTask("q1", "t1", "definition-lightbulb", "lightbulb", Intent.DEFINE, Priority.HIGH, due),
                new AgentResult("q1", "t1", "definition-lightbulb", "DEFINITION", "lightbulb", Intent.DEFINE,
                        ResultStatus.ANSWERED, "A lightbulb makes light.", 0.9, List.of("lamp")),
                new ComposeRequest("q1", "What is a lightbulb?", Format.MARKDOWN, List.of(), List.of("x")),
                new AgentCreated(new AgentDescriptor("fact-base-kettle", AgentType.FACT_BASE, "kettle", "active",
                        "neurogenesis", due, 1.0)));
    }

    @ParameterizedTest
    @MethodSource("records")
    void everyContractRecordSurvivesTheWireAsTheServicesConfigureIt(Object record) {
        // given a producer's serializer and a consumer's deserializer set up from the fleet defaults
        try (Serializer<Object> serializer = new JacksonJsonSerializer<>();
                Deserializer<Object> deserializer = new ErrorHandlingDeserializer<>()) {
            serializer.configure(Map.of(), false);
            deserializer.configure(consumerProperties(), false);
            RecordHeaders headers = new RecordHeaders();

            // when a record is written and read back
            byte[] bytes = serializer.serialize("topic", headers, record);
            Object read = deserializer.deserialize("topic", headers, bytes);

            // then it is the same record, of the same type
            assertThat(read).isEqualTo(record);
        }
    }

    @Test
    void aTypeOutsideTheContractsIsNotInstantiated() {
        try (Serializer<Object> serializer = new JacksonJsonSerializer<>();
                Deserializer<Object> deserializer = new ErrorHandlingDeserializer<>()) {
            serializer.configure(Map.of(), false);
            deserializer.configure(consumerProperties(), false);
            RecordHeaders headers = new RecordHeaders();
            byte[] bytes = serializer.serialize("topic", headers, new Foreign("x"));
            assertThat(new String(headers.lastHeader("__TypeId__").value())).isEqualTo(Foreign.class.getName());

            Object read = deserializer.deserialize("topic", headers, bytes);

            // the serializer named the type, so the refusal comes from the trusted packages; and
            // ErrorHandlingDeserializer hands the failure to the container's error handler instead of a value
            assertThat(read).isNull();
        }
    }

    @Test
    void requestAndReplyProducersDoNotLinger() {
        assertThat(KafkaContractDefaults.defaults()).containsEntry("spring.kafka.producer.properties.linger.ms", "0");
    }

    private static Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new HashMap<>();
        String prefix = "spring.kafka.consumer.properties.";
        KafkaContractDefaults.defaults().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                properties.put(key.substring(prefix.length()), value);
            }
        });
        return properties;
    }
}
