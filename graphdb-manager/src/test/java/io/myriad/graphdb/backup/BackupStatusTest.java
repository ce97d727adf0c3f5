package io.myriad.graphdb.backup;

import java.time.Instant;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.myriad.observability.metrics.PrometheusConventions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackupStatusTest {

    private static final String[] FORMATS = {"text/plain;version=0.0.4", "application/openmetrics-text;version=1.0.0"};

    private final PrometheusMeterRegistry prometheus = withFleetConventions();

    private final BackupStatus status = new BackupStatus(this.prometheus);

    @Test
    void exposesTheLastSuccessInEpochSecondsUnderTheNameTheBackupAlertReads() {
        // given no backup yet
        for (String format : FORMATS) {
            assertThat(this.prometheus.scrape(format).lines()).as(format)
                    .contains("# TYPE graphdb_backup_last_success_timestamp_seconds gauge",
                            "graphdb_backup_last_success_timestamp_seconds 0.0");
        }

        // when a backup completes
        this.status.succeeded(Instant.ofEpochSecond(1_780_000_000L));

        // then the alert's series carries its time, under the name alone: the base unit adds no second _seconds
        // and no OpenMetrics UNIT line
        for (String format : FORMATS) {
            assertThat(this.prometheus.scrape(format).lines()).as(format)
                    .contains("# TYPE graphdb_backup_last_success_timestamp_seconds gauge",
                            "graphdb_backup_last_success_timestamp_seconds 1.78E9")
                    .noneMatch((line) -> line.startsWith("# UNIT"))
                    .noneMatch((line) -> line.contains("_seconds_seconds"));
        }
    }

    /** The registry as the service has it: the starter's naming filter applied before any meter is registered. */
    private static PrometheusMeterRegistry withFleetConventions() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new PrometheusConventions());
        return registry;
    }
}
