package io.myriad.observability.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

class ApiOperationMetricsTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    private final ApiOperationMetrics metrics = new ApiOperationMetrics(this.meters, "api.operations", "API calls");

    @Test
    void countsACallWhoseExceptionEscapedAsAnErrorThoughNoErrorStatusWasSetYet() throws Exception {
        // given a request whose handler threw, with the response still at 200 (the container answers 500 later)
        ServerRequestObservationContext context = context("create", 200);
        context.setError(new IllegalStateException("the store is away"));

        // when its observation stops
        this.metrics.onStop(context);

        // then it is an error, not a success
        assertThat(this.meters.get("api.operations").tag("status", "error").counter().count()).isEqualTo(1);
        assertThat(this.meters.find("api.operations").tag("status", "success").counter()).isNull();
    }

    @Test
    void mapsEachStatusCodeToItsClosedOutcome() {
        assertThat(ApiOperationStatus.of(201, false)).isEqualTo(ApiOperationStatus.SUCCESS);
        assertThat(ApiOperationStatus.of(304, false)).isEqualTo(ApiOperationStatus.SUCCESS);
        assertThat(ApiOperationStatus.of(400, false)).isEqualTo(ApiOperationStatus.INVALID);
        assertThat(ApiOperationStatus.of(404, true)).isEqualTo(ApiOperationStatus.NOT_FOUND);
        assertThat(ApiOperationStatus.of(409, false)).isEqualTo(ApiOperationStatus.REJECTED);
        assertThat(ApiOperationStatus.of(429, false)).isEqualTo(ApiOperationStatus.REJECTED);
        assertThat(ApiOperationStatus.of(500, false)).isEqualTo(ApiOperationStatus.ERROR);
        assertThat(ApiOperationStatus.of(503, false)).isEqualTo(ApiOperationStatus.ERROR);
    }

    @Test
    void ignoresARequestNoHandlerMethodAnswered() {
        ServerRequestObservationContext context = new ServerRequestObservationContext(
                new MockHttpServletRequest("GET", "/no-such-thing"), new MockHttpServletResponse());

        this.metrics.onStop(context);

        assertThat(this.meters.find("api.operations").meters()).isEmpty();
    }

    private static ServerRequestObservationContext context(String operation, int status) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/widgets");
        request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE,
                new HandlerMethod(new Widgets(), Widgets.class.getDeclaredMethod(operation)));
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(status);
        return new ServerRequestObservationContext(request, response);
    }

    static class Widgets {

        @ApiOperation(entity = "widget", operation = "create")
        void create() {
        }
    }
}
