package io.myriad.agents.worker;

import java.util.ArrayList;
import java.util.List;

import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.graph.ConceptKnowledge;
import io.myriad.contracts.graph.ConceptKnowledge.Relation;
import io.myriad.contracts.query.Intent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkersTest {

    private static final ConceptKnowledge LIGHTBULB = new ConceptKnowledge("lightbulb", List.of("light bulb"),
            "A lightbulb is a device that produces light from electricity. It screws into a lamp.",
            List.of("lights rooms", "signals that a device is on", "lights streets"),
            List.of("Edison sold the first practical lightbulb in 1880"),
            List.of(new Relation("IS_A", "light source", true, "Anything that gives off light."),
                    new Relation("PART_OF", "lamp", true, "A device that holds a lightbulb."),
                    new Relation("USED_FOR", "switch", false, "A device that opens or closes a circuit.")));

    private static final ConceptKnowledge SPARSE = new ConceptKnowledge("candle", List.of(),
            "A candle is a wax stick with a wick.", List.of("lights rooms"), List.of(),
            List.of(new Relation("IS_A", "light source", true, "Anything that gives off light.")));

    private static final ConceptKnowledge EMPTY = new ConceptKnowledge("gizmo", List.of(), null, List.of(),
            List.of(), List.of());

    private final Workers workers = new Workers(List.of(new DefinitionWorker(), new FunctionWorker(),
            new RelationWorker(), new ComparisonWorker(), new FactBaseWorker()));

    @Test
    void definitionAgentAnswersFromTheDefinitionWithConfidenceGrowingWithIt() {
        Answer full = answer(AgentType.DEFINITION, Intent.DEFINE, LIGHTBULB);
        Answer shorter = answer(AgentType.DEFINITION, Intent.DEFINE, SPARSE);
        Answer none = answer(AgentType.DEFINITION, Intent.DEFINE, EMPTY);

        assertThat(full.text()).isEqualTo(LIGHTBULB.definition());
        assertThat(full.confidence()).isEqualTo(0.95);
        assertThat(shorter.text()).isEqualTo("A candle is a wax stick with a wick.");
        assertThat(shorter.confidence()).isBetween(0.5, 0.9);
        assertThat(none.text()).isEqualTo("I have no definition of gizmo.");
        assertThat(none.confidence()).isLessThan(shorter.confidence());
        assertThat(full.relatedConcepts()).isEmpty();
    }

    @Test
    void functionAgentAnswersFromTheUsesWithConfidenceGrowingWithThem() {
        Answer full = answer(AgentType.FUNCTION, Intent.FUNCTION, LIGHTBULB);
        Answer one = answer(AgentType.FUNCTION, Intent.FUNCTION, SPARSE);
        Answer none = answer(AgentType.FUNCTION, Intent.FUNCTION, EMPTY);

        assertThat(full.text())
                .isEqualTo("What lightbulb does: lights rooms; signals that a device is on; lights streets.");
        assertThat(full.confidence()).isEqualTo(0.95);
        assertThat(one.text()).isEqualTo("What candle does: lights rooms.");
        assertThat(one.confidence()).isBetween(none.confidence(), full.confidence()).isNotIn(none.confidence(),
                full.confidence());
        assertThat(none.text()).contains("no use of gizmo");
    }

    @Test
    void functionAgentReadsUsesWrittenAsSentencesOneAfterAnother() {
        ConceptKnowledge kettle = new ConceptKnowledge("kettle", List.of(), "A kettle boils water.",
                List.of("It boils water for tea.", "It switches itself off"), List.of(), List.of());

        assertThat(answer(AgentType.FUNCTION, Intent.FUNCTION, kettle).text())
                .isEqualTo("What kettle does: It boils water for tea. It switches itself off.");
    }

    @Test
    void relationAgentNamesEachNeighbourOnceAndCountsWhatItLeavesOut() {
        // given a hub whose edges run both ways to the same neighbours, and more neighbours than an answer names
        List<Relation> relations = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            relations.add(new Relation("RELATED_TO", "n" + i, false, null));
            relations.add(new Relation("RELATED_TO", "n" + i, true, null));
        }
        ConceptKnowledge hub = new ConceptKnowledge("electricity", List.of(), "Energy.", List.of(), List.of(),
                relations);

        Answer answer = answer(AgentType.RELATION, Intent.RELATE, hub);

        // then each neighbour is named once, by the hub's own edge, and the rest are counted
        assertThat(answer.text()).startsWith("How electricity relates: electricity is related to n1; "
                + "electricity is related to n2;").endsWith("electricity is related to n8; and 2 more.");
        assertThat(answer.relatedConcepts()).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void relationAgentNamesTheNeighboursAndHowTheyRelate() {
        Answer answer = answer(AgentType.RELATION, Intent.RELATE, LIGHTBULB);

        assertThat(answer.text()).isEqualTo("How lightbulb relates: lightbulb is a kind of light source; "
                + "lightbulb is part of lamp; switch is used for lightbulb.");
        assertThat(answer.relatedConcepts()).containsExactly("light source", "lamp", "switch");
        assertThat(answer.confidence()).isGreaterThan(answer(AgentType.RELATION, Intent.RELATE, SPARSE).confidence());
        assertThat(answer(AgentType.RELATION, Intent.RELATE, EMPTY).relatedConcepts()).isEmpty();
    }

    @Test
    void comparisonAgentSpeaksOfItsOwnConceptFromDefinitionAndRelations() {
        Answer answer = answer(AgentType.COMPARISON, Intent.COMPARE, LIGHTBULB);

        assertThat(answer.text()).startsWith("lightbulb: A lightbulb is a device that produces light")
                .contains("Relations: lightbulb is a kind of light source; lightbulb is part of lamp");
        assertThat(answer.relatedConcepts()).containsExactly("light source", "lamp", "switch");
        assertThat(answer.confidence()).isEqualTo(0.9);
        assertThat(answer(AgentType.COMPARISON, Intent.COMPARE, SPARSE).confidence()).isLessThan(0.9);
    }

    @Test
    void factBaseAgentAnswersAnyIntentFromItsConceptAndNeighbours() {
        Answer define = answer(AgentType.FACT_BASE, Intent.DEFINE, LIGHTBULB);
        Answer function = answer(AgentType.FACT_BASE, Intent.FUNCTION, LIGHTBULB);
        Answer relate = answer(AgentType.FACT_BASE, Intent.RELATE, LIGHTBULB);

        assertThat(define.text()).startsWith("A lightbulb is a device").contains("Edison sold the first");
        assertThat(function.text()).contains("It lights rooms.").contains("Edison");
        assertThat(relate.text()).contains("lightbulb is part of lamp, and lamp: A device that holds a lightbulb.");
        assertThat(relate.relatedConcepts()).containsExactly("light source", "lamp", "switch");
        assertThat(relate.confidence()).isLessThanOrEqualTo(0.75).isGreaterThan(0.5);
    }

    @Test
    void factBaseAgentSaysPlainlyWhenItKnowsLittle() {
        ConceptKnowledge kettle = new ConceptKnowledge("electric kettle", List.of(),
                "An electric kettle boils water.", List.of(), List.of(), List.of());

        Answer little = answer(AgentType.FACT_BASE, Intent.DEFINE, kettle);
        Answer nothing = answer(AgentType.FACT_BASE, Intent.DEFINE, EMPTY);

        assertThat(little.text()).isEqualTo("I know little about electric kettle: An electric kettle boils water.");
        assertThat(little.confidence()).isLessThan(0.3);
        assertThat(nothing.text()).isEqualTo("I know little about gizmo: the graph holds nothing about it yet.");
        assertThat(nothing.confidence()).isLessThan(little.confidence());
    }

    @Test
    void factBaseAgentLeansOnItsNeighboursWhenItsOwnKnowledgeIsThin() {
        Answer answer = answer(AgentType.FACT_BASE, Intent.DEFINE, SPARSE);

        assertThat(answer.text()).isEqualTo("A candle is a wax stick with a wick. "
                + "candle is a kind of light source, and light source: Anything that gives off light.");
        assertThat(answer.relatedConcepts()).containsExactly("light source");
    }

    private Answer answer(AgentType type, Intent intent, ConceptKnowledge knowledge) {
        return this.workers.forType(type).answer(intent, knowledge);
    }
}
