package io.myriad.reminder.reminders;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Carries a trace across the wait between a reminder's creation and its delivery: the creating request's context
 * is stored with the reminder (as W3C headers), and the delivery's span continues it, so the question that asked
 * for a reminder and the reminder's delivery are one trace.
 */
@Component
public class Tracing {

    private final Tracer tracer;

    private final Propagator propagator;

    Tracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    /** The current trace context as headers, or nothing outside a trace. */
    public Map<String, String> capture() {
        TraceContext context = this.tracer.currentTraceContext().context();
        Map<String, String> headers = new HashMap<>();
        if (context != null) {
            this.propagator.inject(context, headers, Map::put);
        }
        return headers;
    }

    /** A started span that continues the stored context, or a new trace when none was stored. */
    public Span resume(Map<String, String> headers, String name) {
        Span.Builder builder = (headers == null || headers.isEmpty()) ? this.tracer.spanBuilder()
                : this.propagator.extract(headers, Map::get);
        return builder.name(name).start();
    }

    /** A started child of {@code parent}. */
    public Span child(Span parent, String name) {
        return this.tracer.nextSpan(parent).name(name).start();
    }

    public Tracer.SpanInScope inScope(Span span) {
        return this.tracer.withSpan(span);
    }
}
