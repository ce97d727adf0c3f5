package io.myriad.observability.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Counts each call of a handler method marked {@link ApiOperation} when Spring MVC's {@code http.server.requests}
 * observation stops, tagged {@code entity} and {@code operation} from the annotation and {@code status} from
 * {@link ApiOperationStatus}. Riding on that observation rather than an interceptor of its own, it sees what the
 * request metrics see: the final status after the service's exception handlers, and an exception that escaped them.
 * A request refused before it reached a handler (no valid token, rate limit, request guard) has no handler method
 * and is not counted here; {@code http_server_requests_seconds_count} shows it.
 */
public class ApiOperationMetrics implements ObservationHandler<ServerRequestObservationContext> {

    private final Meter.MeterProvider<Counter> calls;

    public ApiOperationMetrics(MeterRegistry registry, String name, String description) {
        this.calls = Counter.builder(name).description(description).withRegistry(registry);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext;
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
        HttpServletRequest request = context.getCarrier();
        HttpServletResponse response = context.getResponse();
        if (request == null || response == null
                || !(request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler)) {
            return;
        }
        ApiOperation operation = handler.getMethodAnnotation(ApiOperation.class);
        if (operation == null) {
            return;
        }
        ApiOperationStatus status = ApiOperationStatus.of(response.getStatus(), context.getError() != null);
        this.calls.withTags("entity", operation.entity(), "operation", operation.operation(), "status", status.tag())
                .increment();
    }
}
