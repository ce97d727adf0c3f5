package io.myriad.reminder.inapp;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import io.myriad.reminder.store.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * In-app messages for connections open on another instance. Each instance records in Redis for which users it has
 * connections open ({@link RedisKeys#online}) and listens on a channel of its own; an instance that claims a
 * reminder for a user connected elsewhere publishes the message there, and the instance holding the connection
 * pushes it (or puts it in the inbox, if the connection closed meanwhile). A channel nobody listens on any more
 * (an instance that died) is dropped from the record when a publish reaches no one.
 */
@Configuration(proxyBeanMethods = false)
class Relay {

    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private final String instanceId = UUID.randomUUID().toString();

    private final StringRedisTemplate redis;

    private final JsonMapper json;

    Relay(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    @Bean
    RedisMessageListenerContainer inAppRelayListener(RedisConnectionFactory connections, Sessions sessions,
            Inbox inbox) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener((message, pattern) -> {
            Forwarded forwarded = this.json.readValue(new String(message.getBody(), StandardCharsets.UTF_8),
                    Forwarded.class);
            String text = this.json.writeValueAsString(forwarded.message());
            if (sessions.send(forwarded.userId(), text) == 0) {
                inbox.put(forwarded.userId(), forwarded.message());
            }
        }, new ChannelTopic(RedisKeys.instanceChannel(this.instanceId)));
        return container;
    }

    void opened(String userId) {
        this.redis.opsForHash().increment(RedisKeys.online(userId), this.instanceId, 1);
    }

    void closed(String userId, int stillOpen) {
        if (stillOpen > 0) {
            this.redis.opsForHash().put(RedisKeys.online(userId), this.instanceId, String.valueOf(stillOpen));
        }
        else {
            this.redis.opsForHash().delete(RedisKeys.online(userId), this.instanceId);
        }
    }

    /** Hands the message to every other instance where the user has a connection open; true when one took it. */
    boolean forward(String userId, InAppMessage message) {
        Map<Object, Object> online = this.redis.opsForHash().entries(RedisKeys.online(userId));
        boolean taken = false;
        for (Map.Entry<Object, Object> entry : online.entrySet()) {
            String instance = (String) entry.getKey();
            if (instance.equals(this.instanceId) || Long.parseLong((String) entry.getValue()) <= 0) {
                continue;
            }
            Long receivers = this.redis.convertAndSend(RedisKeys.instanceChannel(instance),
                    this.json.writeValueAsString(new Forwarded(userId, message)));
            if (receivers != null && receivers > 0) {
                taken = true;
            }
            else {
                log.info("Instance {} no longer listens; dropped from user {}'s connections", instance, userId);
                this.redis.opsForHash().delete(RedisKeys.online(userId), instance);
            }
        }
        return taken;
    }

    /** A message on its way to another instance. */
    record Forwarded(String userId, InAppMessage message) {
    }
}
