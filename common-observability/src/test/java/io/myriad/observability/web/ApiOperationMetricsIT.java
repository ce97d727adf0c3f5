package io.myriad.observability.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator scrapes of {@link ApiOperation} calls, on a real Tomcat with Boot's own request observation: one
 * {@code api_operations_total} series per entity, operation and outcome, the outcome read off the status the client
 * got, and nothing for handlers without the annotation. The counter moves when the request's observation stops,
 * which may be just after the client has its answer, hence the waits.
 */
class ApiOperationMetricsIT {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ConfigurableApplicationContext service;

    private static int port;

    @BeforeAll
    static void startService() throws IOException {
        service = new SpringApplicationBuilder(WidgetService.class)
                .properties("spring.application.name=api-operations-it", "server.port=0",
                        "spring.kafka.bootstrap-servers=127.0.0.1:" + freePort(),
                        "myriad.observability.kafka.health-timeout=500ms")
                .run();
        port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void countsEachOutcomeOfAnOperationInItsOwnSeries() throws Exception {
        // given the counts so far
        double success = operations("read", "success");
        double invalid = operations("read", "invalid");
        double notFound = operations("read", "not_found");
        double rejected = operations("read", "rejected");
        double error = operations("read", "error");

        // when a client's calls end in each outcome
        assertThat(get("/widgets/fine")).isEqualTo(200);
        assertThat(get("/widgets/fine")).isEqualTo(200);
        assertThat(get("/widgets/malformed")).isEqualTo(400);
        assertThat(get("/widgets/gone")).isEqualTo(404);
        assertThat(get("/widgets/locked")).isEqualTo(409);
        assertThat(get("/widgets/overloaded")).isEqualTo(503);

        // then each is counted under its status, and nothing else
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(operations("read", "success")).isEqualTo(success + 2);
            assertThat(operations("read", "invalid")).isEqualTo(invalid + 1);
            assertThat(operations("read", "not_found")).isEqualTo(notFound + 1);
            assertThat(operations("read", "rejected")).isEqualTo(rejected + 1);
            assertThat(operations("read", "error")).isEqualTo(error + 1);
        });
    }

    @Test
    void countsAnExceptionNoHandlerAnsweredAsAnError() throws Exception {
        double error = operations("delete", "error");

        assertThat(get("/widgets/fine/delete")).isEqualTo(500);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(operations("delete", "error")).isEqualTo(error + 1));
        assertThat(operations("delete", "success")).isZero();
    }

    @Test
    void leavesHandlersWithoutTheAnnotationAndUnknownPathsUncounted() throws Exception {
        // given a call of an operation, so that the family exists and the last count is known
        assertThat(get("/widgets/fine")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> allOperations() > 0);

        // when the un-annotated handler and a path no handler has are called, then an operation again
        double before = allOperations();
        assertThat(get("/widgets/fine/colour")).isEqualTo(200);
        assertThat(get("/no-such-thing")).isEqualTo(404);
        assertThat(get("/widgets/fine")).isEqualTo(200);

        // then only that last call counts
        await().atMost(Duration.ofSeconds(10)).until(() -> allOperations() == before + 1);
    }

    private static int get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String scrape() {
        return service.getBean(PrometheusMeterRegistry.class).scrape();
    }

    /** The sum of the {@code api_operations_total} samples of entity widget whose labels include {@code labels}. */
    private static double operations(String operation, String status) {
        return sum("entity=\"widget\"", "operation=\"" + operation + "\"", "status=\"" + status + "\"");
    }

    private static double allOperations() {
        return sum();
    }

    private static double sum(String... labels) {
        double sum = 0;
        for (String line : scrape().lines().toList()) {
            if (!line.startsWith("api_operations_total{")) {
                continue;
            }
            String labelSet = line.substring(0, line.indexOf('}') + 1);
            boolean matches = true;
            for (String label : labels) {
                matches &= labelSet.contains(label);
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(labelSet.length()).trim().split(" ")[0]);
            }
        }
        return sum;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(WidgetController.class)
    static class WidgetService {
    }

    @RestController
    static class WidgetController {

        @GetMapping("/widgets/{name}")
        @ApiOperation(entity = "widget", operation = "read")
        ResponseEntity<String> read(@PathVariable String name) {
            return switch (name) {
                case "fine" -> ResponseEntity.ok("a widget");
                case "malformed" -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
                case "gone" -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
                case "locked" -> ResponseEntity.status(HttpStatus.CONFLICT).build();
                default -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
            };
        }

        @GetMapping("/widgets/{name}/delete")
        @ApiOperation(entity = "widget", operation = "delete")
        String delete(@PathVariable String name) {
            throw new IllegalStateException("the widget store is away");
        }

        @GetMapping("/widgets/{name}/colour")
        String colour(@PathVariable String name) {
            return "blue";
        }
    }
}
