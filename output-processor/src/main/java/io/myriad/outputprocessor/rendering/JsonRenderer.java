package io.myriad.outputprocessor.rendering;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.myriad.contracts.answer.ComposedAnswer.Contribution;
import io.myriad.contracts.answer.Format;
import io.myriad.outputprocessor.composition.Composition;
import io.myriad.outputprocessor.composition.Part;
import io.myriad.outputprocessor.composition.Wording;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * A JSON document, written by Jackson: the question, whether the answer is partial, one section per part in
 * answer order, the phrases nobody knows, and a message only when there is nothing else to say.
 */
@Component
public class JsonRenderer implements AnswerRenderer {

    private final JsonMapper jsonMapper;

    public JsonRenderer(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public Format format() {
        return Format.JSON;
    }

    @Override
    public String render(Composition composition) {
        List<Section> sections = composition.parts().stream().map(Section::of).toList();
        String message = composition.empty() ? Wording.NOTHING_FOUND : null;
        return this.jsonMapper.writeValueAsString(new Document(composition.question(), composition.partial(),
                sections, composition.unknownPhrases(), message));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(String question, boolean partial, List<Section> sections, List<String> unknown,
            String message) {
    }

    record Section(String concept, String intent, String text, String agent, double confidence, String status) {

        static Section of(Part part) {
            Contribution contribution = part.contribution();
            return new Section(part.concept(), contribution.intent(), part.text(), part.agentId(),
                    part.confidence(), contribution.status());
        }
    }
}
