package io.myriad.contracts.answer;

/** How an answer is rendered. A metric label: a closed set. */
public enum Format {
    TEXT, MARKDOWN, JSON
}
