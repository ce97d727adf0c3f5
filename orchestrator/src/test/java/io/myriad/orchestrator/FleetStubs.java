package io.myriad.orchestrator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.myriad.contracts.Topics;
import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.agent.AgentTask;
import io.myriad.contracts.agent.ResultStatus;
import io.myriad.contracts.answer.ComposeRequest;
import io.myriad.contracts.answer.ComposedAnswer;
import io.myriad.contracts.answer.ComposedAnswer.Contribution;
import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.ParseRequest;
import io.myriad.contracts.query.ParsedQuery;
import io.myriad.contracts.query.PlannedTask;
import io.myriad.contracts.query.Priority;
import io.myriad.contracts.reminder.Recurrence;
import io.myriad.contracts.reminder.RemindCommand;
import io.myriad.contracts.reminder.ReminderSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.messaging.handler.annotation.SendTo;

/**
 * The Kafka sides of the input-processor, the agents, the output-processor and the reminder-service, replying as
 * the contracts say, so that the orchestrator's test needs none of them. The fleet tests run the real services.
 *
 * <p>The input-processor knows a few questions by heart; an agent whose id starts with {@code silent-} never
 * answers.
 */
@TestConfiguration(proxyBeanMethods = false)
class FleetStubs {

    static final String SILENT = "silent-";

    /** Every record each stub received, for the test to inspect. */
    final List<ConsumerRecord<String, ParseRequest>> parseRequests = new CopyOnWriteArrayList<>();

    final List<AgentTask> tasks = new CopyOnWriteArrayList<>();

    final List<ComposeRequest> composeRequests = new CopyOnWriteArrayList<>();

    final List<ConsumerRecord<String, RemindCommand>> remindCommands = new CopyOnWriteArrayList<>();

    @Bean
    NewTopic parseTopic() {
        return TopicBuilder.name(Topics.QUERY_PARSE).partitions(3).replicas(1).build();
    }

    @Bean
    NewTopic agentTasksTopic() {
        return TopicBuilder.name(Topics.AGENT_TASKS).partitions(3).replicas(1).build();
    }

    @Bean
    NewTopic composeTopic() {
        return TopicBuilder.name(Topics.ANSWER_COMPOSE).partitions(3).replicas(1).build();
    }

    @Bean
    NewTopic reminderCommandsTopic() {
        return TopicBuilder.name(Topics.REMINDER_COMMANDS).partitions(3).replicas(1).build();
    }

    /**
     * The stubs reply with a plain template of their own, as the real services do. Not a candidate for injection:
     * the orchestrator builds its reply container from Boot's factory, the only one it knows.
     */
    @Bean(autowireCandidate = false)
    @SuppressWarnings("unchecked")
    static ConcurrentKafkaListenerContainerFactory<Object, Object> stubServices(ConsumerFactory<?, ?> consumerFactory,
            ProducerFactory<?, ?> producerFactory) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory((ConsumerFactory<Object, Object>) consumerFactory);
        factory.setReplyTemplate(new KafkaTemplate<>((ProducerFactory<Object, Object>) producerFactory));
        return factory;
    }

    @KafkaListener(id = "stub-input-processor", topics = Topics.QUERY_PARSE, containerFactory = "stubServices")
    @SendTo
    ParsedQuery parse(ConsumerRecord<String, ParseRequest> record) {
        this.parseRequests.add(record);
        ParseRequest request = record.value();
        String id = request.queryId();
        return switch (request.text()) {
            case "What is a lightbulb?" -> define(id, "lightbulb");
            case "What is a zeppelin?" -> define(id, "zeppelin");
            case "What are a lightbulb and a gramophone?" -> new ParsedQuery(id, Intent.DEFINE,
                    List.of("lightbulb", "gramophone"), List.of(),
                    List.of(task("t1", "lightbulb"), task("t2", "gramophone")), null);
            case "What are a lightbulb and a kraken?" -> new ParsedQuery(id, Intent.DEFINE,
                    List.of("lightbulb", "kraken"), List.of(), List.of(task("t1", "lightbulb"), task("t2", "kraken")),
                    null);
            case "Remind me to replace the lightbulb tomorrow at 9" -> new ParsedQuery(id, Intent.REMIND,
                    List.of("lightbulb"), List.of(), List.of(), new ReminderSpec("replace the lightbulb",
                            Instant.parse("2026-11-25T08:00:00Z"), request.zone(), null, "tomorrow at 9"));
            // Reminders the reminder-service would refuse: nothing to remind of, an interval over its bound, no time.
            case "remind me tomorrow at 9" -> new ParsedQuery(id, Intent.REMIND, List.of(), List.of(), List.of(),
                    new ReminderSpec("", Instant.parse("2026-11-25T08:00:00Z"), request.zone(), null,
                            "tomorrow at 9"));
            case "Remind me to stretch every 9999 weeks" -> new ParsedQuery(id, Intent.REMIND, List.of(), List.of(),
                    List.of(), new ReminderSpec("stretch", Instant.parse("2026-11-25T08:00:00Z"), request.zone(),
                            new Recurrence(Recurrence.Frequency.DAYS, 69_993, List.of(), null), "every 9999 weeks"));
            case "Remind me to do it whenever" -> new ParsedQuery(id, Intent.REMIND, List.of(), List.of(), List.of(),
                    new ReminderSpec("do it", null, request.zone(), null, "whenever"));
            // A reply the orchestrator cannot use: a task that is not there.
            case "What is a hole?" -> new ParsedQuery(id, Intent.DEFINE, List.of(), List.of(),
                    Collections.singletonList(null), null);
            // Anything else: the input-processor is down, as far as this question can tell.
            default -> null;
        };
    }

    @KafkaListener(id = "stub-agents", topics = Topics.AGENT_TASKS, containerFactory = "stubServices")
    @SendTo
    AgentResult answer(AgentTask task) {
        this.tasks.add(task);
        if (task.agentId().startsWith(SILENT)) {
            return null;
        }
        return new AgentResult(task.queryId(), task.taskId(), task.agentId(), null, task.concept(), task.intent(),
                ResultStatus.ANSWERED, "A " + task.concept() + " is a thing " + task.agentId() + " knows.", 0.9,
                List.of());
    }

    @KafkaListener(id = "stub-output-processor", topics = Topics.ANSWER_COMPOSE, containerFactory = "stubServices")
    @SendTo
    ComposedAnswer compose(ComposeRequest request) {
        this.composeRequests.add(request);
        StringBuilder content = new StringBuilder();
        for (AgentResult result : request.results()) {
            if (result.status() == ResultStatus.ANSWERED) {
                content.append(result.answer()).append(' ');
            }
        }
        List<Contribution> contributions = request.results().stream()
                .map(result -> new Contribution(result.agentId(), result.concept(),
                        result.intent().name().toLowerCase(Locale.ROOT),
                        result.status().name().toLowerCase(Locale.ROOT), result.confidence()))
                .toList();
        boolean partial = request.results().stream().anyMatch(result -> result.status() != ResultStatus.ANSWERED);
        return new ComposedAnswer(request.queryId(), request.format(), content.toString().strip(), contributions,
                partial);
    }

    @KafkaListener(id = "stub-reminder-service", topics = Topics.REMINDER_COMMANDS, containerFactory = "stubServices")
    void remember(ConsumerRecord<String, RemindCommand> record) {
        this.remindCommands.add(record);
    }

    /** The {@code traceparent} header each parse request carried, by query id. */
    Map<String, String> traceparents() {
        Map<String, String> byQuery = new ConcurrentHashMap<>();
        for (ConsumerRecord<String, ParseRequest> record : this.parseRequests) {
            Header header = record.headers().lastHeader("traceparent");
            if (header != null) {
                byQuery.put(record.value().queryId(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return byQuery;
    }

    private static ParsedQuery define(String queryId, String concept) {
        return new ParsedQuery(queryId, Intent.DEFINE, List.of(concept), List.of(), List.of(task("t1", concept)),
                null);
    }

    private static PlannedTask task(String taskId, String concept) {
        return new PlannedTask(taskId, Intent.DEFINE, concept, Priority.NORMAL, List.of());
    }
}
