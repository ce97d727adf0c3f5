package io.myriad.graphdb.seed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.myriad.graphdb.GraphdbProperties;
import io.myriad.graphdb.concept.ConceptBatchValidator;
import io.myriad.graphdb.concept.ConceptInput;
import io.myriad.graphdb.concept.RelationInput;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class SeedFileTest {

    @Test
    void theSeedHoldsAtLeast110ValidConceptsEachWithKnowledgeAndARelation() {
        List<ConceptInput> seed = seed();

        assertThat(seed).hasSizeGreaterThanOrEqualTo(110);
        assertThat(seed).allSatisfy(concept -> {
            assertThat(concept.relations()).as(concept.name()).isNotEmpty();
            assertThat(concept.uses()).as(concept.name()).hasSizeBetween(1, 3);
            assertThat(concept.facts()).as(concept.name()).hasSizeBetween(1, 3);
        });
    }

    @Test
    void theLightbulbSaysWhatItIsWhatItDoesAndWhatItGoesWith() {
        Map<String, ConceptInput> seed = seed().stream()
                .collect(Collectors.toMap(ConceptInput::name, Function.identity()));

        ConceptInput lightbulb = seed.get("lightbulb");

        assertThat(lightbulb.aliases()).contains("light bulb", "bulb");
        assertThat(lightbulb.definition()).startsWith("A lightbulb is an electric device that produces light");
        assertThat(lightbulb.uses()).anyMatch(use -> use.contains("turning electricity into light"));
        assertThat(lightbulb.relations()).extracting(RelationInput::target)
                .contains("lamp", "electricity", "switch", "filament");
        assertThat(seed.get("refrigerator").aliases()).contains("fridge");
    }

    private static List<ConceptInput> seed() {
        try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
            GraphdbProperties properties = new GraphdbProperties("classpath:seed/concepts.json", true, 0.5,
                    Duration.ofSeconds(5), Duration.ofSeconds(15), 500);
            return new SeedFile(new DefaultResourceLoader(), JsonMapper.builder().build(),
                    new ConceptBatchValidator(validation.getValidator()), properties).concepts();
        }
    }
}
