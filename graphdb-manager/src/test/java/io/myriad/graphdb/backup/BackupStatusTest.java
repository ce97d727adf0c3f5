package io.myriad.graphdb.backup;

import java.time.Instant;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackupStatusTest {

    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private final BackupStatus status = new BackupStatus(this.prometheus);

    @Test
    void exposesTheLastSuccessInEpochSecondsUnderTheNameTheBackupAlertReads() {
        // given no backup yet
        assertThat(this.prometheus.scrape()).contains("graphdb_backup_last_success_timestamp_seconds 0.0");

        // when a backup completes
        this.status.succeeded(Instant.ofEpochSecond(1_780_000_000L));

        // then the alert's series carries its time
        assertThat(this.prometheus.scrape())
                .contains("# TYPE graphdb_backup_last_success_timestamp_seconds gauge")
                .contains("graphdb_backup_last_success_timestamp_seconds 1.78E9");
    }
}
