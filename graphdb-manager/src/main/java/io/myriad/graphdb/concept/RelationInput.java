package io.myriad.graphdb.concept;

import java.util.Locale;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An edge from the concept that lists it to another concept.
 *
 * @param type {@code IS_A}, {@code PART_OF}, {@code USED_FOR} or {@code RELATED_TO}
 * @param target the other concept's name
 */
public record RelationInput(
        @NotNull @Pattern(regexp = "IS_A|PART_OF|USED_FOR|RELATED_TO",
                message = "must be one of IS_A, PART_OF, USED_FOR, RELATED_TO") String type,
        @NotBlank @Size(max = 100) String target) {

    RelationInput canonical() {
        return new RelationInput(this.type == null ? null : this.type.strip().toUpperCase(Locale.ROOT),
                ConceptInput.canonicalName(this.target));
    }
}
