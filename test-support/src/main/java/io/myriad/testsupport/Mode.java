package io.myriad.testsupport;

/** How a server was provided: a Testcontainers container, or an embedded server on this machine. */
public enum Mode {
    CONTAINER,
    EMBEDDED
}
