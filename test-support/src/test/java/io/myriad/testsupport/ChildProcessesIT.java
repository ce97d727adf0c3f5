package io.myriad.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded Neo4j and Redis run as child processes; none may outlive its test JVM, whether the JVM stops
 * them or dies without a chance to.
 */
class ChildProcessesIT {

    private Process standInParent;

    @BeforeEach
    void startStandInParent() throws IOException {
        // Plays a test JVM that gets killed: the children watch it instead of us.
        standInParent = new ProcessBuilder("sleep", "600").start();
    }

    @AfterEach
    void killStandIn() throws InterruptedException {
        standInParent.destroyForcibly().waitFor();
    }

    @Test
    void leavesNoNeo4jProcessBehindOnceClosed() throws IOException {
        // given
        EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(ProcessHandle.current().pid());
        long pid = neo4j.pid();
        assertThat(isAlive(pid)).isTrue();

        // when
        neo4j.close();

        // then
        assertThat(isAlive(pid)).isFalse();
    }

    @Test
    void neo4jEndsWhenItsParentIsKilled() throws IOException {
        // given
        EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(standInParent.pid());
        try {
            // when
            standInParent.destroyForcibly();

            // then
            await().atMost(Duration.ofSeconds(60)).until(() -> !isAlive(neo4j.pid()));
        }
        finally {
            neo4j.close();
        }
    }

    @Test
    void leavesNoRedisProcessBehindOnceClosed() throws IOException {
        // given
        EmbeddedRedis redis = EmbeddedRedis.start(ProcessHandle.current().pid());
        long pid = redis.pid();
        long watchdogPid = redis.watchdogPid();
        assertThat(isAlive(pid)).isTrue();
        assertThat(isAlive(watchdogPid)).isTrue();

        // when
        redis.close();

        // then
        assertThat(isAlive(pid)).as("redis-server").isFalse();
        assertThat(isAlive(watchdogPid)).as("its watchdog").isFalse();
    }

    @Test
    void redisEndsWhenItsParentIsKilled() throws IOException {
        // given
        EmbeddedRedis redis = EmbeddedRedis.start(standInParent.pid());
        try {
            // when
            standInParent.destroyForcibly();

            // then
            await().atMost(Duration.ofSeconds(30)).until(() -> !isAlive(redis.pid()));
        }
        finally {
            redis.close();
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
