package io.myriad.graphdb.backup;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * When the graph was last backed up, as {@code graphdb_backup_last_success_timestamp_seconds} (epoch seconds; 0 while
 * no backup has succeeded), for the alert on a backup older than 26 hours. No backup job exists yet, so the value
 * is 0 and that alert fires: the graph has no backup, which is what an operator should be told.
 */
@Component
public class BackupStatus {

    private final AtomicLong lastSuccess = new AtomicLong();

    BackupStatus(MeterRegistry registry) {
        // Prometheus appends the base unit: graphdb_backup_last_success_timestamp_seconds.
        Gauge.builder("graphdb.backup.last.success.timestamp", this.lastSuccess, AtomicLong::get)
                .description("When the last graph backup succeeded, in epoch seconds; 0 if none has")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Records a backup that completed. */
    public void succeeded(Instant at) {
        this.lastSuccess.set(at.getEpochSecond());
    }
}
