package io.myriad.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

@RealRedis
class RealRedisIT {

    @Test
    void getsBackOverLettuceWhatItSet(RedisServer redis) {
        RedisClient client = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            // given
            connection.sync().set("reminder:lightbulb", "replace it tomorrow at 9");

            // when
            String reminder = connection.sync().get("reminder:lightbulb");

            // then
            assertThat(reminder).isEqualTo("replace it tomorrow at 9");
        }
        finally {
            client.shutdown();
        }
    }

    @Test
    void runsEmbeddedExactlyWhenNoDockerEngineAnswers(RedisServer redis) {
        assertThat(redis.mode()).isEqualTo(ExpectedMode.here());
    }

    @Test
    void publishesItsAddressForSpringBootAwayFromTheFleetsSeedPort(RedisServer redis) {
        assertThat(System.getProperty("spring.data.redis.host")).isEqualTo(redis.host());
        assertThat(System.getProperty("spring.data.redis.port")).isEqualTo(String.valueOf(redis.port()));
        assertThat(redis.port()).isNotEqualTo(6379);
    }
}
