package io.myriad.reminder.reminders;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.myriad.contracts.audit.AuditEvent;
import io.myriad.contracts.reminder.Recurrence;
import io.myriad.contracts.reminder.ReminderRules;
import io.myriad.contracts.reminder.ReminderSpec;
import io.myriad.contracts.reminder.ReminderViolation;
import io.myriad.reminder.ReminderProperties;
import io.myriad.reminder.audit.AuditLog;
import io.myriad.reminder.audit.Atomically;
import io.myriad.reminder.store.RedisKeys;
import io.myriad.reminder.schedule.DueQueue;
import io.myriad.reminder.store.RedisPages;
import io.myriad.reminder.web.InvalidRequestException;
import io.myriad.reminder.web.Limit;
import io.myriad.reminder.web.LimitRefusals;
import io.myriad.reminder.web.NotFoundException;
import io.myriad.reminder.web.Page;
import io.myriad.reminder.web.QuotaExceededException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reminders in Redis: each as JSON under its own key, each user's ids by creation time, and every scheduled one in
 * the due set by due time (which {@link DueQueue} owns). A change, its place in the due set and its audit event are
 * one transaction.
 */
@Component
public class ReminderStore {

    /**
     * How long a remind command's id is kept to recognise a redelivery: twice the topic's retention (7 days, Kafka's
     * default), so that even a consumer group that lost its offsets and reads the topic from the start is caught.
     */
    private static final Duration REMEMBER_COMMANDS = Duration.ofDays(14);

    private final StringRedisTemplate redis;

    private final Atomically atomically;

    private final AuditLog audit;

    private final JsonMapper json;

    private final Clock clock;

    private final DueQueue queue;

    private final AvailableChannels channels;

    private final Tracing tracing;

    private final int maxPerUser;

    private final LimitRefusals refusals;

    ReminderStore(StringRedisTemplate redis, Atomically atomically, AuditLog audit, JsonMapper json, Clock clock,
            DueQueue queue, AvailableChannels channels, Tracing tracing, ReminderProperties properties,
            LimitRefusals refusals) {
        this.redis = redis;
        this.atomically = atomically;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.queue = queue;
        this.channels = channels;
        this.tracing = tracing;
        this.maxPerUser = properties.maxRemindersPerUser();
        this.refusals = refusals;
    }

    /** Creates and schedules a reminder asked for through the API. */
    public Reminder create(String userId, ReminderRequest request) {
        ZoneId zone = zone(request.zone());
        Instant dueAt = request.dueAt().atZone(zone).toInstant();
        List<Channel> channels = (request.channels() != null) ? request.channels() : List.of(Channel.inApp());
        Recurrence recurrence = RecurrenceRequest.toRecurrence(request.recurrence());
        check(request.message(), dueAt, zone, channels, recurrence);
        return schedule(userId, request.message(), dueAt, zone.getId(), channels, recurrence, "api");
    }

    /**
     * Creates and schedules a reminder asked for in a question, delivered in-app, unless command {@code commandId}
     * created one before: the command's mark is written in the reminder's own transaction. Empty when it had.
     */
    public Optional<Reminder> createFromCommand(String commandId, String userId, String message, Instant dueAt,
            String zone, Recurrence recurrence) {
        // The orchestrator checked the same rules before it sent the command; checked again, as the topic is open.
        List<String> problems = sentences(
                ReminderRules.violations(new ReminderSpec(message, dueAt, zone, recurrence, null)));
        if (commandId == null || commandId.isBlank()) {
            problems.add("commandId must be given"); // else all such commands would share one mark
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Reminder reminder = reminder(userId, message, dueAt, ZoneId.of(zone).getId(), List.of(Channel.inApp()),
                recurrence, "query");
        List<AuditLog.Entry> entries = this.audit.entries(created(reminder));
        long created = this.queue.scheduleOnce(commandId, REMEMBER_COMMANDS, reminder.id(), userId,
                this.json.writeValueAsString(reminder), reminder.createdAt(), dueAt, entries.get(0).json(),
                this.maxPerUser);
        if (created == -1L) {
            throw full();
        }
        if (created != 1L) {
            return Optional.empty();
        }
        this.audit.publish(entries);
        return Optional.of(reminder);
    }

    private Reminder schedule(String userId, String message, Instant dueAt, String zone, List<Channel> channels,
            Recurrence recurrence, String origin) {
        Reminder reminder = reminder(userId, message, dueAt, zone, channels, recurrence, origin);
        // The user's set of reminder ids is the count: the scheduler keeps a fired one-off reminder there (delivered
        // or failed) until the user deletes it, and a delete frees its place.
        this.atomically.writeWithin(RedisKeys.userReminders(userId), this.maxPerUser, this::full,
                ops -> scheduleIn(ops, reminder), created(reminder));
        return reminder;
    }

    private QuotaExceededException full() {
        this.refusals.refused(Limit.REMINDERS);
        return new QuotaExceededException(Limit.REMINDERS, this.maxPerUser);
    }

    private Reminder reminder(String userId, String message, Instant dueAt, String zone, List<Channel> channels,
            Recurrence recurrence, String origin) {
        Instant now = this.clock.instant();
        return new Reminder(UUID.randomUUID().toString(), userId, message, dueAt, zone, channels, recurrence,
                Reminder.State.SCHEDULED, 0, origin, this.tracing.capture(), now, now, null);
    }

    private void scheduleIn(RedisOperations<String, String> ops, Reminder reminder) {
        ops.opsForValue().set(RedisKeys.reminder(reminder.id()), this.json.writeValueAsString(reminder));
        ops.opsForZSet().add(RedisKeys.userReminders(reminder.userId()), reminder.id(),
                reminder.createdAt().toEpochMilli());
        this.queue.scheduleIn(ops, reminder.id(), reminder.dueAt());
    }

    private AuditEvent created(Reminder reminder) {
        return this.audit.event("created", "reminder", reminder.id(), reminder.userId(),
                Map.of("origin", reminder.origin(), "dueAt", reminder.dueAt().toString()));
    }

    /**
     * Stores what firing made of a reminder, due again at {@code nextDueAt} (or not, when null), and ends its claim;
     * see {@link DueQueue#complete}. False when the reminder changed or went since it was read: what the user did is
     * kept.
     */
    public boolean storeFired(Stored read, Reminder fired, Instant nextDueAt) {
        return this.queue.complete(read.reminder().id(), read.json(), this.json.writeValueAsString(fired), nextDueAt);
    }

    public Reminder get(String userId, String id) {
        return find(id).filter(reminder -> reminder.userId().equals(userId))
                .orElseThrow(() -> new NotFoundException("reminder", id));
    }

    /** The reminder as stored, whoever it belongs to, with its stored JSON for compare-and-set. */
    public Optional<Stored> stored(String id) {
        String stored = this.redis.opsForValue().get(RedisKeys.reminder(id));
        return Optional.ofNullable(stored).map(value -> new Stored(this.json.readValue(value, Reminder.class), value));
    }

    public Page<Reminder> list(String userId, int page, int size) {
        return RedisPages.read(this.redis, this.json, RedisKeys.userReminders(userId), RedisKeys::reminder,
                Reminder.class, page, size);
    }

    /** Replaces what the user may change and schedules it again at its new due time. */
    public Reminder update(String userId, String id, ReminderRequest request) {
        Reminder current = get(userId, id);
        ZoneId zone = zone(request.zone());
        Instant dueAt = request.dueAt().atZone(zone).toInstant();
        List<Channel> channels = (request.channels() != null) ? request.channels() : List.of(Channel.inApp());
        Recurrence recurrence = RecurrenceRequest.toRecurrence(request.recurrence());
        check(request.message(), dueAt, zone, channels, recurrence);
        Instant now = this.clock.instant();
        // Edited while an occurrence is being delivered: that occurrence keeps its number and delivery ids, and the
        // edited reminder's next firing gets new ones, or it would find them acknowledged and send nothing.
        boolean inFlight = this.queue.inFlight(id);
        Reminder updated = new Reminder(current.id(), userId, request.message(), dueAt, zone.getId(), channels,
                recurrence, Reminder.State.SCHEDULED, current.occurrences() + (inFlight ? 1 : 0), current.origin(),
                current.trace(), current.createdAt(), now, current.lastFiredAt());
        this.atomically.write(ops -> {
            ops.opsForValue().set(RedisKeys.reminder(id), this.json.writeValueAsString(updated));
            this.queue.scheduleIn(ops, id, dueAt);
        }, this.audit.event("updated", "reminder", id, userId, Map.of("dueAt", dueAt.toString())));
        return updated;
    }

    public void delete(String userId, String id) {
        get(userId, id);
        this.atomically.write(ops -> {
            ops.delete(RedisKeys.reminder(id));
            ops.opsForZSet().remove(RedisKeys.userReminders(userId), id);
            this.queue.unscheduleIn(ops, id);
        }, this.audit.event("deleted", "reminder", id, userId, Map.of()));
    }

    private void check(String message, Instant dueAt, ZoneId zone, List<Channel> channels, Recurrence recurrence) {
        // The rules a reminder asked for in a question also meets; what follows depends on the clock or on this
        // service's configuration.
        List<String> problems = sentences(
                ReminderRules.violations(new ReminderSpec(message, dueAt, zone.getId(), recurrence, null)));
        if (recurrence == null && dueAt.isBefore(this.clock.instant())) {
            problems.add("dueAt must not be in the past");
        }
        else if (dueAt.isBefore(this.clock.instant().minus(java.time.Duration.ofDays(366)))
                || dueAt.isAfter(this.clock.instant().plus(java.time.Duration.ofDays(3660)))) {
            problems.add("dueAt must be within a year before and ten years after now");
        }
        Set<ChannelType> seen = new HashSet<>();
        for (int i = 0; i < channels.size(); i++) {
            Channel channel = channels.get(i);
            String field = "channels[" + i + "]";
            if (!seen.add(channel.type())) {
                problems.add(field + " repeats channel " + channel.type().value());
            }
            switch (channel.type()) {
                case WEBHOOK -> {
                    if (!isHttpUrl(channel.url())) {
                        problems.add(field + ".url must be an absolute http or https URL, without user info, on a port from 1 to 65535");
                    }
                    else if (this.channels.available(channel.type())) {
                        this.channels.refusal(channel).ifPresent(why -> problems.add(field + ".url: " + why));
                    }
                }
                case EMAIL -> {
                    if (channel.address() == null || !channel.address().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                        problems.add(field + ".address must be an email address");
                    }
                }
                case IN_APP -> {
                }
            }
            if (!this.channels.available(channel.type())) {
                problems.add(field + " " + channel.type().value() + " is not configured on this service");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private static boolean isHttpUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            // No credentials in the URL (they would be stored and shown back with the reminder; a webhook is
            // authenticated by its signature), and a port a socket can have.
            return uri.isAbsolute() && uri.getHost() != null && uri.getRawUserInfo() == null
                    && uri.getPort() >= -1 && uri.getPort() <= 65_535 && uri.getPort() != 0
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    private static ZoneId zone(String zone) {
        List<String> problems = sentences(ReminderRules.zoneViolations(zone));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return ZoneId.of(zone);
    }

    private static List<String> sentences(List<ReminderViolation> violations) {
        List<String> sentences = new ArrayList<>(violations.size());
        violations.forEach(violation -> sentences.add(violation.toString()));
        return sentences;
    }

    private Optional<Reminder> find(String id) {
        return stored(id).map(Stored::reminder);
    }

    /** A reminder and the exact JSON it was read from. */
    public record Stored(Reminder reminder, String json) {
    }
}
