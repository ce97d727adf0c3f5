package io.myriad.testsupport;

import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.testcontainers.DockerClientFactory;

/**
 * Whether servers come as containers or embedded: containers where a Docker engine answers, unless
 * {@code -Dmyriad.test-support.mode=embedded} or {@code =container} says otherwise.
 */
record Provisioning(Mode mode, String reason) {

    static final String MODE_PROPERTY = "myriad.test-support.mode";

    private static Provisioning decided;

    /** Decided once per JVM: asking Docker takes a moment and every kind must agree. */
    static synchronized Provisioning decide() {
        if (decided == null) {
            decided = decide(System.getProperty(MODE_PROPERTY, "auto"),
                    () -> DockerClientFactory.instance().isDockerAvailable());
        }
        return decided;
    }

    static Provisioning decide(String requested, BooleanSupplier dockerAnswers) {
        return switch (requested.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> dockerAnswers.getAsBoolean()
                    ? new Provisioning(Mode.CONTAINER, "a Docker engine answered")
                    : new Provisioning(Mode.EMBEDDED, "no Docker engine answered");
            case "container" -> new Provisioning(Mode.CONTAINER, "-D" + MODE_PROPERTY + "=container");
            case "embedded" -> new Provisioning(Mode.EMBEDDED, "-D" + MODE_PROPERTY + "=embedded");
            default -> throw new IllegalStateException(
                    "-D" + MODE_PROPERTY + " must be auto, container or embedded, not " + requested);
        };
    }
}
