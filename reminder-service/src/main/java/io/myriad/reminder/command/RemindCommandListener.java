package io.myriad.reminder.command;

import java.time.Duration;

import io.myriad.contracts.Topics;
import io.myriad.contracts.reminder.RemindCommand;
import io.myriad.contracts.reminder.ReminderSpec;
import io.myriad.reminder.reminder.Reminder;
import io.myriad.reminder.reminder.ReminderStore;
import io.myriad.reminder.store.RedisKeys;
import io.myriad.reminder.web.InvalidRequestException;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.stereotype.Component;

/**
 * Reminders asked for in a question: the orchestrator's {@link RemindCommand}s, delivered in-app. A command seen
 * before (Kafka delivers at least once) is skipped by its id; one that cannot become a reminder is logged and
 * dropped, since asking again would not change it.
 */
@Component
class RemindCommandListener {

    private static final Logger log = LoggerFactory.getLogger(RemindCommandListener.class);

    private static final Duration REMEMBER_COMMANDS = Duration.ofDays(7);

    private final ReminderStore reminders;

    private final StringRedisTemplate redis;

    RemindCommandListener(ReminderStore reminders, StringRedisTemplate redis) {
        this.reminders = reminders;
        this.redis = redis;
    }

    @Bean
    static NewTopic reminderCommandsTopic() {
        return TopicBuilder.name(Topics.REMINDER_COMMANDS).partitions(3).replicas(1).build();
    }

    @KafkaListener(id = "reminder-commands", topics = Topics.REMINDER_COMMANDS)
    void onCommand(RemindCommand command) {
        String key = RedisKeys.command(command.commandId());
        Boolean first = this.redis.opsForValue().setIfAbsent(key, "pending", REMEMBER_COMMANDS);
        if (!Boolean.TRUE.equals(first)) {
            log.info("Remind command {} of query {} seen before, skipped", command.commandId(), command.queryId());
            return;
        }
        ReminderSpec spec = command.reminder();
        try {
            Reminder reminder = this.reminders.createFromQuery(command.userId(), spec.message(), spec.dueAt(),
                    spec.zone(), spec.recurrence());
            this.redis.opsForValue().set(key, reminder.id(), REMEMBER_COMMANDS);
            log.info("Reminder {} for query {} due at {}", reminder.id(), command.queryId(), reminder.dueAt());
        }
        catch (InvalidRequestException ex) {
            log.warn("Remind command {} of query {} dropped: {}", command.commandId(), command.queryId(),
                    ex.getMessage());
        }
        catch (RuntimeException ex) {
            this.redis.delete(key); // not done: the redelivery may try again
            throw ex;
        }
    }
}
