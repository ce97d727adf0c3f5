package io.myriad.observability.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code myriad_dependency_up{dependency}}: 1 while the health indicator of {@code kafka}, {@code neo4j} or
 * {@code redis} says UP, 0 otherwise; present only for the dependencies the service has, which are known once the
 * context has started. A check runs at most every {@link #MAX_AGE}, so scrapes do not multiply health checks.
 */
class DependencyHealthMetrics {

    static final List<String> DEPENDENCIES = List.of("kafka", "neo4j", "redis");

    static final Duration MAX_AGE = Duration.ofSeconds(10);

    private final Function<String, HealthContributor> contributors;

    private final ConcurrentHashMap<String, Checked> last = new ConcurrentHashMap<>();

    /** {@code contributors}: the health contributor of a name, or {@code null}. */
    DependencyHealthMetrics(Function<String, HealthContributor> contributors) {
        this.contributors = contributors;
    }

    /** Registers a gauge for each dependency the service has a health indicator for. */
    void bindTo(MeterRegistry meters) {
        for (String dependency : DEPENDENCIES) {
            if (!(this.contributors.apply(dependency) instanceof HealthIndicator)) {
                continue;
            }
            Gauge.builder("myriad.dependency.up", () -> up(dependency))
                    .description("1 while the service's health check of the dependency passes, 0 while it fails")
                    .tag("dependency", dependency)
                    .register(meters);
        }
    }

    /** 1 or 0; NaN if the indicator went away. */
    double up(String dependency) {
        if (!(this.contributors.apply(dependency) instanceof HealthIndicator indicator)) {
            return Double.NaN;
        }
        long now = System.nanoTime();
        Checked checked = this.last.compute(dependency, (name, previous) ->
                (previous != null && now - previous.at() < MAX_AGE.toNanos()) ? previous
                        : new Checked(now, Status.UP.equals(indicator.health(false).getStatus()) ? 1 : 0));
        return checked.value();
    }

    private record Checked(long at, double value) {
    }
}
