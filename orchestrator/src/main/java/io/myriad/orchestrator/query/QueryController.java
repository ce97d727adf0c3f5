package io.myriad.orchestrator.query;

import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public query API: ask a question, or fetch a recent answer again. */
@RestController
@RequestMapping("/api/v1/queries")
class QueryController {

    /** Who asks, until the reminder issue brings authentication. */
    static final String USER_HEADER = "X-User-Id";

    private static final String ANONYMOUS = "anonymous";

    private final QueryPipeline pipeline;

    private final QueryResults results;

    QueryController(QueryPipeline pipeline, QueryResults results) {
        this.pipeline = pipeline;
        this.results = results;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    QueryAnswer ask(@Valid @RequestBody QueryRequest request,
            @RequestHeader(name = USER_HEADER, required = false) String userId) {
        return this.pipeline.answer(request.toQuestion(StringUtils.hasText(userId) ? userId.strip() : ANONYMOUS));
    }

    @GetMapping("/{queryId}")
    QueryAnswer get(@PathVariable String queryId) {
        return this.results.find(queryId).orElseThrow(() -> new QueryNotFoundException(queryId));
    }
}
