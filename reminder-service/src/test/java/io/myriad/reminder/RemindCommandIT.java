package io.myriad.reminder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import io.myriad.contracts.Topics;
import io.myriad.contracts.reminder.Recurrence;
import io.myriad.contracts.reminder.RemindCommand;
import io.myriad.contracts.reminder.ReminderRules;
import io.myriad.contracts.reminder.ReminderSpec;
import io.myriad.reminder.reminders.Reminder;
import io.myriad.reminder.reminders.ReminderStore;
import io.myriad.reminder.store.RedisKeys;
import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealRedis;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * The orchestrator's remind commands: each becomes exactly one reminder, however often Kafka delivers it; one that
 * cannot become a reminder is on the dead-letter topic, counted, instead of dropped.
 */
// Closed after the class: a context left in the cache keeps its scheduler claiming due reminders on the shared
// Redis, and would deliver another class's reminders with its own configuration and meters.
@DirtiesContext
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = { "management.server.port=0",
        "myriad.reminders.max-reminders-per-user=3" })
@RealKafka
@RealRedis
class RemindCommandIT {

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

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

    @Test
    void aCommandThatCannotBecomeAReminderLandsOnTheDeadLetterTopicAtOnceAndIsCounted() throws Exception {
        String user = "max-" + UUID.randomUUID();
        RemindCommand blank = new RemindCommand(UUID.randomUUID().toString(), "query-3", user,
                new ReminderSpec(" ", Instant.now().plus(Duration.ofHours(1)), "UTC", null, "in 1 hour"));

        this.kafka.send(Topics.REMINDER_COMMANDS, user, blank).get();

        ConsumerRecord<byte[], byte[]> deadLetter = await("the command on the dead-letter topic")
                .atMost(Duration.ofSeconds(30))
                .until(() -> deadLetter(blank.commandId()), java.util.Objects::nonNull);
        assertThat(header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(Topics.REMINDER_COMMANDS);
        assertThat(header(deadLetter, "kafka_dlt-exception-fqcn"))
                .isEqualTo(ListenerExecutionFailedException.class.getName());
        assertThat(header(deadLetter, "kafka_dlt-exception-cause-fqcn"))
                .isEqualTo("io.myriad.reminder.web.InvalidRequestException");
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).contains(blank.commandId());
        assertThat(messages(Api.as(this.port, user))).isEmpty();
        assertThat(scrape()).containsPattern("myriad_kafka_dead_letters_total\\{[^}]*reason=\"validation\","
                + "topic=\"" + Pattern.quote(Topics.REMINDER_COMMANDS) + "\"} [1-9]");
    }

    @Test
    void aCommandOverTheUsersReminderQuotaLandsOnTheDeadLetterTopicAndADeleteMakesRoom() throws Exception {
        String user = "ros-" + UUID.randomUUID();
        Api ros = Api.as(this.port, user);
        String due = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusDays(1).withNano(0).toString();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(ros.post("/api/v1/reminders", "{\"message\":\"made in the app " + i + "\",\"dueAt\":\"" + due
                    + "\",\"zone\":\"UTC\"}").json().path("id").asString());
        }
        RemindCommand over = command(user, "asked in a question");

        this.kafka.send(Topics.REMINDER_COMMANDS, user, over).get();

        ConsumerRecord<byte[], byte[]> deadLetter = await("the command over the quota on the dead-letter topic")
                .atMost(Duration.ofSeconds(30))
                .until(() -> deadLetter(over.commandId()), java.util.Objects::nonNull);
        assertThat(header(deadLetter, "kafka_dlt-exception-cause-fqcn"))
                .isEqualTo("io.myriad.reminder.web.QuotaExceededException");
        assertThat(messages(ros)).hasSize(3).doesNotContain("asked in a question");

        assertThat(ros.delete("/api/v1/reminders/" + ids.get(0)).status()).isEqualTo(204);
        RemindCommand after = command(user, "asked again");
        this.kafka.send(Topics.REMINDER_COMMANDS, user, after).get();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(messages(ros)).contains("asked again"));
    }

    private static RemindCommand command(String user, String message) {
        return new RemindCommand(UUID.randomUUID().toString(), "query-q", user,
                new ReminderSpec(message, Instant.now().plus(Duration.ofHours(1)), "UTC", null, "in 1 hour"));
    }

    private ConsumerRecord<byte[], byte[]> deadLetter(String commandId) {
        String topic = Topics.REMINDER_COMMANDS + ".DLT";
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (new String(record.value(), StandardCharsets.UTF_8).contains(commandId)) {
                        return record;
                    }
                }
            }
            return null;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private String scrape() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort
                    + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static List<String> messages(Api api) {
        return api.get("/api/v1/reminders").json().path("items").valueStream()
                .map(reminder -> reminder.path("message").asString())
                .toList();
    }
}
