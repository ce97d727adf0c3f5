package io.myriad.reminder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole reminder-service started in this JVM as one more instance would be in production: its own ports, the
 * shared Redis and Kafka. Several may run at once against the same Redis.
 */
final class Instance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private Instance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts an instance on the Redis database {@code database}, with these extra properties. */
    static Instance start(int database, String... properties) {
        // As command-line arguments, so they win over application.yml as a deployment's settings would.
        return new Instance(new SpringApplicationBuilder(ReminderServiceApplication.class)
                .run(arguments(database, properties).toArray(String[]::new)));
    }

    /** The command-line arguments of an instance on the Redis database {@code database} with these properties. */
    static List<String> arguments(int database, String... properties) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String property : List.of("server.port=0", "management.server.port=0",
                "spring.data.redis.database=" + database,
                "myriad.security.jwt.public-key-location=" + TestIdentity.publicKeyLocation(),
                "myriad.security.jwt.issuer=" + TestIdentity.ISSUER,
                "myriad.security.jwt.audience=" + TestIdentity.AUDIENCE, "myriad.reminders.poll-interval=100ms")) {
            all.put(property.substring(0, property.indexOf('=')), property);
        }
        for (String property : properties) {
            all.put(property.substring(0, property.indexOf('=')), property); // the caller's win
        }
        return all.values().stream().map(property -> "--" + property).toList();
    }

    int port() {
        return ((WebServerApplicationContext) this.context).getWebServer().getPort();
    }

    Api as(String user) {
        return Api.as(port(), user);
    }

    double count(String name, String... tags) {
        return this.context.getBean(MeterRegistry.class).find(name).tags(tags).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    double gauge(String name) {
        return this.context.getBean(MeterRegistry.class).get(name).gauge().value();
    }

    @Override
    public void close() {
        this.context.close();
    }
}
