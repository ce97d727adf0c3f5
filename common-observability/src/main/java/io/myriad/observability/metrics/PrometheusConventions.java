package io.myriad.observability.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Makes every meter pass {@code promtool check metrics} without a warning, so an operator's lint is clean and any
 * warning means something new:
 * <ul>
 * <li>a meter counted in milli-, micro- or nanoseconds is dropped: Prometheus wants seconds, and Micrometer cannot
 * rescale a function counter. That is Kafka's client time totals ({@code kafka_consumer_io_time_ns_total} and the
 * like; their rates and latencies stay), the JVM's compilation time and the process CPU time
 * ({@code process_cpu_usage} stays);</li>
 * <li>no {@code _count} on a gauge: {@code kafka.producer.connection.count} becomes {@code kafka_producer_connections},
 * {@code system.cpu.count} {@code system_cpus};</li>
 * <li>a help text for the meters that come without one (Micrometer's observations, Kafka's clients).</li>
 * </ul>
 * Our own meters are named this way already and pass unchanged.
 */
public class PrometheusConventions implements MeterFilter {

    private static final Set<String> SUBSECOND_UNITS = Set.of("ms", "ns", "us", "milliseconds", "nanoseconds",
            "microseconds");

    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("http.server.requests", "HTTP requests this service served, by method, uri, status and outcome"),
            Map.entry("http.server.requests.active", "HTTP requests this service is serving now"),
            Map.entry("http.client.requests", "HTTP requests this service made, by method, uri, status and outcome"),
            Map.entry("http.client.requests.active", "HTTP requests this service is making now"),
            Map.entry("spring.kafka.listener", "Kafka records handled by a listener, by listener id and outcome"),
            Map.entry("spring.kafka.listener.active", "Kafka records a listener is handling now"),
            Map.entry("spring.kafka.template", "Kafka records sent through a KafkaTemplate, by template and outcome"),
            Map.entry("spring.kafka.template.active", "Kafka sends in progress"),
            Map.entry("tasks.scheduled.execution", "Runs of @Scheduled methods, by method and outcome"),
            Map.entry("tasks.scheduled.execution.active", "@Scheduled methods running now"));

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        boolean subsecond = (id.getBaseUnit() != null && SUBSECOND_UNITS.contains(id.getBaseUnit()))
                || Arrays.stream(id.getName().split("[.\\-_]")).anyMatch(SUBSECOND_UNITS::contains);
        return subsecond ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String name = rename(id.getName(), id.getType());
        String description = (id.getDescription() == null || id.getDescription().isBlank())
                ? HELP.getOrDefault(name, describe(name)) : id.getDescription();
        if (name.equals(id.getName()) && description.equals(id.getDescription())) {
            return id;
        }
        return new Meter.Id(name, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
    }

    static String rename(String name, Meter.Type type) {
        String[] parts = name.split("\\.");
        String renamed = name;
        if (type == Meter.Type.GAUGE && parts.length > 1 && parts[parts.length - 1].equals("count")) {
            String counted = parts[parts.length - 2];
            renamed = String.join(".", Arrays.copyOf(parts, parts.length - 2)) + "." + counted
                    + (counted.endsWith("s") ? "" : "s");
        }
        return renamed;
    }

    /** A help text read off the name, for meters that bring none: {@code kafka.consumer.io.wait} "Kafka consumer io wait". */
    static String describe(String name) {
        String words = Arrays.stream(name.split("[.\\-_]")).collect(Collectors.joining(" "));
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
