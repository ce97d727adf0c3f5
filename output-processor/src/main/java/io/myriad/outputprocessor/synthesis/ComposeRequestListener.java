package io.myriad.outputprocessor.synthesis;

import io.myriad.contracts.Topics;
import io.myriad.contracts.answer.ComposeRequest;
import io.myriad.contracts.answer.ComposedAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Component;

/** Answers the orchestrator's compose requests on the reply topic each request names. */
@Component
public class ComposeRequestListener {

    private static final Logger logger = LoggerFactory.getLogger(ComposeRequestListener.class);

    private final AnswerSynthesizer synthesizer;

    public ComposeRequestListener(AnswerSynthesizer synthesizer) {
        this.synthesizer = synthesizer;
    }

    @KafkaListener(topics = Topics.ANSWER_COMPOSE)
    @SendTo
    public ComposedAnswer compose(ComposeRequest request) {
        ComposedAnswer answer = this.synthesizer.synthesize(request);
        logger.debug("Composed the answer to query {}: {} contributions, partial {}", answer.queryId(),
                answer.contributions().size(), answer.partial());
        return answer;
    }
}
