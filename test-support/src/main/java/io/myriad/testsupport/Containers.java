package io.myriad.testsupport;

import java.net.URI;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.neo4j.Neo4jContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The servers as Testcontainers containers. Ryuk removes them even when the JVM dies abnormally. Images
 * follow the embedded versions and can be changed with {@code -Dmyriad.test-support.<kind>-image=...}.
 */
final class Containers {

    private Containers() {
    }

    static Running<KafkaServer> kafka() {
        KafkaContainer kafka = new KafkaContainer(image("kafka", "apache/kafka:4.2.1"));
        kafka.start();
        return new Running<>(new KafkaServer(kafka.getBootstrapServers(), Mode.CONTAINER), kafka::stop);
    }

    static Running<Neo4jServer> neo4j() {
        Neo4jContainer neo4j = new Neo4jContainer(image("neo4j", "neo4j:2026.08.1")).withoutAuthentication();
        neo4j.start();
        return new Running<>(new Neo4jServer(URI.create(neo4j.getBoltUrl()), Mode.CONTAINER), neo4j::stop);
    }

    static Running<RedisServer> redis() {
        GenericContainer<?> redis = new GenericContainer<>(image("redis", "redis:7.4-alpine"))
                .withExposedPorts(6379)
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
        redis.start();
        return new Running<>(new RedisServer(redis.getHost(), redis.getMappedPort(6379), Mode.CONTAINER), redis::stop);
    }

    private static DockerImageName image(String kind, String image) {
        String chosen = System.getProperty("myriad.test-support." + kind + "-image", image);
        // A mirror's copy of the image is still the image the container class expects.
        return DockerImageName.parse(chosen)
                .asCompatibleSubstituteFor(DockerImageName.parse(image).getUnversionedPart());
    }
}
