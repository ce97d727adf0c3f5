package io.myriad.testsupport;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The real Kafka, Neo4j and Redis of this JVM: each started on first use, at most once, on free ports, and
 * stopped when the JUnit run or the JVM ends. Where a Docker engine answers they are Testcontainers
 * containers, elsewhere embedded servers (see {@link Provisioning}).
 *
 * <p>Starting a server publishes its address as system properties, which Spring Boot reads when a test
 * context is created:
 * <ul>
 * <li>Kafka: {@code spring.kafka.bootstrap-servers}</li>
 * <li>Neo4j: {@code spring.neo4j.uri} (no authentication)</li>
 * <li>Redis: {@code spring.data.redis.host} and {@code spring.data.redis.port}</li>
 * </ul>
 * Tests normally ask for servers with {@link RealKafka}, {@link RealNeo4j} and {@link RealRedis}; these
 * accessors serve code that runs outside a JUnit extension.
 *
 * <p>Measured on a 2-core machine with other builds running ({@code ./mvnw -B -o -pl test-support verify}):
 * embedded Kafka ready in 3-9 s, Neo4j in 10-20 s, Redis in 0.2-0.9 s.
 */
public final class Infrastructure {

    private static final Singleton<KafkaServer> KAFKA = new Singleton<>("Kafka", Containers::kafka,
            Infrastructure::embeddedKafka,
            kafka -> System.setProperty("spring.kafka.bootstrap-servers", kafka.bootstrapServers()));

    private static final Singleton<Neo4jServer> NEO4J = new Singleton<>("Neo4j", Containers::neo4j, () -> {
        EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(ProcessHandle.current().pid());
        return new Running<>(neo4j.server(), neo4j);
    }, neo4j -> System.setProperty("spring.neo4j.uri", neo4j.boltUri().toString()));

    private static final Singleton<RedisServer> REDIS = new Singleton<>("Redis", Containers::redis, () -> {
        EmbeddedRedis redis = EmbeddedRedis.start(ProcessHandle.current().pid());
        return new Running<>(redis.server(), redis);
    }, redis -> {
        System.setProperty("spring.data.redis.host", redis.host());
        System.setProperty("spring.data.redis.port", String.valueOf(redis.port()));
    });

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Infrastructure::stopAll, "myriad-infrastructure-stop"));
    }

    private Infrastructure() {
    }

    public static KafkaServer kafka() {
        return KAFKA.get();
    }

    public static Neo4jServer neo4j() {
        return NEO4J.get();
    }

    public static RedisServer redis() {
        return REDIS.get();
    }

    /** Starts several kinds side by side: on two cores the Neo4j JVM boots while the broker does. */
    static void startTogether(List<Supplier<?>> servers) {
        if (servers.size() < 2) {
            servers.forEach(Supplier::get);
            return;
        }
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().daemon().name("myriad-infrastructure-start-", 0).factory())) {
            List<Future<?>> started = servers.stream().<Future<?>>map(server -> executor.submit(server::get)).toList();
            for (Future<?> server : started) {
                server.get();
            }
        }
        catch (ExecutionException ex) {
            throw ex.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException(ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting servers", ex);
        }
    }

    static void stopAll() {
        REDIS.stop();
        NEO4J.stop();
        KAFKA.stop();
    }

    private static Running<KafkaServer> embeddedKafka() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        return new Running<>(new KafkaServer(broker.getBrokersAsString(), Mode.EMBEDDED), broker::destroy);
    }
}
