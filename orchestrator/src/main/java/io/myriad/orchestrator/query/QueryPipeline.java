package io.myriad.orchestrator.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.myriad.contracts.Topics;
import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.answer.ComposeRequest;
import io.myriad.contracts.answer.ComposedAnswer;
import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.ParseRequest;
import io.myriad.contracts.query.ParsedQuery;
import io.myriad.contracts.reminder.RemindCommand;
import io.myriad.orchestrator.OrchestratorProperties;
import io.myriad.orchestrator.discovery.AgentDiscovery;
import io.myriad.orchestrator.discovery.Discovery;
import io.myriad.orchestrator.discovery.DiscoveryOutcome;
import io.myriad.orchestrator.dispatch.Assignment;
import io.myriad.orchestrator.dispatch.TaskDispatcher;
import io.myriad.orchestrator.messaging.KafkaRequests;
import io.myriad.orchestrator.neurogenesis.Neurogenesis;
import io.myriad.orchestrator.reminder.InvalidReminderException;
import io.myriad.orchestrator.reminder.ReminderRequests;

import org.springframework.stereotype.Component;

/**
 * A question's way to its answer: parse, then either hand a reminder on, or discover (and if need be grow) the
 * agents for its tasks, dispatch the tasks, and have their results composed into one answer.
 */
@Component
class QueryPipeline {

    /** Beyond a hop's own timeout, how long to wait for the template to report it. */
    private static final Duration GRACE = Duration.ofMillis(250);

    private final KafkaRequests requests;

    private final AgentDiscovery discovery;

    private final Neurogenesis neurogenesis;

    private final TaskDispatcher dispatcher;

    private final ReminderRequests reminders;

    private final QueryResults results;

    private final QueryMetrics metrics;

    private final Tracer tracer;

    private final OrchestratorProperties properties;

    QueryPipeline(KafkaRequests requests, AgentDiscovery discovery, Neurogenesis neurogenesis,
            TaskDispatcher dispatcher, ReminderRequests reminders, QueryResults results, QueryMetrics metrics,
            Tracer tracer, OrchestratorProperties properties) {
        this.requests = requests;
        this.discovery = discovery;
        this.neurogenesis = neurogenesis;
        this.dispatcher = dispatcher;
        this.reminders = reminders;
        this.results = results;
        this.metrics = metrics;
        this.tracer = tracer;
        this.properties = properties;
    }

    /**
     * Answers the question, and keeps the answer for later look-ups.
     * @throws QueryFailedException when the input-processor, the output-processor or Kafka did not answer
     * @throws ReminderRefusedException when the question asks for a reminder that cannot be set
     */
    QueryAnswer answer(Question question) {
        Query query = new Query(UUID.randomUUID().toString(), currentTraceId(), question, System.nanoTime());
        ParsedQuery parsed = null;
        QueryAnswer answer;
        try {
            parsed = this.metrics.time(PipelineStage.PARSE, () -> await("input-processor",
                    this.requests.request(Topics.QUERY_PARSE, query.id(),
                            new ParseRequest(query.id(), question.text(), question.zone().getId()),
                            this.properties.parseTimeout(), ParsedQuery.class),
                    this.properties.parseTimeout()));
            answer = (parsed.intent() == Intent.REMIND) ? remind(query, parsed) : answerTasks(query, parsed);
        }
        catch (HopUnavailableException ex) {
            QueryAnswer failed = QueryAnswers.failed(query, parsed, ex.hop(), query.elapsedMillis());
            finish(failed, query);
            throw new QueryFailedException(failed, ex);
        }
        catch (InvalidReminderException ex) {
            // The question is answered at once with what is wrong, rather than accepted and then dropped.
            QueryAnswer refused = QueryAnswers.reminderRefused(query, parsed, query.elapsedMillis());
            finish(refused, query);
            throw new ReminderRefusedException(refused, ex.violations());
        }
        catch (RuntimeException ex) {
            // A defect or a reply we did not expect: the query is still stored and counted, and the caller gets a
            // problem naming it, not a bare 500.
            QueryAnswer broken = QueryAnswers.broken(query, parsed, query.elapsedMillis());
            finish(broken, query);
            throw new QueryBrokenException(broken, ex);
        }
        finish(answer, query);
        return answer;
    }

    private QueryAnswer remind(Query query, ParsedQuery parsed) {
        if (parsed.reminder() == null) {
            return QueryAnswers.reminderNotUnderstood(query, parsed, query.elapsedMillis());
        }
        RemindCommand command = await("Kafka cluster",
                this.reminders.request(query.id(), query.question().userId(), parsed.reminder()),
                this.properties.reminderTimeout());
        return QueryAnswers.reminder(query, parsed, command.reminder(), query.elapsedMillis());
    }

    private QueryAnswer answerTasks(Query query, ParsedQuery parsed) {
        List<Assignment> assignments = assign(parsed);
        List<AgentResult> taskResults = assignments.isEmpty() ? List.of()
                : this.metrics.time(PipelineStage.DISPATCH, () -> this.dispatcher.dispatch(query.id(), assignments));
        ComposeRequest compose = new ComposeRequest(query.id(), query.question().text(), query.question().format(),
                taskResults, parsed.unknownPhrases());
        ComposedAnswer composed = this.metrics.time(PipelineStage.SYNTHESIZE, () -> await("output-processor",
                this.requests.request(Topics.ANSWER_COMPOSE, query.id(), compose, this.properties.composeTimeout(),
                        ComposedAnswer.class),
                this.properties.composeTimeout()));
        return QueryAnswers.composed(query, parsed, taskResults, composed, query.elapsedMillis());
    }

    /** The strongest agent for each task; a concept with none gets one grown, once per query. */
    private List<Assignment> assign(ParsedQuery parsed) {
        if (parsed.tasks() == null || parsed.tasks().isEmpty()) {
            return List.of();
        }
        List<Discovery> discoveries = this.metrics.time(PipelineStage.DISCOVER,
                () -> this.discovery.discover(parsed.tasks()));
        boolean anyMissing = discoveries.stream().anyMatch(found -> found.outcome() == DiscoveryOutcome.NONE);
        Map<String, Optional<AgentDescriptor>> grown = anyMissing
                ? this.metrics.time(PipelineStage.NEUROGENESIS, () -> grow(discoveries)) : Map.of();
        List<Assignment> assignments = new ArrayList<>(discoveries.size());
        for (Discovery found : discoveries) {
            assignments.add(switch (found.outcome()) {
                case FOUND -> new Assignment(found.task(), found.agent());
                case NONE -> new Assignment(found.task(), grown.get(found.task().concept()).orElse(null));
                case ERROR -> Assignment.unassigned(found.task());
            });
        }
        return assignments;
    }

    private Map<String, Optional<AgentDescriptor>> grow(List<Discovery> discoveries) {
        Map<String, Optional<AgentDescriptor>> grown = new HashMap<>();
        for (Discovery found : discoveries) {
            if (found.outcome() == DiscoveryOutcome.NONE) {
                grown.computeIfAbsent(found.task().concept(), this.neurogenesis::agentFor);
            }
        }
        return grown;
    }

    private void finish(QueryAnswer answer, Query query) {
        this.results.store(answer, query.question().userId());
        this.metrics.answered(QueryAnswers.status(answer), query.elapsedNanos());
    }

    private String currentTraceId() {
        Span span = this.tracer.currentSpan();
        return (span != null) ? span.context().traceId() : null;
    }

    private static <T> T await(String hop, CompletableFuture<T> reply, Duration timeout) {
        try {
            return reply.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException ex) {
            throw new HopUnavailableException(hop, ex.getCause());
        }
        catch (TimeoutException ex) {
            reply.cancel(false);
            throw new HopUnavailableException(hop, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new HopUnavailableException(hop, ex);
        }
    }
}
