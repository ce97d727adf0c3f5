package io.myriad.orchestrator.reminder;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.myriad.contracts.Topics;
import io.myriad.contracts.reminder.RemindCommand;
import io.myriad.contracts.reminder.ReminderRules;
import io.myriad.contracts.reminder.ReminderSpec;
import io.myriad.contracts.reminder.ReminderViolation;
import io.myriad.orchestrator.messaging.KafkaRequests;

import org.springframework.stereotype.Component;

/** Hands a reminder a question asked for to the reminder-service, keyed by user so one user's commands stay in order. */
@Component
public class ReminderRequests {

    private final KafkaRequests requests;

    ReminderRequests(KafkaRequests requests) {
        this.requests = requests;
    }

    /**
     * Publishes the command; the future completes with it once Kafka acknowledged it.
     * @throws InvalidReminderException before sending anything, when the reminder breaks the rules the
     *     reminder-service schedules by: it would only drop the command, after the user was told it was set
     */
    public CompletableFuture<RemindCommand> request(String queryId, String userId, ReminderSpec reminder) {
        List<ReminderViolation> violations = ReminderRules.violations(reminder);
        if (!violations.isEmpty()) {
            throw new InvalidReminderException(violations);
        }
        RemindCommand command = new RemindCommand(UUID.randomUUID().toString(), queryId, userId, reminder);
        return this.requests.send(Topics.REMINDER_COMMANDS, userId, command).thenApply(sent -> command);
    }
}
