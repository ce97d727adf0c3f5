package io.myriad.contracts.agent;

/** The agents' pool serves higher lanes first. A metric label: a closed set. */
public enum Priority {
    HIGH, NORMAL, LOW
}
