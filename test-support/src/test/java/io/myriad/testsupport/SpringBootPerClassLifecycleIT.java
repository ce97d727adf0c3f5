package io.myriad.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * With one test instance per class, JUnit constructs it, and Spring creates the context, before any
 * {@code beforeAll}; the servers must be up even earlier. Run alone to see it start them from cold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(classes = SpringBootContextIT.Application.class,
        properties = "spring.application.name=per-class-lifecycle")
@RealKafka
@RealRedis
class SpringBootPerClassLifecycleIT {

    private final StringRedisTemplate redis;

    @Autowired
    SpringBootPerClassLifecycleIT(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Test
    void springReachesRedisAlthoughItsContextCameBeforeBeforeAll() {
        redis.opsForValue().set("lifecycle", "per-class");

        assertThat(redis.opsForValue().get("lifecycle")).isEqualTo("per-class");
    }
}
