package io.myriad.observability.security;

import java.io.IOException;
import java.security.Principal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.myriad.observability.web.ProblemJson;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a user's request over the user's rate with 429, a {@code Retry-After} in whole seconds and a problem body.
 * Runs after Spring Security's filter chain, so the request's principal is the verified token's subject; a request
 * without one (the management port, {@code /error}) is not counted here: it was either refused already or is open.
 */
public class UserRateLimitFilter extends OncePerRequestFilter {

    /** Requests refused for their user's rate, without a user tag: a user never picks a series. */
    public static final String RATE_LIMITED = "myriad.security.rate.limited";

    static final String DETAIL = "Too many requests for this user; retry after the number of seconds in Retry-After";

    private final UserRateLimiter limiter;

    private final Counter refused;

    public UserRateLimitFilter(UserRateLimiter limiter, MeterRegistry registry) {
        this.limiter = limiter;
        this.refused = Counter.builder(RATE_LIMITED)
                .description("Requests refused with 429 because their user was over the per-user rate limit")
                .baseUnit("requests")
                .register(registry);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Principal user = request.getUserPrincipal();
        long retryAfter = (user != null) ? this.limiter.tryAcquire(user.getName()) : 0;
        if (retryAfter == 0) {
            chain.doFilter(request, response);
            return;
        }
        this.refused.increment();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        ProblemJson.write(response, 429, DETAIL);
    }
}
