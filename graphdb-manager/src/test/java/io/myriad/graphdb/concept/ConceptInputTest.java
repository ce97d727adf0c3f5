package io.myriad.graphdb.concept;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConceptInputTest {

    @Test
    void canonicalNamesAreTrimmedLowerCaseWithSingleSpaces() {
        assertThat(ConceptInput.canonicalName("  Washing   MACHINE\t")).isEqualTo("washing machine");
        assertThat(ConceptInput.canonicalName(null)).isNull();
    }

    @Test
    void canonicalConceptCleansEveryListAndItsRelations() {
        // given
        ConceptInput raw = new ConceptInput(" Fridge ", Arrays.asList(" Ice Box", "fridge", "ice box", " ", null),
                "  A cold box.  ", Arrays.asList(" Keeps food cold. ", "", "Keeps food cold."), null,
                List.of(new RelationInput(" related_to ", " Kitchen ")));

        // when
        ConceptInput canonical = raw.canonical();

        // then
        assertThat(canonical.name()).isEqualTo("fridge");
        assertThat(canonical.aliases()).containsExactly("ice box");
        assertThat(canonical.definition()).isEqualTo("A cold box.");
        assertThat(canonical.uses()).containsExactly("Keeps food cold.");
        assertThat(canonical.facts()).isEmpty();
        assertThat(canonical.relations()).containsExactly(new RelationInput("RELATED_TO", "kitchen"));
    }

    @Test
    void aBlankNameStaysBlankSoThatValidationRefusesIt() {
        ConceptInput canonical = new ConceptInput("   ", null, "x", null, null, null).canonical();

        assertThat(canonical.name()).isEmpty();
        assertThat(canonical.relations()).isEmpty();
    }
}
