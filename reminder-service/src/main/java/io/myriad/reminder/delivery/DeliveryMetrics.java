package io.myriad.reminder.delivery;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.myriad.reminder.reminder.ChannelType;

import org.springframework.stereotype.Component;

/**
 * The seed's delivery metrics. {@code reminder_delivery_total{channel,status}} counts attempts by outcome:
 * {@code delivered} and {@code inboxed} (acknowledged), {@code retried} (failed, another attempt follows) and
 * {@code failed} (the last attempt failed; also counted in {@code reminder_delivery_failed_total{channel}}).
 */
@Component
class DeliveryMetrics {

    private static final Duration[] LAG_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30)};

    private final MeterRegistry registry;

    private final Counter recurring;

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.recurring = Counter.builder("reminder_recurring_occurrences")
                .description("Next occurrences scheduled by recurring reminders as they fired")
                .register(registry);
    }

    void attempt(ChannelType channel, String status) {
        Counter.builder("reminder_delivery").description("Delivery attempts by channel and outcome")
                .tag("channel", channel.value()).tag("status", status).register(this.registry).increment();
    }

    void acknowledged(ChannelType channel, Delivery.Status status, Duration lag, boolean late) {
        attempt(channel, status.name().toLowerCase());
        Timer.builder("reminder_delivery_lag")
                .description("From a reminder's due time to its channel's acknowledgement")
                .tag("channel", channel.value())
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(this.registry)
                .record(lag.isNegative() ? Duration.ZERO : lag);
        if (late) {
            Counter.builder("reminder_delivery_late").description("Deliveries made later than late-after")
                    .tag("channel", channel.value()).register(this.registry).increment();
        }
    }

    void failed(ChannelType channel) {
        attempt(channel, "failed");
        Counter.builder("reminder_delivery_failed").description("Deliveries given up after the last attempt")
                .tag("channel", channel.value()).register(this.registry).increment();
    }

    void recurred() {
        this.recurring.increment();
    }
}
