package io.myriad.reminder.store;

/** Every Redis key the service writes, in one place, so the data layout can be read off one page. */
public final class RedisKeys {

    private static final String PREFIX = "myriad:reminders:";

    /** Sorted set of reminder ids by due time (epoch ms): what is waiting to be claimed. */
    public static final String DUE = PREFIX + "due";

    /** Sorted set of reminder ids by claim time (epoch ms): claimed and being delivered. */
    public static final String INFLIGHT = PREFIX + "inflight";

    /** Hash of in-flight reminder id to the instance that claimed it, written in the same step as the claim. */
    public static final String INFLIGHT_OWNERS = PREFIX + "inflight-owners";

    /** What {@link #heartbeat} puts before an instance id; a Lua script that checks owners builds keys with it. */
    public static final String HEARTBEAT_PREFIX = PREFIX + "heartbeat:";

    /** List of audit events written with their state change and not yet acknowledged by Kafka. */
    public static final String AUDIT_OUTBOX = PREFIX + "audit-outbox";

    private RedisKeys() {
    }

    public static String task(String id) {
        return PREFIX + "task:" + id;
    }

    public static String userTasks(String userId) {
        return PREFIX + "user:" + userId + ":tasks";
    }

    public static String reminder(String id) {
        return PREFIX + "reminder:" + id;
    }

    public static String userReminders(String userId) {
        return PREFIX + "user:" + userId + ":reminders";
    }

    public static String delivery(String id) {
        return PREFIX + "delivery:" + id;
    }

    public static String reminderDeliveries(String reminderId) {
        return PREFIX + "reminder:" + reminderId + ":deliveries";
    }

    public static String inbox(String userId) {
        return PREFIX + "user:" + userId + ":inbox";
    }

    /** Hash of instance id to how many WebSocket connections the user has open there. */
    public static String online(String userId) {
        return PREFIX + "user:" + userId + ":online";
    }

    /** Pub/sub channel on which an instance takes in-app messages for connections open on it. */
    public static String instanceChannel(String instanceId) {
        return PREFIX + "instance:" + instanceId;
    }

    /** String with a time to live that a running instance keeps refreshing: while it exists, its claims are its own. */
    public static String heartbeat(String instanceId) {
        return HEARTBEAT_PREFIX + instanceId;
    }

    public static String command(String commandId) {
        return PREFIX + "command:" + commandId;
    }
}
