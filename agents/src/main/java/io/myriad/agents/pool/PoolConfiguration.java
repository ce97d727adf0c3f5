package io.myriad.agents.pool;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PoolConfiguration {

    @Bean
    AgentPool agentPool(PoolProperties properties, TaskHandler handler, TaskIntake intake, Rejections rejections,
            MeterRegistry meters, ObservationRegistry observations) {
        return new AgentPool(properties, handler, intake, rejections, meters, observations, Clock.systemUTC());
    }
}
