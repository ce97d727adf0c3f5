package io.myriad.graphdb.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

import io.myriad.graphdb.GraphdbProperties;
import io.myriad.graphdb.concept.ConceptBatchValidator;
import io.myriad.graphdb.concept.ConceptInput;
import io.myriad.graphdb.concept.ItemError;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/** The seed knowledge as shipped ({@code myriad.graphdb.seed-resource}): the import format, checked like an import. */
@Component
public class SeedFile {

    private final ResourceLoader resources;

    private final JsonMapper json;

    private final ConceptBatchValidator validator;

    private final GraphdbProperties properties;

    public SeedFile(ResourceLoader resources, JsonMapper json, ConceptBatchValidator validator,
            GraphdbProperties properties) {
        this.resources = resources;
        this.json = json;
        this.validator = validator;
        this.properties = properties;
    }

    /** The seed's concepts, canonical and validated; an invalid seed is a build error, so it fails the start. */
    public List<ConceptInput> concepts() {
        List<ConceptInput> seed;
        try (InputStream in = this.resources.getResource(this.properties.seedResource()).getInputStream()) {
            seed = this.json.readValue(in, new TypeReference<List<ConceptInput>>() {
            });
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the seed " + this.properties.seedResource(), ex);
        }
        List<ConceptInput> canonical = seed.stream().map(ConceptInput::canonical).toList();
        // The seed must stand on its own: no relation to a concept that only some earlier import brought.
        List<ItemError> errors = this.validator.validate(canonical, names -> Set.of());
        if (!errors.isEmpty()) {
            throw new IllegalStateException("The seed " + this.properties.seedResource() + " is invalid: " + errors);
        }
        return canonical;
    }
}
