package io.myriad.reminder;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealRedis;
import io.myriad.testsupport.ServiceContract;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

// Closed after the class: a context left in the cache keeps its scheduler claiming due reminders on the shared
// Redis, and would deliver another class's reminders with its own configuration and meters.
@DirtiesContext
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "management.server.port=0")
@RealKafka
@RealRedis
class ReminderServiceApplicationIT extends ServiceContract {

    private static final String TEXT = "text/plain;version=0.0.4";

    private static final String OPEN_METRICS = "application/openmetrics-text;version=1.0.0";

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        TestIdentity.register(registry);
    }

    @Override
    protected List<String> dependencies() {
        return List.of("kafka", "redis");
    }

    /**
     * The code names its meters dotted; what Prometheus scrapes must still be the names that docs/metrics.md, the
     * alert and recording rules and the dashboards query, in both formats Prometheus may ask for. A counter's family
     * is {@code x_total} in the text format and {@code x} in OpenMetrics; its samples are {@code x_total} in both.
     */
    @Test
    void exposesItsMetersUnderTheNamesTheDashboardsAndAlertsQuery() throws IOException, InterruptedException {
        // task_operations_total has a series once an API call is counted, when the request's observation stops
        assertThat(Api.as(this.port, "metrics-" + UUID.randomUUID()).get("/api/v1/tasks").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> families(scrape(TEXT)).containsKey("task_operations_total"));

        Map<String, String> text = families(scrape(TEXT));
        Map<String, String> openMetrics = families(scrape(OPEN_METRICS));

        for (String gauge : List.of("myriad_dependency_up", "websocket_connections_active", "reminders_scheduled",
                "reminders_overdue", "reminder_delivery_lag_seconds_max")) {
            assertThat(text).containsEntry(gauge, "gauge");
            assertThat(openMetrics).containsEntry(gauge, "gauge");
        }
        for (String counter : List.of("audit_log_writes", "audit_log_errors", "reminder_recurring_occurrences",
                "reminder_delivery", "reminder_delivery_failed", "reminder_delivery_late", "websocket_messages_sent",
                "websocket_messages_received", "reminders_requeued", "task_operations")) {
            assertThat(text).containsEntry(counter + "_total", "counter");
            assertThat(openMetrics).containsEntry(counter, "counter");
        }
        assertThat(text).containsEntry("reminder_delivery_lag_seconds", "histogram");
        assertThat(openMetrics).containsEntry("reminder_delivery_lag_seconds", "histogram");
        for (String format : List.of(TEXT, OPEN_METRICS)) {
            assertThat(scrape(format)).as(format)
                    .containsPattern("(?m)^reminder_delivery_total\\{[^}]*channel=\"in_app\"[^}]*status=\"failed\"")
                    .containsPattern("(?m)^reminder_delivery_lag_seconds_bucket\\{[^}]*channel=\"webhook\"")
                    .containsPattern("(?m)^reminders_requeued_total\\{[^}]*reason=\"owner_gone\"")
                    .containsPattern("(?m)^myriad_dependency_up\\{[^}]*dependency=\"redis\"")
                    .containsPattern("(?m)^task_operations_total\\{[^}]*entity=\"task\"");
        }
    }

    private String scrape(String accept) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/actuator/prometheus", accept);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                (type) -> assertThat(type).startsWith(accept.substring(0, accept.indexOf(';'))));
        return response.body();
    }

    /** Each metric family of a scrape with its type, from its {@code # TYPE} line. */
    private static Map<String, String> families(String scrape) {
        Map<String, String> families = new LinkedHashMap<>();
        scrape.lines().filter((line) -> line.startsWith("# TYPE ")).map((line) -> line.split(" "))
                .forEach((type) -> families.put(type[2], type[3]));
        return families;
    }
}
