package io.myriad.agents.registry;

import io.myriad.contracts.Topics;
import io.myriad.contracts.graph.AgentCreated;
import io.myriad.observability.kafka.KafkaTopics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Neurogenesis: every instance hears every {@link AgentCreated} (a group of its own), so a new agent answers on
 * whichever instance its tasks land.
 */
@Configuration(proxyBeanMethods = false)
public class AgentLifecycleListener {

    private final AgentRegistry registry;

    public AgentLifecycleListener(AgentRegistry registry) {
        this.registry = registry;
    }

    @Bean
    KafkaAdmin.NewTopics agentLifecycleTopics(KafkaTopics topics) {
        return topics.consumed(Topics.AGENT_LIFECYCLE, 3);
    }

    @KafkaListener(id = "agents-lifecycle", topics = Topics.AGENT_LIFECYCLE,
            groupId = "agents-lifecycle-${random.uuid}")
    void onAgentCreated(AgentCreated event) {
        this.registry.learn(event.agent());
    }
}
