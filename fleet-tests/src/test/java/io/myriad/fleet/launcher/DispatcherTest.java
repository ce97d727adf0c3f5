package io.myriad.fleet.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./myriad} itself: the help it prints, and that every command it lists is the one it runs. */
class DispatcherTest {

    @Test
    void helpListsEveryCommandTheDispatcherRunsAndNoOther() throws IOException {
        // when
        Bash.Result help = Bash.myriad(Map.of(), "help");

        // then
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("usage: ./myriad <command>");
        Set<String> listed = new LinkedHashSet<>();
        Matcher command = Pattern.compile("(?m)^ {2}([a-z-]+)(?: [^\\n]*?/ ([a-z-]+) <name>)?").matcher(help.out());
        while (command.find()) {
            listed.add(command.group(1));
            if (command.group(2) != null) {
                listed.add(command.group(2));
            }
        }
        Set<String> dispatched = new LinkedHashSet<>();
        Matcher arm = Pattern.compile("(?m)^ {2}([a-z-]+)\\) ")
                .matcher(Files.readString(Bash.ROOT.resolve("deploy/local/myriad.sh")));
        while (arm.find()) {
            dispatched.add(arm.group(1));
        }
        dispatched.add("help");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(dispatched).contains("up", "down", "status", "ask",
                "token", "load", "remind-load", "metrics-catalog", "stop", "start", "test", "help");
    }

    @Test
    void withoutACommandItPrintsTheHelp() {
        Bash.Result none = Bash.myriad(Map.of());
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEqualTo(Bash.myriad(Map.of(), "--help").out()).contains("metrics-catalog");
    }

    @Test
    void anUnknownCommandFailsWithTheHelpOnStderr() {
        // when
        Bash.Result unknown = Bash.myriad(Map.of(), "deploy");

        // then
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).startsWith("usage: ./myriad <command>");
    }

    @Test
    void anUnknownOptionIsRefusedBeforeTheCommandDoesAnything() {
        for (String command : new String[] { "up", "load", "ask", "remind-load", "metrics-catalog", "token" }) {
            // when
            Bash.Result result = Bash.myriad(Map.of(), command, "--frobnicate");

            // then
            assertThat(result.exitCode()).as(command).isEqualTo(1);
            assertThat(result.err()).as(command).contains("unknown option for " + command + ": --frobnicate");
        }
    }

    @Test
    void stopAndStartNameWhatTheyCanStop() {
        Bash.Result result = Bash.myriad(Map.of(), "stop", "zookeeper");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("name one of: orchestrator agents input-processor output-processor "
                + "reminder-service graphdb-manager kafka neo4j redis");
    }
}
