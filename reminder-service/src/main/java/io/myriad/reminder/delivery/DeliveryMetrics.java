package io.myriad.reminder.delivery;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.myriad.reminder.reminders.ChannelType;

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
        this.recurring = Counter.builder("reminder.recurring.occurrences")
                .description("Next occurrences scheduled by recurring reminders as they fired")
                .register(registry);
        // Every series from the start, at 0: a dashboard shows "no failures" rather than "no data", and a ratio over
        // them exists before the first failure.
        for (ChannelType channel : ChannelType.values()) {
            for (String status : new String[] {"delivered", "inboxed", "retried", "failed"}) {
                counter("reminder.delivery", channel).tag("status", status).register(registry);
            }
            counter("reminder.delivery.failed", channel).register(registry);
            counter("reminder.delivery.late", channel).register(registry);
            lag(channel).register(registry);
        }
    }

    private static Counter.Builder counter(String name, ChannelType channel) {
        String description = switch (name) {
            case "reminder.delivery" -> "Delivery attempts by channel and outcome";
            case "reminder.delivery.failed" -> "Deliveries given up after the last attempt";
            default -> "Deliveries made later than late-after";
        };
        return Counter.builder(name).description(description).tag("channel", channel.value());
    }

    private static Timer.Builder lag(ChannelType channel) {
        return Timer.builder("reminder.delivery.lag")
                .description("From a reminder's due time to its channel's acknowledgement")
                .tag("channel", channel.value())
                .serviceLevelObjectives(LAG_BUCKETS);
    }

    void attempt(ChannelType channel, String status) {
        counter("reminder.delivery", channel).tag("status", status).register(this.registry).increment();
    }

    void acknowledged(ChannelType channel, Delivery.Status status, Duration lag, boolean late) {
        attempt(channel, status.name().toLowerCase());
        lag(channel).register(this.registry).record(lag.isNegative() ? Duration.ZERO : lag);
        if (late) {
            counter("reminder.delivery.late", channel).register(this.registry).increment();
        }
    }

    void failed(ChannelType channel) {
        attempt(channel, "failed");
        counter("reminder.delivery.failed", channel).register(this.registry).increment();
    }

    void recurred() {
        this.recurring.increment();
    }
}
