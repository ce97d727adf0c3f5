package io.myriad.inputprocessor.vocabulary;

/** Where the parser reads the concept vocabulary it matches against at this moment. */
@FunctionalInterface
public interface VocabularySource {

    Vocabulary current();
}
