package io.myriad.reminder.inapp;

import java.util.List;

import io.myriad.reminder.ReminderProperties;
import io.myriad.reminder.store.RedisKeys;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** In-app deliveries made while the user had no connection open: newest first, the last {@code inbox-size} kept. */
@Component
class Inbox {

    /**
     * Removes the message with delivery id ARGV[1] and every older one (further down the list), in one step: a
     * message inboxed after the client read the inbox stays. Returns 1 when the id was there, else 0.
     */
    private static final RedisScript<Long> ACKNOWLEDGE = RedisScript.of("""
            local needle = '"deliveryId":"' .. ARGV[1] .. '"'
            local items = redis.call('LRANGE', KEYS[1], 0, -1)
            for i, item in ipairs(items) do
              if string.find(item, needle, 1, true) then
                if i == 1 then redis.call('DEL', KEYS[1]) else redis.call('LTRIM', KEYS[1], 0, i - 2) end
                return 1
              end
            end
            return 0
            """, Long.class);

    /**
     * Puts message ARGV[1] first in the list unless a message with its delivery id ARGV[2] is in it already (a
     * delivery sent again after a crash between the inbox write and its record), then keeps the newest ARGV[3].
     * Returns 1 when it added it, else 0.
     */
    private static final RedisScript<Long> PUT = RedisScript.of("""
            local needle = '"deliveryId":"' .. ARGV[2] .. '"'
            for _, item in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
              if string.find(item, needle, 1, true) then
                return 0
              end
            end
            redis.call('LPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[3]) - 1)
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;

    private final JsonMapper json;

    private final ReminderProperties properties;

    Inbox(StringRedisTemplate redis, JsonMapper json, ReminderProperties properties) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
    }

    /** Puts the message in the user's inbox, once: a second put of the same delivery leaves the first. */
    void put(String userId, InAppMessage message) {
        this.redis.execute(PUT, List.of(RedisKeys.inbox(userId)), this.json.writeValueAsString(message),
                message.deliveryId(), String.valueOf(this.properties.inboxSize()));
    }

    List<InAppMessage> read(String userId) {
        List<String> stored = this.redis.opsForList().range(RedisKeys.inbox(userId), 0, -1);
        return (stored == null) ? List.of()
                : stored.stream().map(value -> this.json.readValue(value, InAppMessage.class)).toList();
    }

    /** Removes the message with this delivery id and every older one; false when it is not in the inbox. */
    boolean acknowledge(String userId, String deliveryId) {
        Long found = this.redis.execute(ACKNOWLEDGE, List.of(RedisKeys.inbox(userId)), deliveryId);
        return found != null && found == 1L;
    }

    void clear(String userId) {
        this.redis.delete(RedisKeys.inbox(userId));
    }
}
