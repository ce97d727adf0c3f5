package io.myriad.observability.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TagCardinalityGuardTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private final TagCardinalityGuard guard = new TagCardinalityGuard(100);

    TagCardinalityGuardTest() {
        this.registry.config().meterFilter(this.guard);
        this.guard.bindTo(this.registry);
    }

    @Test
    void foldsAThousandDistinctValuesIntoAtMostTheCapPlusOneSeries() {
        // when a thousand requests each bring their own host name
        for (int i = 0; i < 1_000; i++) {
            Counter.builder("webhook.calls").tag("host", "host-" + i + ".example").tag("outcome", "success")
                    .register(this.registry).increment();
        }

        // then the meter has the first hundred hosts and OTHER, and no measurement was lost
        assertThat(this.registry.find("webhook.calls").counters()).hasSize(101);
        assertThat(this.registry.get("webhook.calls").tag("host", TagCardinalityGuard.OTHER).counter().count())
                .isEqualTo(900);
        assertThat(this.registry.find("webhook.calls").counters().stream().mapToDouble(Counter::count).sum())
                .isEqualTo(1_000);
        // and the folding is counted, by meter name
        assertThat(this.registry.get(TagCardinalityGuard.CAPPED).tag("meter", "webhook.calls").functionCounter()
                .count()).isEqualTo(900);
    }

    @Test
    void capsEachTagOfEachMeterOnItsOwn() {
        for (int i = 0; i < 150; i++) {
            Counter.builder("a").tag("k", "v" + i).register(this.registry);
        }
        Counter.builder("b").tag("k", "v149").register(this.registry);
        Counter.builder("a").tag("other", "v149").register(this.registry);

        assertThat(this.registry.find("b").tag("k", "v149").counter()).isNotNull();
        assertThat(this.registry.find("a").tag("other", "v149").counter()).isNotNull();
        assertThat(this.registry.find("a").tag("k", "v149").counter()).isNull();
    }

    @Test
    void keepsAValueItHasAdmittedOnceTheCapIsReached() {
        for (int i = 0; i < 150; i++) {
            Counter.builder("a").tag("k", "v" + i).register(this.registry);
        }

        Counter.builder("a").tag("k", "v7").register(this.registry).increment();

        assertThat(this.registry.get("a").tag("k", "v7").counter().count()).isEqualTo(1);
    }

    @Test
    void leavesTheUriOfHttpRequestsToBootsOwnCap() {
        for (int i = 0; i < 150; i++) {
            Counter.builder("http.server.requests").tag("uri", "/u" + i).register(this.registry);
        }

        assertThat(this.registry.find("http.server.requests").counters()).hasSize(150);
        assertThat(this.registry.find(TagCardinalityGuard.CAPPED).meters()).isEmpty();
    }

    @Test
    void registersTheCappedCounterOnceBoundEvenForFoldsBefore() {
        MeterRegistry late = new SimpleMeterRegistry();
        TagCardinalityGuard guard = new TagCardinalityGuard(1);
        late.config().meterFilter(guard);
        Counter.builder("a").tag("k", "1").register(late);
        Counter.builder("a").tag("k", "2").register(late);

        guard.bindTo(late);

        FunctionCounter capped = late.get(TagCardinalityGuard.CAPPED).tag("meter", "a").functionCounter();
        assertThat(capped.count()).isEqualTo(1);
    }
}
