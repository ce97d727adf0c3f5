package io.myriad.outputprocessor.composition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.agent.ResultStatus;
import io.myriad.contracts.answer.ComposeRequest;
import io.myriad.contracts.query.Intent;

import org.springframework.stereotype.Component;

/**
 * Puts the agents' results in the order a reader wants them: concept by concept in the order the question names
 * them, each concept's definition first, then its function, relations and anything else; comparisons side by
 * side after that. Failed and timed-out results become sentences saying what is missing and why.
 */
@Component
public class AnswerComposer {

    private static final Comparator<Part> ANSWER_ORDER = Comparator.comparingInt((Part part) -> rank(part.intent()));

    public Composition compose(ComposeRequest request) {
        String question = Objects.requireNonNullElse(request.question(), "");
        List<AgentResult> results = (request.results() != null) ? request.results() : List.of();
        Map<String, List<Part>> partsByConcept = new LinkedHashMap<>();
        for (AgentResult result : results) {
            if (result != null) {
                Part part = part(result);
                partsByConcept.computeIfAbsent(part.concept(), (concept) -> new ArrayList<>()).add(part);
            }
        }
        List<String> concepts = inQuestionOrder(partsByConcept.keySet(), question);
        List<ConceptSection> sections = new ArrayList<>();
        List<Part> comparison = new ArrayList<>();
        for (String concept : concepts) {
            List<Part> parts = new ArrayList<>(partsByConcept.get(concept));
            parts.sort(ANSWER_ORDER);
            List<Part> own = parts.stream().filter((part) -> part.intent() != Intent.COMPARE).toList();
            parts.stream().filter((part) -> part.intent() == Intent.COMPARE).forEach(comparison::add);
            if (!own.isEmpty()) {
                sections.add(new ConceptSection(concept, own));
            }
        }
        List<String> unknown = (request.unknownPhrases() != null) ? request.unknownPhrases().stream()
                .map(Wording::oneLine)
                .filter((phrase) -> !phrase.isEmpty())
                .distinct()
                .toList() : List.of();
        return new Composition(question, sections, comparison, unknown);
    }

    private static Part part(AgentResult result) {
        String concept = Wording.oneLine(result.concept());
        ResultStatus status = Objects.requireNonNullElse(result.status(), ResultStatus.FAILED);
        String text = (status == ResultStatus.ANSWERED) ? Wording.oneLine(result.answer())
                : Wording.missing(concept, result.intent(), status, result.agentId(), result.answer());
        double confidence = (status == ResultStatus.ANSWERED) ? result.confidence() : 0;
        return new Part(concept, result.intent(), status, text, result.agentId(), confidence);
    }

    private static List<String> inQuestionOrder(Iterable<String> concepts, String question) {
        String haystack = question.toLowerCase(Locale.ROOT);
        List<String> ordered = new ArrayList<>();
        concepts.forEach(ordered::add);
        // Stable: concepts the question does not spell out (by an alias) keep the results' order, last.
        ordered.sort(Comparator.comparingInt((String concept) -> position(concept, haystack)));
        return ordered;
    }

    private static int position(String concept, String question) {
        String name = concept.toLowerCase(Locale.ROOT);
        for (String spelling : List.of(name, name.replace('-', ' ').replace('_', ' '))) {
            int index = spelling.isEmpty() ? -1 : question.indexOf(spelling);
            if (index >= 0) {
                return index;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static int rank(Intent intent) {
        if (intent == null) {
            return Integer.MAX_VALUE;
        }
        return switch (intent) {
            case DEFINE -> 0;
            case FUNCTION -> 1;
            case RELATE -> 2;
            case COMPARE -> 3;
            case REMIND, UNKNOWN -> 4;
        };
    }
}
