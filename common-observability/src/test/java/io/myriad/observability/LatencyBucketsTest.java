package io.myriad.observability;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyBucketsTest {

    @Test
    void givesBootsTimersTheSameEdgesAsTheServicesOwn() {
        // when Boot reads the property form as it reads management.metrics.distribution.slo.*
        List<Duration> fromProperty = Arrays.stream(LatencyBuckets.asProperty().split(","))
                .map(DurationStyle::detectAndParse)
                .toList();

        // then they are the edges a service's own timers get
        assertThat(fromProperty).containsExactly(LatencyBuckets.slo());
    }

    @Test
    void keepsTheEdgesDashboardsAndTheLatencySloRead() {
        assertThat(LatencyBuckets.slo()).containsExactly(Duration.ofMillis(5), Duration.ofMillis(10),
                Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }

    @Test
    void handsEachCallerItsOwnArraySoNoneCanMoveAnotherServicesEdges() {
        // given one caller that overwrites its array
        Duration[] first = LatencyBuckets.slo();
        first[0] = Duration.ofHours(1);

        // then the next caller still gets the fleet's edges
        assertThat(LatencyBuckets.slo()[0]).isEqualTo(Duration.ofMillis(5));
    }
}
