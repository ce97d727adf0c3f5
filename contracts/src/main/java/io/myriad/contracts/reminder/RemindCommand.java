package io.myriad.contracts.reminder;

/**
 * Asks the reminder-service to create a reminder, sent on {@link io.myriad.contracts.Topics#REMINDER_COMMANDS}
 * keyed by user.
 *
 * @param commandId unique per command, for de-duplication
 * @param queryId the query it came from
 * @param userId whose reminder it is
 * @param reminder what and when
 */
public record RemindCommand(String commandId, String queryId, String userId, ReminderSpec reminder) {
}
