package io.myriad.graphdb;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealNeo4j;
import io.myriad.testsupport.ServiceContract;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "management.server.port=0")
@RealKafka
@RealNeo4j
class GraphdbManagerApplicationIT extends ServiceContract {

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry properties) {
        TestTokens.register(properties);
    }

    @Override
    protected List<String> dependencies() {
        return List.of("kafka", "neo4j");
    }

    /** The backup alert and the infrastructure dashboard query this name, in either format Prometheus asks for. */
    @Test
    void exposesTheLastBackupTimeUnderTheNameTheBackupAlertQueries() throws IOException, InterruptedException {
        for (String format : List.of("text/plain;version=0.0.4", "application/openmetrics-text;version=1.0.0")) {
            HttpResponse<String> scrape = get("/actuator/prometheus", format);

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body().lines()).as(format)
                    .contains("# TYPE graphdb_backup_last_success_timestamp_seconds gauge")
                    .anyMatch((line) -> line.startsWith("graphdb_backup_last_success_timestamp_seconds{"))
                    .noneMatch((line) -> line.startsWith("# UNIT graphdb_backup"));
        }
    }
}
