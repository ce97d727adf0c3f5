package io.myriad.orchestrator.query;

import java.security.Principal;

import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public query API: ask a question, or fetch one of your recent answers again. Who asks is the subject of the
 * request's bearer token (see {@code security/}), never anything the request body or another header says.
 */
@RestController
@RequestMapping("/api/v1/queries")
class QueryController {

    private final QueryPipeline pipeline;

    private final QueryResults results;

    QueryController(QueryPipeline pipeline, QueryResults results) {
        this.pipeline = pipeline;
        this.results = results;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    QueryAnswer ask(@Valid @RequestBody QueryRequest request, Principal user) {
        return this.pipeline.answer(request.toQuestion(user.getName()));
    }

    /** Another user's query answers 404 like an unknown one, so that its id is not confirmed to exist. */
    @GetMapping("/{queryId}")
    QueryAnswer get(@PathVariable String queryId, Principal user) {
        return this.results.find(queryId, user.getName()).orElseThrow(() -> new QueryNotFoundException(queryId));
    }
}
