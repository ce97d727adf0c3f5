package io.myriad.agents.task;

import io.myriad.agents.pool.TaskIntake;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/** Pauses and resumes the {@code agent-tasks} listener container, so that Kafka keeps the work meanwhile. */
@Component
class ListenerTaskIntake implements TaskIntake {

    private final KafkaListenerEndpointRegistry listeners;

    ListenerTaskIntake(KafkaListenerEndpointRegistry listeners) {
        this.listeners = listeners;
    }

    @Override
    public void pause() {
        MessageListenerContainer container = this.listeners.getListenerContainer(AgentTaskListener.ID);
        if (container != null) {
            container.pause();
        }
    }

    @Override
    public void resume() {
        MessageListenerContainer container = this.listeners.getListenerContainer(AgentTaskListener.ID);
        if (container != null) {
            container.resume();
        }
    }
}
