package io.myriad.inputprocessor.query;

import io.myriad.contracts.Topics;
import io.myriad.contracts.query.ParseRequest;
import io.myriad.contracts.query.ParsedQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Component;

/** Answers the orchestrator's parse requests: a {@link ParsedQuery} to the reply topic the request names. */
@Component
public class ParseListener {

    private static final Logger log = LoggerFactory.getLogger(ParseListener.class);

    private final QueryParser parser;

    private final ParseMetrics metrics;

    public ParseListener(QueryParser parser, ParseMetrics metrics) {
        this.parser = parser;
        this.metrics = metrics;
    }

    // One consumer per partition at most (the topic has 3): one costly question no longer holds up every other.
    @KafkaListener(topics = Topics.QUERY_PARSE, concurrency = "${myriad.parse.concurrency:2}")
    @SendTo
    public ParsedQuery parse(ParseRequest request) {
        ParsedQuery parsed = this.metrics.record(() -> this.parser.parse(request));
        log.debug("Parsed query {}: {} {} tasks={} unknown={}", parsed.queryId(), parsed.intent(), parsed.concepts(),
                parsed.tasks().size(), parsed.unknownPhrases());
        return parsed;
    }
}
