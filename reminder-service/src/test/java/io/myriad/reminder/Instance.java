package io.myriad.reminder;

import java.util.ArrayList;
import java.util.List;

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
        List<String> all = new ArrayList<>(List.of("server.port=0", "management.server.port=0",
                "spring.data.redis.database=" + database,
                "myriad.security.jwt.public-key-location=" + TestIdentity.publicKeyLocation(),
                "myriad.security.jwt.issuer=" + TestIdentity.ISSUER,
                "myriad.reminders.poll-interval=100ms"));
        all.addAll(List.of(properties));
        // As command-line arguments, so they win over application.yml as a deployment's settings would.
        return new Instance(new SpringApplicationBuilder(ReminderServiceApplication.class)
                .run(all.stream().map(property -> "--" + property).toArray(String[]::new)));
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

    @Override
    public void close() {
        this.context.close();
    }
}
