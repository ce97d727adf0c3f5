package io.myriad.reminder.command;

import io.myriad.contracts.Topics;
import io.myriad.contracts.reminder.RemindCommand;
import io.myriad.contracts.reminder.ReminderSpec;
import io.myriad.observability.kafka.KafkaTopics;
import io.myriad.reminder.reminders.ReminderStore;
import io.myriad.reminder.web.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Reminders asked for in a question: the orchestrator's {@link RemindCommand}s, delivered in-app. Kafka delivers at
 * least once, so the command's id is stored in the same Redis transaction as its reminder: a redelivered command is
 * skipped, and one whose processing was cut short left nothing behind and is carried out when redelivered. A command
 * that cannot become a reminder ({@link InvalidRequestException}) goes straight to the dead-letter topic, since asking
 * again would not change it; one that keeps failing (Redis down) goes there after the starter's retries.
 */
@Component
class RemindCommandListener {

    private static final Logger log = LoggerFactory.getLogger(RemindCommandListener.class);

    private final ReminderStore reminders;

    RemindCommandListener(ReminderStore reminders) {
        this.reminders = reminders;
    }

    @Bean
    static KafkaAdmin.NewTopics reminderCommandsTopics(KafkaTopics topics) {
        return topics.consumed(Topics.REMINDER_COMMANDS, 3);
    }

    @KafkaListener(id = "reminder-commands", topics = Topics.REMINDER_COMMANDS)
    void onCommand(RemindCommand command) {
        ReminderSpec spec = command.reminder();
        this.reminders.createFromCommand(command.commandId(), command.userId(), spec.message(), spec.dueAt(),
                spec.zone(), spec.recurrence())
                .ifPresentOrElse(
                        reminder -> log.info("Reminder {} for query {} due at {}", reminder.id(),
                                command.queryId(), reminder.dueAt()),
                        () -> log.info("Remind command {} of query {} seen before, skipped",
                                command.commandId(), command.queryId()));
    }
}
