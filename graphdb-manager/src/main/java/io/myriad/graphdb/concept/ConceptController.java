package io.myriad.graphdb.concept;

import java.util.List;

import io.myriad.contracts.graph.ConceptKnowledge;
import io.myriad.contracts.graph.ConceptName;
import io.myriad.graphdb.metrics.Operation;
import io.myriad.graphdb.metrics.QueryTimer;
import io.myriad.graphdb.web.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/concepts")
class ConceptController {

    private final ConceptGraph graph;

    private final ConceptImporter importer;

    private final QueryTimer timer;

    ConceptController(ConceptGraph graph, ConceptImporter importer, QueryTimer timer) {
        this.graph = graph;
        this.importer = importer;
        this.timer = timer;
    }

    @GetMapping("/names")
    List<ConceptName> names() {
        return this.timer.time(Operation.NAMES, this.graph::names);
    }

    @GetMapping("/{name}")
    ConceptKnowledge knowledge(@PathVariable String name) {
        String canonical = ConceptInput.canonicalName(name);
        return this.timer.time(Operation.CONCEPT, () -> this.graph.knowledge(canonical))
                .orElseThrow(() -> new NotFoundException("No concept named '" + canonical + "'"));
    }

    // Validated by ConceptImporter rather than @Valid: errors must name the item, and relation targets need the graph.
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ConceptImporter.ImportResult importConcepts(@RequestBody List<ConceptInput> batch) {
        return this.importer.importConcepts(batch);
    }
}
