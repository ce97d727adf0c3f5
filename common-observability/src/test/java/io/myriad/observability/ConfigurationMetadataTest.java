package io.myriad.observability;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings as a service's IDE and Boot's tooling see them: the configuration processor's metadata.
 */
class ConfigurationMetadataTest {

    @Test
    void documentsEverySettingOfTheStarterWithItsDefault() throws Exception {
        JsonNode metadata;
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            metadata = JsonMapper.builder().build().readTree(in);
        }
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        metadata.path("properties").forEach((property) -> properties.put(property.path("name").asString(), property));

        assertThat(properties).containsOnlyKeys("myriad.observability.env", "myriad.observability.instance",
                "myriad.observability.tracing.zipkin.endpoint", "myriad.observability.logging.loki.enabled",
                "myriad.observability.logging.loki.url", "myriad.observability.logging.loki.batch-timeout",
                "myriad.observability.kafka.observation-enabled", "myriad.observability.kafka.health-timeout",
                "myriad.observability.web.access-log", "myriad.observability.web.observe-actuator",
                "myriad.security.jwt.issuer", "myriad.security.jwt.public-key-location", "myriad.security.jwt.audience",
                "myriad.security.jwt.service-issuer", "myriad.security.jwt.service-public-key-location",
                "myriad.security.rate-limit.enabled", "myriad.security.rate-limit.capacity",
                "myriad.security.rate-limit.refill-per-second", "myriad.security.rate-limit.max-users",
                "myriad.kafka.topic.replicas", "myriad.kafka.topic.min-insync-replicas",
                "myriad.kafka.dead-letter.enabled", "myriad.kafka.dead-letter.max-retries",
                "myriad.kafka.dead-letter.initial-interval", "myriad.kafka.dead-letter.multiplier",
                "myriad.kafka.dead-letter.max-interval", "myriad.kafka.dead-letter.validation-exceptions",
                "myriad.kafka.requests.skip-expired", "management.endpoint.deadletters.access",
                "management.endpoint.deadletters.cache.time-to-live",
                "myriad.observability.web.problem-details", "myriad.observability.web.request-guard",
                "myriad.observability.web.max-body-size", "myriad.observability.web.operations.enabled",
                "myriad.observability.web.operations.name", "myriad.observability.web.operations.description",
                "myriad.observability.metrics.tag-guard.enabled",
                "myriad.observability.metrics.tag-guard.max-values",
                "myriad.observability.tracing.enabled", "myriad.observability.kafka.enabled",
                "myriad.observability.web.enabled", "myriad.observability.metrics.enabled",
                "myriad.observability.health.enabled", "myriad.kafka.enabled");
        properties.forEach((name, property) -> assertThat(property.path("description").asString()).as(name)
                .isNotBlank());
        assertThat(properties.get("myriad.observability.env").path("defaultValue").asString()).isEqualTo("local");
        assertThat(properties.get("myriad.observability.kafka.health-timeout").path("defaultValue").asString())
                .isEqualTo("2s");
        assertThat(properties.get("myriad.kafka.topic.replicas").path("defaultValue").asInt()).isEqualTo(1);
        assertThat(properties.get("myriad.observability.web.max-body-size").path("defaultValue").asString())
                .isEqualTo("64KB");
        assertThat(properties.get("myriad.observability.web.operations.name").path("defaultValue").asString())
                .isEqualTo("api.operations");
        assertThat(properties.get("myriad.observability.metrics.tag-guard.max-values").path("defaultValue").asInt())
                .isEqualTo(100);
        assertThat(properties.get("myriad.security.rate-limit.capacity").path("defaultValue").asInt()).isEqualTo(40);
        assertThat(properties.get("myriad.security.rate-limit.refill-per-second").path("defaultValue").asInt())
                .isEqualTo(20);
        assertThat(List.of("myriad.observability.tracing.enabled", "myriad.observability.kafka.enabled",
                "myriad.observability.web.enabled", "myriad.observability.metrics.enabled",
                "myriad.observability.health.enabled", "myriad.kafka.enabled"))
                .as("every auto-configuration's switch is on unless turned off")
                .allSatisfy((name) -> assertThat(properties.get(name).path("defaultValue").asBoolean(false)).as(name)
                        .isTrue());
        assertThat(properties.get("myriad.observability.logging.loki.enabled").path("defaultValue").asBoolean(true))
                .isFalse();
    }
}
