package io.myriad.fleet.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a monitoring tool (promtool, amtool) from Debian's {@code prometheus} and {@code prometheus-alertmanager}
 * packages, which {@code .ci/run} installs. Where a tool is missing a test is skipped, except under CI (the
 * {@code CI} variable set), where a missing tool is a failure: CI must prove every rule and route.
 */
public final class Command {

    /** The repository root: fleet-tests runs with its module directory as the working directory. */
    public static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    private Command() {
    }

    /** Skips the test when {@code tool} is not installed (fails instead under CI). */
    public static void assumeInstalled(String tool) {
        boolean found = List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
        if (System.getenv("CI") != null) {
            assertThat(found).as(tool + " is installed (.ci/run installs prometheus and prometheus-alertmanager)")
                    .isTrue();
        }
        Assumptions.assumeTrue(found, tool + " is not installed: apt-get install prometheus prometheus-alertmanager");
    }

    /** Runs the command in the repository root and returns its exit code and combined output. */
    public static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
            boolean ended = process.waitFor(120, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ended) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end in 120 s: " + output);
            }
            return new Result(process.exitValue(), output);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not run " + String.join(" ", command), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** What a command printed and how it ended. */
    public record Result(int exitCode, String output) {

        /** Asserts exit code 0, showing the output otherwise. */
        public Result succeeded() {
            assertThat(this.exitCode).as(this.output).isZero();
            return this;
        }
    }
}
