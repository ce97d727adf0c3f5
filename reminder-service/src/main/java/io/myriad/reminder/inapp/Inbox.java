package io.myriad.reminder.inapp;

import java.util.List;

import io.myriad.reminder.ReminderProperties;
import io.myriad.reminder.store.RedisKeys;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** In-app deliveries made while the user had no connection open: newest first, the last {@code inbox-size} kept. */
@Component
class Inbox {

    private final StringRedisTemplate redis;

    private final JsonMapper json;

    private final ReminderProperties properties;

    Inbox(StringRedisTemplate redis, JsonMapper json, ReminderProperties properties) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
    }

    void put(String userId, InAppMessage message) {
        String key = RedisKeys.inbox(userId);
        this.redis.opsForList().leftPush(key, this.json.writeValueAsString(message));
        this.redis.opsForList().trim(key, 0, this.properties.inboxSize() - 1);
    }

    List<InAppMessage> read(String userId) {
        List<String> stored = this.redis.opsForList().range(RedisKeys.inbox(userId), 0, -1);
        return (stored == null) ? List.of()
                : stored.stream().map(value -> this.json.readValue(value, InAppMessage.class)).toList();
    }

    void clear(String userId) {
        this.redis.delete(RedisKeys.inbox(userId));
    }
}
