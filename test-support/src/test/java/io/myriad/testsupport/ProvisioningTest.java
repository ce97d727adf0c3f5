package io.myriad.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

class ProvisioningTest {

    private static final BooleanSupplier DOCKER_MUST_NOT_BE_ASKED = () -> {
        throw new AssertionError("Docker was asked although the mode was forced");
    };

    @Test
    void takesContainersWhenADockerEngineAnswers() {
        assertThat(Provisioning.decide("auto", () -> true).mode()).isEqualTo(Mode.CONTAINER);
    }

    @Test
    void takesEmbeddedServersWhenNoDockerEngineAnswers() {
        Provisioning provisioning = Provisioning.decide("auto", () -> false);

        assertThat(provisioning.mode()).isEqualTo(Mode.EMBEDDED);
        assertThat(provisioning.reason()).isEqualTo("no Docker engine answered");
    }

    @Test
    void obeysAForcedModeWithoutAskingDocker() {
        assertThat(Provisioning.decide("embedded", DOCKER_MUST_NOT_BE_ASKED).mode()).isEqualTo(Mode.EMBEDDED);
        assertThat(Provisioning.decide(" Container ", DOCKER_MUST_NOT_BE_ASKED).mode()).isEqualTo(Mode.CONTAINER);
    }

    @Test
    void rejectsAModeItDoesNotKnowRatherThanGuessing() {
        assertThatIllegalStateException()
                .isThrownBy(() -> Provisioning.decide("docker", DOCKER_MUST_NOT_BE_ASKED))
                .withMessageContaining("must be auto, container or embedded");
    }
}
