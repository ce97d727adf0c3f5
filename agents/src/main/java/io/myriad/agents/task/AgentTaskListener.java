package io.myriad.agents.task;

import java.util.concurrent.CompletableFuture;

import io.myriad.agents.pool.AgentPool;
import io.myriad.contracts.Topics;
import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.agent.AgentTask;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.messaging.handler.annotation.SendTo;

/**
 * Takes {@link AgentTask}s off Kafka into the pool; the reply goes to the request's reply topic when the pool
 * completes the task's result, so the listener thread never waits for an answer.
 */
@Configuration(proxyBeanMethods = false)
public class AgentTaskListener {

    /** The listener container's id, which backpressure pauses and resumes. */
    public static final String ID = "agent-tasks";

    private final AgentPool pool;

    public AgentTaskListener(AgentPool pool) {
        this.pool = pool;
    }

    @Bean
    NewTopic agentTasksTopic() {
        return TopicBuilder.name(Topics.AGENT_TASKS).partitions(6).replicas(1).build();
    }

    @KafkaListener(id = ID, topics = Topics.AGENT_TASKS)
    @SendTo
    CompletableFuture<AgentResult> onTask(AgentTask task) {
        return this.pool.submit(task);
    }
}
