package io.myriad.fleet.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's bash passes shellcheck at warning level (skipped where shellcheck is not installed:
 * {@code apt-get install shellcheck}). Each file of lib/ is checked on its own, so that a variable defined in one and
 * read in another (SC2034, SC2154) is not taken for a mistake; the dispatcher is checked with the files it sources.
 */
class ShellcheckTest {

    @Test
    void theDispatcherAndEachPartOfItsLibraryHaveNoShellcheckWarning() throws Exception {
        boolean installed = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch((dir) -> Files.isExecutable(Path.of(dir, "shellcheck")));
        Assumptions.assumeTrue(installed, "shellcheck is not installed");
        List<String> library = new ArrayList<>(List.of("shellcheck", "--severity=warning", "--exclude=SC2034,SC2154"));
        try (Stream<Path> files = Files.list(Bash.ROOT.resolve("deploy/local/lib"))) {
            files.filter((f) -> f.toString().endsWith(".sh")).sorted()
                    .forEach((f) -> library.add(Bash.ROOT.relativize(f).toString()));
        }
        assertThat(library).hasSizeGreaterThan(8);

        Bash.Result parts = Bash.exec(Map.of(), library);
        Bash.Result dispatcher = Bash.exec(Map.of(), List.of("shellcheck", "--severity=warning", "-x",
                "deploy/local/myriad.sh", "myriad"));

        assertThat(parts.exitCode()).as(parts.out()).isZero();
        assertThat(dispatcher.exitCode()).as(dispatcher.out()).isZero();
    }
}
