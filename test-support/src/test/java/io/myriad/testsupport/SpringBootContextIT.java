package io.myriad.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Spring Boot's own auto-configured clients reach the real servers, with nothing in the test but the
 * annotations. They come after {@code @SpringBootTest} on purpose: their order does not matter.
 */
@SpringBootTest(classes = SpringBootContextIT.Application.class,
        properties = "spring.kafka.consumer.auto-offset-reset=earliest")
@RealKafka
@RealNeo4j
@RealRedis
class SpringBootContextIT {

    private static final String TOPIC = "answers";

    private final KafkaTemplate<String, String> kafka;
    private final Queue<String> received;
    private final StringRedisTemplate redis;
    private final Driver neo4j;

    @Autowired
    SpringBootContextIT(KafkaTemplate<String, String> kafka, Queue<String> received, StringRedisTemplate redis,
            Driver neo4j) {
        this.kafka = kafka;
        this.received = received;
        this.redis = redis;
        this.neo4j = neo4j;
    }

    @Test
    void kafkaTemplateAndListenerMeetAtTheRealBroker() {
        // given
        String answer = "A lightbulb makes light " + UUID.randomUUID();

        // when
        kafka.send(TOPIC, answer);

        // then
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(received).contains(answer));
    }

    @Test
    void redisTemplateStoresInTheRealRedis(RedisServer server) {
        // given
        redis.opsForValue().set("reminder:9am", "replace the lightbulb");

        // when
        String stored;
        RedisClient client = RedisClient.create(RedisURI.create(server.host(), server.port()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            stored = connection.sync().get("reminder:9am");
        }
        finally {
            client.shutdown();
        }

        // then
        assertThat(stored).isEqualTo("replace the lightbulb");
    }

    @Test
    void neo4jDriverWritesToTheRealNeo4j(Neo4jServer server) {
        // given
        neo4j.executableQuery("MERGE (:Concept {name: $name})").withParameters(Map.of("name", "switch")).execute();

        // when
        long found;
        try (Driver direct = GraphDatabase.driver(server.boltUri(), AuthTokens.none())) {
            found = direct.executableQuery("MATCH (c:Concept {name: $name}) RETURN count(c) AS n")
                    .withParameters(Map.of("name", "switch")).execute().records().getFirst().get("n").asLong();
        }

        // then
        assertThat(found).isEqualTo(1);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Bean
        Queue<String> received() {
            return new ConcurrentLinkedQueue<>();
        }

        @Bean
        Listener listener(Queue<String> received) {
            return new Listener(received);
        }
    }

    static class Listener {

        private final Queue<String> received;

        Listener(Queue<String> received) {
            this.received = received;
        }

        @KafkaListener(topics = TOPIC, groupId = "spring-boot-context-it")
        void onAnswer(String answer) {
            received.add(answer);
        }
    }
}
