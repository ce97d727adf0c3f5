package io.myriad.agents.task;

import java.nio.ByteBuffer;

import io.myriad.agents.pool.AgentPool;
import io.myriad.contracts.Topics;
import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.agent.AgentTask;
import io.myriad.observability.kafka.KafkaTopics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;

/**
 * Takes {@link AgentTask}s off Kafka into the pool and sends each result to the reply topic the request named,
 * with its correlation id, when a worker completes it.
 * <p>
 * The listener hands a task over and returns, so one consumer thread keeps the whole pool fed. It does not return
 * the pending result to Spring Kafka ({@code @SendTo} with a {@code CompletableFuture}): that makes the container
 * acknowledge asynchronously, and then it fetches nothing new until every task of the previous poll is answered,
 * so the pool served one poll at a time (seen in traces: a query's second task waited for its first). The cost is
 * that tasks still queued when the process dies are not redelivered; their queries get them as timed out, and
 * the backpressure states pause consumption long before the queue can fill.
 */
@Configuration(proxyBeanMethods = false)
public class AgentTaskListener {

    /** The listener container's id, which backpressure pauses and resumes. */
    public static final String ID = "agent-tasks";

    private static final Logger log = LoggerFactory.getLogger(AgentTaskListener.class);

    private final AgentPool pool;

    private final KafkaTemplate<String, Object> replies;

    public AgentTaskListener(AgentPool pool, KafkaTemplate<String, Object> replies) {
        this.pool = pool;
        this.replies = replies;
    }

    @Bean
    KafkaAdmin.NewTopics agentTasksTopics(KafkaTopics topics) {
        return topics.consumed(Topics.AGENT_TASKS, 6);
    }

    @KafkaListener(id = ID, topics = Topics.AGENT_TASKS)
    void onTask(AgentTask task, @Header(name = KafkaHeaders.REPLY_TOPIC, required = false) byte[] replyTopic,
            @Header(name = KafkaHeaders.REPLY_PARTITION, required = false) byte[] replyPartition,
            @Header(name = KafkaHeaders.CORRELATION_ID, required = false) byte[] correlationId) {
        if (replyTopic == null || correlationId == null) {
            log.warn("Task {} of query {} names no reply topic or correlation id: nobody waits for it, dropped",
                    task.taskId(), task.queryId());
            return;
        }
        // The pool completes the result on the worker, inside the task's trace, so the reply is sent in it too.
        this.pool.submit(task).thenAccept((result) -> reply(result, replyTopic, replyPartition, correlationId));
    }

    private void reply(AgentResult result, byte[] replyTopic, byte[] replyPartition, byte[] correlationId) {
        Integer partition = (replyPartition != null) ? ByteBuffer.wrap(replyPartition).getInt() : null;
        ProducerRecord<String, Object> reply = new ProducerRecord<>(new String(replyTopic), partition, null, result);
        reply.headers().add(KafkaHeaders.CORRELATION_ID, correlationId);
        this.replies.send(reply).whenComplete((sent, ex) -> {
            if (ex != null) {
                log.warn("Result of task {} of query {} not sent: {}", result.taskId(), result.queryId(),
                        ex.getMessage());
            }
        });
    }
}
