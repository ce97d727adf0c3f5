package io.myriad.reminder.inapp;

import java.time.Instant;
import java.util.Map;

import io.myriad.reminder.ReminderProperties;
import io.myriad.testsupport.RealRedis;
import io.myriad.testsupport.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox against a real Redis: one entry per delivery, however often it is put, and never more than its size. */
@RealRedis
class InboxIT {

    private static final int DATABASE = 9;

    private LettuceConnectionFactory factory;

    private Inbox inbox;

    @BeforeEach
    void connect(RedisServer redis) {
        RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(redis.host(), redis.port());
        configuration.setDatabase(DATABASE);
        this.factory = new LettuceConnectionFactory(configuration);
        this.factory.afterPropertiesSet();
        this.factory.start();
        StringRedisTemplate template = new StringRedisTemplate(this.factory);
        template.getConnectionFactory().getConnection().serverCommands().flushDb();
        ReminderProperties properties = new Binder(new MapConfigurationPropertySource(
                Map.of("myriad.reminders.inbox-size", "3"))).bindOrCreate("myriad.reminders", ReminderProperties.class);
        this.inbox = new Inbox(template, JsonMapper.builder().build(), properties);
    }

    @AfterEach
    void disconnect() {
        this.factory.destroy();
    }

    @Test
    void aDeliveryPutTwiceIsInTheInboxOnce() {
        // given a delivery in the inbox
        this.inbox.put("ana", message("r1-1-in_app"));

        // when it is put again, as a delivery sent again after a crash before its record was saved is
        this.inbox.put("ana", message("r1-1-in_app"));

        // then the user reads it once
        assertThat(this.inbox.read("ana")).extracting(InAppMessage::deliveryId).containsExactly("r1-1-in_app");
    }

    @Test
    void keepsTheNewestDeliveriesUpToItsSizeEachOnce() {
        for (String id : new String[] {"r1-1-in_app", "r2-1-in_app", "r1-2-in_app", "r3-1-in_app"}) {
            this.inbox.put("ben", message(id));
        }
        this.inbox.put("ben", message("r1-2-in_app"));

        assertThat(this.inbox.read("ben")).extracting(InAppMessage::deliveryId)
                .containsExactly("r3-1-in_app", "r1-2-in_app", "r2-1-in_app");
    }

    private static InAppMessage message(String deliveryId) {
        Instant due = Instant.parse("2026-11-25T08:00:00Z");
        return new InAppMessage("reminder", deliveryId, deliveryId.substring(0, 2), 1, "water the plants", due, due,
                false);
    }
}
