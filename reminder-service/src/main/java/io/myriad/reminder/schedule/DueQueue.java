package io.myriad.reminder.schedule;

import java.time.Instant;
import java.util.List;

import io.myriad.reminder.store.RedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The due set and the in-flight set in Redis, changed only by Lua scripts, which Redis runs one at a time: a due
 * reminder moves to in-flight in the same step that reads it, so of any number of instances exactly one claims
 * it. No lock, no lease to guess.
 */
@Component
public class DueQueue {

    /** Takes up to ARGV[2] reminders due by ARGV[1] (epoch ms) and marks them in flight since then. */
    private static final RedisScript<List> CLAIM = RedisScript.of("""
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            for _, id in ipairs(ids) do
              redis.call('ZREM', KEYS[1], id)
              redis.call('ZADD', KEYS[2], ARGV[1], id)
            end
            return ids
            """, List.class);

    /**
     * Ends a claim: if the reminder (KEYS[1]) is still exactly as it was read (ARGV[2]), stores what firing made of
     * it (ARGV[3]) and, for a recurring one, schedules the next occurrence (ARGV[4], epoch ms, or empty). A
     * reminder changed or deleted meanwhile keeps what the user did. A one-off reminder leaves the due set, even if a
     * stopping instance gave its claim back meanwhile. Returns 1 when it stored, 0 when not.
     */
    private static final RedisScript<Long> COMPLETE = RedisScript.of("""
            redis.call('ZREM', KEYS[2], ARGV[1])
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

    /** Puts reminders back in the due set (at ARGV[2] epoch ms) that are in flight and claimed by ARGV[1] or before. */
    private static final RedisScript<Long> REQUEUE_STALE = RedisScript.of("""
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            for _, id in ipairs(ids) do
              redis.call('ZREM', KEYS[1], id)
              redis.call('ZADD', KEYS[2], 'NX', ARGV[2], id)
            end
            return #ids
            """, Long.class);

    /** Puts one in-flight reminder (ARGV[1]) back in the due set at ARGV[2], if it is still in flight. */
    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
              redis.call('ZADD', KEYS[2], 'NX', ARGV[2], ARGV[1])
              return 1
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;

    DueQueue(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Claims up to {@code limit} reminders due by {@code now}; each is returned to exactly one caller. */
    @SuppressWarnings("unchecked")
    public List<String> claim(Instant now, int limit) {
        List<String> ids = this.redis.execute(CLAIM, List.of(RedisKeys.DUE, RedisKeys.INFLIGHT),
                String.valueOf(now.toEpochMilli()), String.valueOf(limit));
        return (ids != null) ? ids : List.of();
    }

    /** Ends the claim of {@code id}; see {@link #COMPLETE}. */
    public boolean complete(String id, String readAs, String firedAs, Instant nextDueAt) {
        Long stored = this.redis.execute(COMPLETE, List.of(RedisKeys.reminder(id), RedisKeys.INFLIGHT, RedisKeys.DUE),
                id, readAs, firedAs, (nextDueAt != null) ? String.valueOf(nextDueAt.toEpochMilli()) : "");
        return stored != null && stored == 1;
    }

    /** Drops the claim of a reminder that no longer exists. */
    public void forget(String id) {
        this.redis.opsForZSet().remove(RedisKeys.INFLIGHT, id);
    }

    /** Gives a claim back, due again at {@code dueAt}: this instance is stopping before it could deliver. */
    public boolean release(String id, Instant dueAt) {
        Long released = this.redis.execute(RELEASE, List.of(RedisKeys.INFLIGHT, RedisKeys.DUE), id,
                String.valueOf(dueAt.toEpochMilli()));
        return released != null && released == 1;
    }

    /** Puts back claims made at {@code claimedBy} or before: their instance died before finishing them. */
    public long requeueStale(Instant claimedBy, Instant dueAgainAt) {
        Long moved = this.redis.execute(REQUEUE_STALE, List.of(RedisKeys.INFLIGHT, RedisKeys.DUE),
                String.valueOf(claimedBy.toEpochMilli()), String.valueOf(dueAgainAt.toEpochMilli()));
        return (moved != null) ? moved : 0;
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
