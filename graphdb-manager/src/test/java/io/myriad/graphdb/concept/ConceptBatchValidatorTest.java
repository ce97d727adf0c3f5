package io.myriad.graphdb.concept;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ConceptBatchValidatorTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();

    private final ConceptBatchValidator validator = new ConceptBatchValidator(FACTORY.getValidator());

    private final Function<Set<String>, Set<String>> graphHoldsLamp = names -> names.contains("lamp") ? Set.of("lamp")
            : Set.of();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void acceptsABatchWhoseRelationsPointIntoTheGraphOrTheBatch() {
        List<ConceptInput> batch = canonical(
                concept("desk lamp", "A small lamp for a desk.", new RelationInput("IS_A", "lamp"),
                        new RelationInput("related_to", "Desk")),
                concept("desk", "A table to work at."));

        assertThat(this.validator.validate(batch, this.graphHoldsLamp)).isEmpty();
    }

    @Test
    void namesEachInvalidFieldWithItsItemIndex() {
        // given
        List<ConceptInput> batch = canonical(
                concept("desk", "A table to work at."),
                concept("  ", " ", new RelationInput("OWNS", "desk"), new RelationInput("IS_A", "unicorn")),
                concept("x".repeat(101), "y".repeat(2001)));

        // when
        List<ItemError> errors = this.validator.validate(batch, this.graphHoldsLamp);

        // then
        assertThat(errors).extracting(ItemError::index, ItemError::field).containsExactly(
                tuple(1, "definition"),
                tuple(1, "name"),
                tuple(1, "relations[0].type"),
                tuple(1, "relations[1].target"),
                tuple(2, "definition"),
                tuple(2, "name"));
        assertThat(errors.get(3).message()).contains("unicorn");
    }

    @Test
    void refusesTheSameNameTwiceAndARelationToItself() {
        List<ConceptInput> batch = canonical(
                concept("Desk", "A table to work at."),
                concept("desk ", "Another desk.", new RelationInput("RELATED_TO", "DESK")));

        assertThat(this.validator.validate(batch, this.graphHoldsLamp))
                .extracting(ItemError::index, ItemError::field)
                .containsExactly(tuple(1, "name"),
                        tuple(1, "relations[0].target"));
    }

    @Test
    void refusesANullItemAndANullRelation() {
        List<ConceptInput> batch = new ArrayList<>();
        batch.add(null);
        batch.add(new ConceptInput("desk", null, "A table.", null, null, Arrays.asList((RelationInput) null))
                .canonical());

        assertThat(this.validator.validate(batch, this.graphHoldsLamp))
                .extracting(ItemError::index, ItemError::field)
                .containsExactly(tuple(0, ""),
                        tuple(1, "relations[0]"));
    }

    @Test
    void asksTheGraphOnlyAboutTargetsOutsideTheBatch() {
        List<Set<String>> asked = new ArrayList<>();
        List<ConceptInput> batch = canonical(concept("desk", "A table.", new RelationInput("RELATED_TO", "chair"),
                new RelationInput("RELATED_TO", "lamp")), concept("chair", "A seat."));

        this.validator.validate(batch, names -> {
            asked.add(names);
            return names;
        });

        assertThat(asked).containsExactly(Set.of("lamp"));
    }

    private static ConceptInput concept(String name, String definition, RelationInput... relations) {
        return new ConceptInput(name, List.of(), definition, List.of(), List.of(), List.of(relations));
    }

    private static List<ConceptInput> canonical(ConceptInput... items) {
        return Arrays.stream(items).map(ConceptInput::canonical).toList();
    }
}
