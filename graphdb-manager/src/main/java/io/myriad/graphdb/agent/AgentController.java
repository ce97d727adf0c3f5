package io.myriad.graphdb.agent;

import java.util.List;
import java.util.Locale;

import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.graph.CreateAgentRequest;
import io.myriad.contracts.query.Intent;
import io.myriad.graphdb.concept.ConceptInput;
import io.myriad.graphdb.metrics.Operation;
import io.myriad.graphdb.metrics.QueryTimer;
import io.myriad.graphdb.web.BadRequestException;
import io.myriad.graphdb.web.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/agents")
class AgentController {

    private final AgentRegistry registry;

    private final AgentCreation creation;

    private final QueryTimer timer;

    AgentController(AgentRegistry registry, AgentCreation creation, QueryTimer timer) {
        this.registry = registry;
        this.creation = creation;
        this.timer = timer;
    }

    @GetMapping("/discovery")
    List<AgentDescriptor> discover(@RequestParam String concept, @RequestParam String intent) {
        Intent parsed = parseIntent(intent);
        String name = ConceptInput.canonicalName(concept);
        return this.timer.time(Operation.DISCOVER, () -> this.registry.discover(name, parsed));
    }

    @GetMapping("/{id}")
    AgentDescriptor agent(@PathVariable String id) {
        return this.registry.byId(id.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new NotFoundException("No agent with id '" + id + "'"));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AgentDescriptor> create(@RequestBody CreateAgentRequest request) {
        AgentRegistry.RegisteredAgent registered = this.creation.create(request);
        return ResponseEntity.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(registered.agent());
    }

    private static Intent parseIntent(String intent) {
        try {
            return Intent.valueOf(intent.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new BadRequestException("intent must be one of define, function, relate, compare, remind, unknown");
        }
    }
}
