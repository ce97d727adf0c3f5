package io.myriad.inputprocessor.vocabulary;

import java.util.List;

import io.myriad.contracts.graph.ConceptName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VocabularyTest {

    private final Vocabulary vocabulary = Vocabulary.of(List.of(
            new ConceptName("lightbulb", List.of("light bulb", "bulb")),
            new ConceptName("light", List.of()),
            new ConceptName("refrigerator", List.of("fridge")),
            new ConceptName("washing machine", List.of("washer")),
            new ConceptName("battery", List.of()),
            new ConceptName("knife", List.of()),
            new ConceptName("box", List.of()),
            new ConceptName("leaf", List.of()),
            new ConceptName("electric kettle", List.of("kettle")),
            new ConceptName("glass", List.of()),
            new ConceptName("child", List.of())));

    @Test
    void findsAConceptByItsCanonicalNameInAnyCase() {
        assertThat(this.vocabulary.conceptsIn("What is a LightBulb?")).containsExactly("lightbulb");
    }

    @Test
    void findsMultiWordNamesAndAliasesAndReturnsTheCanonicalName() {
        assertThat(this.vocabulary.conceptsIn("my light bulb, the fridge and a washing machine"))
                .containsExactly("lightbulb", "refrigerator", "washing machine");
    }

    @Test
    void toleratesPluralsOfTheLastWord() {
        assertThat(this.vocabulary.conceptsIn("lightbulbs batteries knives boxes leaves washing machines fridges"))
                .containsExactly("lightbulb", "battery", "knife", "box", "leaf", "washing machine", "refrigerator");
    }

    @Test
    void toleratesIrregularPluralsAndKeepsWordsEndingInDoubleS() {
        assertThat(this.vocabulary.conceptsIn("children drink from glasses and a glass"))
                .containsExactly("child", "glass");
    }

    @Test
    void prefersTheLongestNameAtEachPosition() {
        assertThat(this.vocabulary.conceptsIn("a light bulb and a light")).containsExactly("lightbulb", "light");
        assertThat(this.vocabulary.conceptsIn("an electric kettle")).containsExactly("electric kettle");
    }

    @Test
    void reportsConceptsInOrderOfAppearanceWithoutDuplicates() {
        assertThat(this.vocabulary.conceptsIn("fridge or lightbulb? the refrigerator, the bulb, the fridges"))
                .containsExactly("refrigerator", "lightbulb");
    }

    @Test
    void matchesWholeWordsOnly() {
        assertThat(this.vocabulary.conceptsIn("boxing lightbulbish spotlight")).isEmpty();
    }

    @Test
    void matchesNamesWrittenWithHyphensOrPossessives() {
        assertThat(this.vocabulary.conceptsIn("the light-bulb's glow and the kettle's spout"))
                .containsExactly("lightbulb", "electric kettle");
    }

    @Test
    void aConceptsOwnNameWinsOverAnotherConceptsAlias() {
        Vocabulary clashing = Vocabulary.of(List.of(new ConceptName("lamp", List.of("light")),
                new ConceptName("light", List.of())));

        assertThat(clashing.conceptsIn("light")).containsExactly("light");
        assertThat(clashing.size()).isEqualTo(2);
    }

    @Test
    void countsConceptsNotNamesAndIgnoresNamelessEntries() {
        Vocabulary withJunk = Vocabulary.of(List.of(new ConceptName("fridge", List.of("icebox", "cooler")),
                new ConceptName(" ", List.of("nothing")), new ConceptName(null, null)));

        assertThat(withJunk.size()).isEqualTo(1);
        assertThat(withJunk.conceptsIn("nothing")).isEmpty();
        assertThat(this.vocabulary.size()).isEqualTo(11);
    }

    @Test
    void fallsBackToTheLongestNameThatMatchesWhenALongerOneStartsButDoesNotFinish() {
        Vocabulary nested = Vocabulary.of(List.of(new ConceptName("washing machine", List.of()),
                new ConceptName("front loading washing machine", List.of("front loader")),
                new ConceptName("front", List.of())));

        assertThat(nested.conceptsIn("front loading washing machines")).containsExactly("front loading washing machine");
        assertThat(nested.conceptsIn("front loading washing")).containsExactly("front");
        assertThat(nested.conceptsIn("front loading washing machine front loaders"))
                .containsExactly("front loading washing machine");
        assertThat(nested.conceptsIn("front washing machines")).containsExactly("front", "washing machine");
    }

    @Test
    void theEmptyVocabularyKnowsNothing() {
        assertThat(Vocabulary.EMPTY.conceptsIn("a lightbulb")).isEmpty();
        assertThat(Vocabulary.EMPTY.size()).isZero();
    }
}
