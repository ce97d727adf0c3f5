package io.myriad.orchestrator.messaging;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Holds readiness until the reply consumer owns its partitions: it starts at the latest offset, so a reply
 * written before the assignment would be lost and its query would wait for nothing.
 */
@Component
class ReplyAssignmentWait implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReplyAssignmentWait.class);

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ReplyingKafkaTemplate<String, Object, Object> template;

    ReplyAssignmentWait(ReplyingKafkaTemplate<String, Object, Object> template) {
        this.template = template;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        if (!this.template.waitForAssignment(PATIENCE)) {
            log.warn("The reply consumer has no partitions after {}; queries may time out until it has", PATIENCE);
        }
    }
}
