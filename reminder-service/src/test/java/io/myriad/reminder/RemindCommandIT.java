package io.myriad.reminder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.myriad.contracts.Topics;
import io.myriad.contracts.reminder.Recurrence;
import io.myriad.contracts.reminder.RemindCommand;
import io.myriad.contracts.reminder.ReminderRules;
import io.myriad.contracts.reminder.ReminderSpec;
import io.myriad.reminder.reminder.Reminder;
import io.myriad.reminder.reminder.ReminderStore;
import io.myriad.reminder.store.RedisKeys;
import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealRedis;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** The orchestrator's remind commands: each becomes exactly one reminder, however often Kafka delivers it. */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "management.server.port=0")
@RealKafka
@RealRedis
class RemindCommandIT {

    @LocalServerPort
    private int port;

    @Autowired
    private KafkaTemplate<String, Object> kafka;

    @Autowired
    private ReminderStore reminders;

    @Autowired
    private StringRedisTemplate redis;

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        TestIdentity.register(registry);
    }

    @Test
    void aCommandDeliveredTwiceBecomesOneReminder() throws Exception {
        String user = "kim-" + UUID.randomUUID();
        RemindCommand command = new RemindCommand(UUID.randomUUID().toString(), "query-1", user,
                new ReminderSpec("water the plants", Instant.now().plus(Duration.ofHours(1)), "Europe/Paris", null,
                        "in 1 hour"));

        this.kafka.send(Topics.REMINDER_COMMANDS, user, command).get();
        this.kafka.send(Topics.REMINDER_COMMANDS, user, command).get();
        RemindCommand after = new RemindCommand(UUID.randomUUID().toString(), "query-2", user,
                new ReminderSpec("then the garden", Instant.now().plus(Duration.ofHours(2)), "UTC", null, "in 2 hours"));
        this.kafka.send(Topics.REMINDER_COMMANDS, user, after).get();

        // Same key, same partition: once the later command is in, both copies of the first have been handled.
        Api kim = Api.as(this.port, user);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(messages(kim))
                .contains("then the garden"));
        assertThat(messages(kim)).containsExactlyInAnyOrder("water the plants", "then the garden");
        JsonNode first = kim.get("/api/v1/reminders").json().path("items").valueStream()
                .filter(reminder -> reminder.path("message").asString().equals("water the plants"))
                .findFirst().orElseThrow();
        assertThat(first.path("zone").asString()).isEqualTo("Europe/Paris");
        assertThat(this.redis.opsForValue().get(RedisKeys.command(command.commandId())))
                .isEqualTo(first.path("id").asString());
    }

    @Test
    void aCommandBreakingTheSharedReminderRulesCreatesNoReminder() throws Exception {
        String user = "max-" + UUID.randomUUID();
        Instant due = Instant.now().plus(Duration.ofHours(1));
        List<ReminderSpec> refused = List.of(new ReminderSpec("", due, "UTC", null, "tomorrow at 9"),
                new ReminderSpec("stretch", due, "UTC", new Recurrence(Recurrence.Frequency.DAYS, 69_993, List.of(),
                        null), "every 9999 weeks"),
                new ReminderSpec("stretch", due, "Mars/Olympus_Mons", null, "in 1 hour"));
        for (ReminderSpec spec : refused) {
            assertThat(ReminderRules.violations(spec)).as(spec.toString()).isNotEmpty();
            this.kafka.send(Topics.REMINDER_COMMANDS, user,
                    new RemindCommand(UUID.randomUUID().toString(), "query-x", user, spec)).get();
        }
        this.kafka.send(Topics.REMINDER_COMMANDS, user, new RemindCommand(UUID.randomUUID().toString(), "query-y",
                user, new ReminderSpec("valid after all", due, "UTC", null, "in 1 hour"))).get();

        // Same key, same partition: once the valid command is in, the refused ones have been handled.
        Api max = Api.as(this.port, user);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(messages(max))
                .contains("valid after all"));
        assertThat(messages(max)).containsExactly("valid after all");
    }

    @Test
    void twoInstancesRacingOverOneCommandCreateOneReminder() throws Exception {
        String user = "lou-" + UUID.randomUUID();
        String commandId = UUID.randomUUID().toString();
        Instant due = Instant.now().plus(Duration.ofHours(1));
        int racers = 8;
        CyclicBarrier start = new CyclicBarrier(racers);
        Callable<Optional<Reminder>> create = () -> {
            start.await();
            return this.reminders.createFromCommand(commandId, user, "feed the cat", due, "UTC", null);
        };
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            List<Future<Optional<Reminder>>> results = pool.invokeAll(java.util.Collections.nCopies(racers, create));
            long created = 0;
            for (Future<Optional<Reminder>> result : results) {
                created += result.get().isPresent() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        }
        assertThat(messages(Api.as(this.port, user))).containsExactly("feed the cat");
        assertThat(this.redis.opsForZSet().size(RedisKeys.userReminders(user))).isEqualTo(1);
    }

    private static List<String> messages(Api api) {
        return api.get("/api/v1/reminders").json().path("items").valueStream()
                .map(reminder -> reminder.path("message").asString())
                .toList();
    }
}
