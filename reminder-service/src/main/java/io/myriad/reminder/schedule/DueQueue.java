package io.myriad.reminder.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.myriad.reminder.store.RedisKeys;

import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The due set, the in-flight set and who claimed what, in Redis, changed only by this class: by Lua scripts, which
 * Redis runs one at a time, or by writes it queues into a caller's transaction (MULTI/EXEC), so that a reminder and
 * its place in the due set change together. A due reminder moves to in-flight, with this instance recorded as its
 * owner, in the same step that reads it, so of any number of instances exactly one claims it. No lock, and no time
 * limit to guess per claim: a claim is its owner's for as long as the owner's heartbeat, a key with a time to live
 * that a running instance keeps refreshing, exists.
 */
@Component
public class DueQueue {

    /**
     * Takes up to ARGV[2] reminders due by ARGV[1] (epoch ms), marks them in flight since then and owned by ARGV[3].
     * Takes nothing while the claimer's heartbeat (KEYS[4]) is missing: another instance would take its claims for
     * those of a dead one.
     */
    private static final RedisScript<List> CLAIM = RedisScript.of("""
            if redis.call('EXISTS', KEYS[4]) == 0 then
              return {}
            end
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            for _, id in ipairs(ids) do
              redis.call('ZREM', KEYS[1], id)
              redis.call('ZADD', KEYS[2], ARGV[1], id)
              redis.call('HSET', KEYS[3], id, ARGV[3])
            end
            return ids
            """, List.class);

    /**
     * Ends a claim (in flight, and its owner): if the reminder (KEYS[1]) is still exactly as it was read (ARGV[2]),
     * stores what firing made of it (ARGV[3]) and, for a recurring one, schedules the next occurrence (ARGV[4], epoch
     * ms, or empty). A reminder changed or deleted meanwhile keeps what the user did. A one-off reminder leaves the
     * due set, even if a stopping instance gave its claim back meanwhile. Returns 1 when it stored, 0 when not.
     */
    private static final RedisScript<Long> COMPLETE = RedisScript.of("""
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('HDEL', KEYS[4], ARGV[1])
            if redis.call('GET', KEYS[1]) ~= ARGV[2] then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[3])
            if ARGV[4] ~= '' then
              redis.call('ZADD', KEYS[3], tonumber(ARGV[4]), ARGV[1])
            else
              redis.call('ZREM', KEYS[3], ARGV[1])
            end
            return 1
            """, Long.class);

    /**
     * Puts reminders back in the due set (at ARGV[2] epoch ms) that are in flight, claimed at ARGV[1] or before and
     * have no known owner (claims made before owners were recorded): those with one are the owner's to finish, or
     * put back when its heartbeat is gone.
     */
    private static final RedisScript<Long> REQUEUE_STALE = RedisScript.of("""
            local moved = 0
            for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])) do
              if redis.call('HEXISTS', KEYS[3], id) == 0 then
                redis.call('ZREM', KEYS[1], id)
                redis.call('ZADD', KEYS[2], 'NX', ARGV[2], id)
                moved = moved + 1
              end
            end
            return moved
            """, Long.class);

    /**
     * Puts back in the due set (at ARGV[2] epoch ms) every in-flight reminder whose owner's heartbeat (the key
     * ARGV[1] .. owner, built here since the owners are only known here; one Redis, no cluster) is gone.
     */
    private static final RedisScript<Long> REQUEUE_ABANDONED = RedisScript.of("""
            local owners = redis.call('HGETALL', KEYS[3])
            local alive = {}
            local moved = 0
            for i = 1, #owners, 2 do
              local id, owner = owners[i], owners[i + 1]
              if alive[owner] == nil then
                alive[owner] = redis.call('EXISTS', ARGV[1] .. owner) == 1
              end
              if not alive[owner] then
                redis.call('HDEL', KEYS[3], id)
                if redis.call('ZREM', KEYS[1], id) == 1 then
                  redis.call('ZADD', KEYS[2], 'NX', ARGV[2], id)
                  moved = moved + 1
                end
              end
            end
            return moved
            """, Long.class);

    /**
     * Puts back in the due set (at ARGV[2] epoch ms) every in-flight reminder owned by ARGV[1] but not among ARGV[3..]
     * (those it is firing): claims whose reply never reached it.
     */
    private static final RedisScript<Long> REQUEUE_LOST = RedisScript.of("""
            local firing = {}
            for i = 3, #ARGV do
              firing[ARGV[i]] = true
            end
            local owners = redis.call('HGETALL', KEYS[3])
            local moved = 0
            for i = 1, #owners, 2 do
              local id, owner = owners[i], owners[i + 1]
              if owner == ARGV[1] and not firing[id] then
                redis.call('HDEL', KEYS[3], id)
                if redis.call('ZREM', KEYS[1], id) == 1 then
                  redis.call('ZADD', KEYS[2], 'NX', ARGV[2], id)
                  moved = moved + 1
                end
              end
            end
            return moved
            """, Long.class);

    /**
     * Puts one in-flight reminder (ARGV[1]) back in the due set at ARGV[2], if it is still in flight and not owned by
     * another instance than ARGV[3] (which took it over when this one was taken for dead).
     */
    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            local owner = redis.call('HGET', KEYS[3], ARGV[1])
            if owner and owner ~= ARGV[3] then
              return 0
            end
            redis.call('HDEL', KEYS[3], ARGV[1])
            if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
              redis.call('ZADD', KEYS[2], 'NX', ARGV[2], ARGV[1])
              return 1
            end
            return 0
            """, Long.class);

    /** Drops one claim (ARGV[1]) of this instance (ARGV[2]): its reminder was deleted, or is not due. */
    private static final RedisScript<Long> FORGET = RedisScript.of("""
            local owner = redis.call('HGET', KEYS[2], ARGV[1])
            if owner and owner ~= ARGV[2] then
              return 0
            end
            redis.call('HDEL', KEYS[2], ARGV[1])
            return redis.call('ZREM', KEYS[1], ARGV[1])
            """, Long.class);

    /** Refreshes the heartbeat KEYS[1] for ARGV[1] ms; returns 1 when it still existed, 0 when it had expired. */
    private static final RedisScript<Long> BEAT = RedisScript.of("""
            local existed = redis.call('EXISTS', KEYS[1])
            redis.call('SET', KEYS[1], ARGV[2], 'PX', tonumber(ARGV[1]))
            return existed
            """, Long.class);

    /**
     * Stores a reminder created by a command (KEYS[2], ARGV[2]) in its user's set (KEYS[3], at ARGV[3]) and the due
     * set (KEYS[4], at ARGV[4]) with its audit outbox entry (KEYS[5], ARGV[6]), and marks the command (KEYS[1]) for
     * ARGV[5] seconds, in one step, unless the command was marked: a redelivered command (even to two instances at
     * once) makes one reminder, and one cut short leaves nothing that would stop its redelivery. Makes none for a
     * user already holding ARGV[7] reminders. Returns 1 when it stored, 0 when the command was marked, -1 when full.
     */
    private static final RedisScript<Long> CREATE_ONCE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[7]) then return -1 end
            redis.call('SET', KEYS[2], ARGV[2])
            redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
            redis.call('ZADD', KEYS[4], ARGV[4], ARGV[1])
            redis.call('RPUSH', KEYS[5], ARGV[6])
            redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[5])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;

    /** This instance, as the owner of its claims: new at each start, so a restarted instance never owns its past's. */
    private final String instanceId = UUID.randomUUID().toString();

    DueQueue(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** The id under which this instance's claims and heartbeat are recorded. */
    public String instanceId() {
        return this.instanceId;
    }

    /**
     * Says in Redis that this instance runs, for {@code ttl}; false when its heartbeat had expired (or never
     * existed): other instances may have put back its claims meanwhile.
     */
    public boolean beat(Duration ttl) {
        Long existed = this.redis.execute(BEAT, List.of(RedisKeys.heartbeat(this.instanceId)),
                String.valueOf(ttl.toMillis()), String.valueOf(System.currentTimeMillis()));
        return existed != null && existed == 1;
    }

    /**
     * Claims up to {@code limit} reminders due by {@code now} for this instance; each is returned to exactly one
     * caller. Claims nothing while this instance's heartbeat is missing: {@link #beat} first.
     */
    @SuppressWarnings("unchecked")
    public List<String> claim(Instant now, int limit) {
        List<String> ids = this.redis.execute(CLAIM,
                List.of(RedisKeys.DUE, RedisKeys.INFLIGHT, RedisKeys.INFLIGHT_OWNERS,
                        RedisKeys.heartbeat(this.instanceId)),
                String.valueOf(now.toEpochMilli()), String.valueOf(limit), this.instanceId);
        return (ids != null) ? ids : List.of();
    }

    /** Ends the claim of {@code id}; see {@link #COMPLETE}. */
    public boolean complete(String id, String readAs, String firedAs, Instant nextDueAt) {
        Long stored = this.redis.execute(COMPLETE,
                List.of(RedisKeys.reminder(id), RedisKeys.INFLIGHT, RedisKeys.DUE, RedisKeys.INFLIGHT_OWNERS),
                id, readAs, firedAs, (nextDueAt != null) ? String.valueOf(nextDueAt.toEpochMilli()) : "");
        return stored != null && stored == 1;
    }

    /** Drops this instance's claim of a reminder that no longer exists or is not due. */
    public void forget(String id) {
        this.redis.execute(FORGET, List.of(RedisKeys.INFLIGHT, RedisKeys.INFLIGHT_OWNERS), id, this.instanceId);
    }

    /** Gives a claim back, due again at {@code dueAt}: this instance is stopping before it could deliver. */
    public boolean release(String id, Instant dueAt) {
        Long released = this.redis.execute(RELEASE,
                List.of(RedisKeys.INFLIGHT, RedisKeys.DUE, RedisKeys.INFLIGHT_OWNERS), id,
                String.valueOf(dueAt.toEpochMilli()), this.instanceId);
        return released != null && released == 1;
    }

    /**
     * Puts back claims of instances whose heartbeat is gone (they died, or could not reach Redis for longer than
     * the heartbeat lives), due again at {@code dueAgainAt}; returns how many.
     */
    public long requeueAbandoned(Instant dueAgainAt) {
        Long moved = this.redis.execute(REQUEUE_ABANDONED,
                List.of(RedisKeys.INFLIGHT, RedisKeys.DUE, RedisKeys.INFLIGHT_OWNERS), RedisKeys.HEARTBEAT_PREFIX,
                String.valueOf(dueAgainAt.toEpochMilli()));
        return (moved != null) ? moved : 0;
    }

    /**
     * Puts back this instance's claims that it is not firing, due again at {@code dueAgainAt}: a claim whose reply
     * was lost (Lettuce sends a command again after a reconnect when the reply to the first send never came, so the
     * claim script may run twice and the first run's reminders reach nobody). Returns how many.
     */
    public long requeueLost(Collection<String> firing, Instant dueAgainAt) {
        List<String> args = new ArrayList<>(firing.size() + 2);
        args.add(this.instanceId);
        args.add(String.valueOf(dueAgainAt.toEpochMilli()));
        args.addAll(firing);
        Long moved = this.redis.execute(REQUEUE_LOST,
                List.of(RedisKeys.INFLIGHT, RedisKeys.DUE, RedisKeys.INFLIGHT_OWNERS), args.toArray());
        return (moved != null) ? moved : 0;
    }

    /**
     * Puts back claims made at {@code claimedBy} or before that have no known owner: made by a version of this
     * service that recorded none, and never finished.
     */
    public long requeueStale(Instant claimedBy, Instant dueAgainAt) {
        Long moved = this.redis.execute(REQUEUE_STALE,
                List.of(RedisKeys.INFLIGHT, RedisKeys.DUE, RedisKeys.INFLIGHT_OWNERS),
                String.valueOf(claimedBy.toEpochMilli()), String.valueOf(dueAgainAt.toEpochMilli()));
        return (moved != null) ? moved : 0;
    }

    /** Queues, in the caller's transaction, that reminder {@code id} falls due at {@code dueAt} (again, if it was). */
    public void scheduleIn(RedisOperations<String, String> transaction, String id, Instant dueAt) {
        transaction.opsForZSet().add(RedisKeys.DUE, id, dueAt.toEpochMilli());
    }

    /** Queues, in the caller's transaction, that reminder {@code id} no longer falls due. */
    public void unscheduleIn(RedisOperations<String, String> transaction, String id) {
        transaction.opsForZSet().remove(RedisKeys.DUE, id);
    }

    /** Whether reminder {@code id} is claimed and being delivered. */
    public boolean inFlight(String id) {
        return this.redis.opsForZSet().score(RedisKeys.INFLIGHT, id) != null;
    }

    /**
     * Stores and schedules a reminder created by command {@code commandId}, unless the command was seen within
     * {@code rememberCommand}; see {@link #CREATE_ONCE}. Returns 1 when it stored, 0 when the command was seen, -1 when
     * the user already holds {@code maxPerUser} reminders.
     */
    public long scheduleOnce(String commandId, Duration rememberCommand, String id, String userId, String json,
            Instant createdAt, Instant dueAt, String auditEntry, int maxPerUser) {
        Long created = this.redis.execute(CREATE_ONCE,
                List.of(RedisKeys.command(commandId), RedisKeys.reminder(id), RedisKeys.userReminders(userId),
                        RedisKeys.DUE, RedisKeys.AUDIT_OUTBOX),
                id, json, String.valueOf(createdAt.toEpochMilli()), String.valueOf(dueAt.toEpochMilli()),
                String.valueOf(rememberCommand.toSeconds()), auditEntry, String.valueOf(maxPerUser));
        return (created != null) ? created : 0;
    }

    /** Reminders waiting to fall due or be claimed, plus those being delivered. */
    public long scheduled() {
        Long due = this.redis.opsForZSet().zCard(RedisKeys.DUE);
        Long inflight = this.redis.opsForZSet().zCard(RedisKeys.INFLIGHT);
        return ((due != null) ? due : 0) + ((inflight != null) ? inflight : 0);
    }

    /** Reminders that fell due before {@code before} and nobody has claimed. */
    public long overdue(Instant before) {
        Long count = this.redis.opsForZSet().count(RedisKeys.DUE, Double.NEGATIVE_INFINITY, before.toEpochMilli());
        return (count != null) ? count : 0;
    }
}
