package io.myriad.graphdb.concept;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.graphdb.GraphdbProperties;
import io.myriad.graphdb.events.GraphChanged;
import io.myriad.graphdb.events.GraphEvents;
import io.myriad.graphdb.metrics.Operation;
import io.myriad.graphdb.metrics.QueryTimer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Imports a batch of concepts all or nothing: canonicalises and validates every item, writes the batch in one
 * transaction, then (after the commit) announces the change on Kafka. Imported concepts get no agents.
 */
@Service
public class ConceptImporter {

    private static final Logger log = LoggerFactory.getLogger(ConceptImporter.class);

    private final ConceptBatchValidator validator;

    private final ConceptGraph graph;

    private final GraphEvents events;

    private final QueryTimer timer;

    private final ApplicationEventPublisher changes;

    private final GraphdbProperties properties;

    private final Counter imported;

    private final Counter rejected;

    public ConceptImporter(ConceptBatchValidator validator, ConceptGraph graph, GraphEvents events, QueryTimer timer,
            ApplicationEventPublisher changes, GraphdbProperties properties, MeterRegistry registry) {
        this.validator = validator;
        this.graph = graph;
        this.events = events;
        this.timer = timer;
        this.changes = changes;
        this.properties = properties;
        // No base units: Prometheus would append them, and the catalogued names are graphdb_concepts_imported_total
        // and graphdb_imports_rejected_total.
        this.imported = Counter.builder("graphdb.concepts.imported")
                .description("Concepts written by imports through the API")
                .register(registry);
        this.rejected = Counter.builder("graphdb.imports.rejected")
                .description("Import batches refused because an item was invalid")
                .register(registry);
    }

    public ImportResult importConcepts(List<ConceptInput> batch) {
        if (batch.isEmpty() || batch.size() > this.properties.maxImportSize()) {
            this.rejected.increment();
            throw new InvalidConceptsException(
                    "An import holds 1 to " + this.properties.maxImportSize() + " concepts, not " + batch.size(),
                    List.of());
        }
        List<ConceptInput> canonical = batch.stream().map(item -> item == null ? null : item.canonical()).toList();
        List<String> names = this.timer.time(Operation.IMPORT, () -> {
            List<ItemError> errors = this.validator.validate(canonical, this.graph::existing);
            if (!errors.isEmpty()) {
                this.rejected.increment();
                long badItems = errors.stream().mapToInt(ItemError::index).distinct().count();
                throw new InvalidConceptsException(badItems + " of " + canonical.size()
                        + " concepts are invalid; nothing was imported", errors);
            }
            this.graph.write(canonical, false);
            return canonical.stream().map(ConceptInput::name).toList();
        });
        this.imported.increment(names.size());
        this.changes.publishEvent(new GraphChanged());
        log.info("Imported {} concepts", names.size());
        this.events.conceptsChanged(names);
        return new ImportResult(names.size(), names);
    }

    /**
     * What an import wrote.
     *
     * @param imported how many concepts
     * @param names their canonical names, in the order given
     */
    public record ImportResult(int imported, List<String> names) {
    }
}
