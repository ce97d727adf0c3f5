package io.myriad.graphdb.concept;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

/**
 * Checks a batch of canonical concepts as a whole: each item by its Bean Validation constraints, no name twice,
 * and every relation pointing at a concept that exists in the graph or in the same batch.
 */
@Component
public class ConceptBatchValidator {

    private final Validator validator;

    public ConceptBatchValidator(Validator validator) {
        this.validator = validator;
    }

    /**
     * The errors of the batch, ordered by item index; empty when it may be imported.
     *
     * @param items the canonical items ({@link ConceptInput#canonical()}), {@code null} for a null item
     * @param existingInGraph which of the given names the graph already holds
     */
    public List<ItemError> validate(List<ConceptInput> items, Function<Set<String>, Set<String>> existingInGraph) {
        List<ItemError> errors = new ArrayList<>();
        Set<String> namesInBatch = new HashSet<>();
        for (int index = 0; index < items.size(); index++) {
            ConceptInput item = items.get(index);
            if (item == null) {
                errors.add(new ItemError(index, "", "must be a concept object"));
                continue;
            }
            for (ConstraintViolation<ConceptInput> violation : this.validator.validate(item)) {
                errors.add(new ItemError(index, field(violation), violation.getMessage()));
            }
            if (item.name() != null && !item.name().isEmpty() && !namesInBatch.add(item.name())) {
                errors.add(new ItemError(index, "name", "appears more than once in the batch"));
            }
        }
        Set<String> targetsOutsideBatch = new LinkedHashSet<>();
        for (ConceptInput item : items) {
            if (item != null) {
                for (RelationInput relation : item.relations()) {
                    if (relation != null && hasText(relation.target()) && !namesInBatch.contains(relation.target())) {
                        targetsOutsideBatch.add(relation.target());
                    }
                }
            }
        }
        Set<String> existing = targetsOutsideBatch.isEmpty() ? Set.of()
                : existingInGraph.apply(Set.copyOf(targetsOutsideBatch));
        for (int index = 0; index < items.size(); index++) {
            ConceptInput item = items.get(index);
            if (item == null) {
                continue;
            }
            for (int r = 0; r < item.relations().size(); r++) {
                RelationInput relation = item.relations().get(r);
                if (relation == null || !hasText(relation.target())) {
                    continue;
                }
                String field = "relations[" + r + "].target";
                if (relation.target().equals(item.name())) {
                    errors.add(new ItemError(index, field, "must name another concept"));
                }
                else if (!namesInBatch.contains(relation.target()) && !existing.contains(relation.target())) {
                    errors.add(new ItemError(index, field,
                            "no concept '" + relation.target() + "' in the graph or in this batch"));
                }
            }
        }
        errors.sort(Comparator.comparingInt(ItemError::index).thenComparing(ItemError::field));
        return errors;
    }

    private static String field(ConstraintViolation<?> violation) {
        // Hibernate Validator writes container elements as "aliases[0].<list element>"; the index is enough.
        return violation.getPropertyPath().toString().replace(".<list element>", "");
    }

    private static boolean hasText(String value) {
        return value != null && !value.isEmpty();
    }
}
