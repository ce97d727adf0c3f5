package io.myriad.contracts.query;

/** What a question asks for. A closed set: it is a metric label and a routing key. */
public enum Intent {
    DEFINE, FUNCTION, RELATE, COMPARE, REMIND, UNKNOWN
}
