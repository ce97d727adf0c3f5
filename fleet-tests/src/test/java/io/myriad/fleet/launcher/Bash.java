package io.myriad.fleet.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the launcher's bash functions the way {@code deploy/local/myriad.sh} does, without a fleet: a
 * {@code bash -c} that sources every file of {@code deploy/local/lib} (they only define) and then runs the given
 * lines, in the repository root, with extra environment variables.
 */
final class Bash {

    /** The repository root: fleet-tests runs with its module directory as the working directory. */
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    private static final String SOURCE_ALL = """
            set -uo pipefail
            for part in common jvm build infra token processes status load catalog; do
              source deploy/local/lib/$part.sh || exit 99
            done
            """;

    private Bash() {
    }

    /** The lines run after sourcing the library, with these variables in the environment. */
    static Result run(Map<String, String> environment, String script) {
        return exec(environment, List.of("bash", "-c", SOURCE_ALL + script));
    }

    static Result run(String script) {
        return run(Map.of(), script);
    }

    /** {@code ./myriad} itself, with these arguments. */
    static Result myriad(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of("./myriad"));
        command.addAll(List.of(arguments));
        return exec(environment, command);
    }

    static Result exec(Map<String, String> environment, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process, false));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process, true));
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not end in 120 s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        }
        catch (IOException ex) {
            throw new IllegalStateException("could not run " + command, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static String read(Process process, boolean error) {
        try {
            return new String((error ? process.getErrorStream() : process.getInputStream()).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** How the script ended and what it printed. */
    record Result(int exitCode, String out, String err) {

        List<String> lines() {
            return this.out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + this.exitCode + "\n--- stdout\n" + this.out + "--- stderr\n" + this.err;
        }
    }
}
