package io.myriad.observability.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Skips a request whose deadline has passed, before the listener sees it: after an outage a request/reply consumer
 * finds a backlog of requests whose senders have given up, and working through it only delays the requests still
 * awaited. The sender states the deadline in the {@value #DEADLINE_HEADER} header (epoch milliseconds, decimal); a
 * record without it is always processed. Each skipped request is counted and logged once.
 */
public class ExpiredRequestFilter implements RecordInterceptor<Object, Object> {

    /** Header a requester sets to the instant after which it no longer waits for the reply. */
    public static final String DEADLINE_HEADER = "myriad_deadline";

    private static final Logger log = LoggerFactory.getLogger(ExpiredRequestFilter.class);

    private final KafkaDeliveryMetrics metrics;

    private final Clock clock;

    public ExpiredRequestFilter(KafkaDeliveryMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Sets the deadline header of a request. */
    public static void setDeadline(Headers headers, Instant deadline) {
        headers.remove(DEADLINE_HEADER);
        headers.add(DEADLINE_HEADER, Long.toString(deadline.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
            Consumer<Object, Object> consumer) {
        Instant deadline = deadline(record.headers());
        Instant now = this.clock.instant();
        if (deadline != null && now.isAfter(deadline)) {
            this.metrics.skipped(record.topic(), SkipReason.EXPIRED);
            log.info("Skipped the request at {}-{}@{}: its deadline {} passed {} ms before it was read",
                    record.topic(), record.partition(), record.offset(), deadline,
                    now.toEpochMilli() - deadline.toEpochMilli());
            return null;
        }
        return record;
    }

    static Instant deadline(Headers headers) {
        Header header = headers.lastHeader(DEADLINE_HEADER);
        if (header == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(new String(header.value(), StandardCharsets.UTF_8).trim()));
        }
        catch (NumberFormatException ex) {
            // A header we cannot read never costs a request its answer.
            return null;
        }
    }
}
