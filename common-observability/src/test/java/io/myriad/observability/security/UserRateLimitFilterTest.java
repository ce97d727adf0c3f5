package io.myriad.observability.security;

import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class UserRateLimitFilterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final UserRateLimitFilter filter = new UserRateLimitFilter(
            new UserRateLimiter(new RateLimitProperties(true, 5, 1, 100)), this.registry);

    @Test
    void refusesAUserOverTheRateWithRetryAfterAndAProblemWhileAnotherUserGoesAhead() throws Exception {
        IntStream.range(0, 5).forEach((i) -> assertThat(call("alice").getStatus()).isEqualTo(200));

        MockHttpServletResponse refused = call("alice");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"type\":\"https://myriad.io/problems/too-many-requests\"",
                "\"status\":429");
        assertThat(call("bob").getStatus()).isEqualTo(200);
        assertThat(this.registry.get(UserRateLimitFilter.RATE_LIMITED).counter().count()).isEqualTo(1);
        assertThat(this.registry.get(UserRateLimitFilter.RATE_LIMITED).counter().getId().getTags()).isEmpty();
    }

    @Test
    void doesNotCountARequestWithoutAnAuthenticatedUser() {
        IntStream.range(0, 20).forEach((i) -> assertThat(call(null).getStatus()).isEqualTo(200));
    }

    @Test
    void keepsAtMostMaxUsersBuckets() {
        UserRateLimiter limiter = new UserRateLimiter(new RateLimitProperties(true, 1, 1, 3));
        IntStream.range(0, 1000).forEach((i) -> limiter.tryAcquire("user-" + i));
        assertThat(limiter.trackedUsers()).isEqualTo(3);
    }

    private MockHttpServletResponse call(String user) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/reminders");
        if (user != null) {
            request.setUserPrincipal(() -> user);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            this.filter.doFilter(request, response, new MockFilterChain());
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        return response;
    }
}
