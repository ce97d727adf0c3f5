package io.myriad.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A server in a process of its own. Its output goes to a log file by a thread of ours, so a full pipe can
 * never stall it, and that same thread tells us when the server says it is ready.
 */
final class ChildProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;
    private Process watchdog;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(String name, List<String> command, Path log, String readyMarker,
            Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ChildProcess child = new ChildProcess(name, process, log);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name(name + "-output")
                .start(() -> child.copyOutput(readyMarker, ready));
        process.onExit().thenRun(() -> ready.completeExceptionally(new IllegalStateException(
                name + " exited with status " + process.exitValue() + " before it was ready; see " + log)));
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return child;
        }
        catch (TimeoutException ex) {
            child.close();
            throw new IllegalStateException(
                    name + " was not ready within " + timeout.toSeconds() + " s; see " + log, ex);
        }
        catch (ExecutionException ex) {
            child.close();
            throw (RuntimeException) ex.getCause();
        }
        catch (InterruptedException ex) {
            child.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting " + name, ex);
        }
    }

    /**
     * Kills the server when {@code parentPid} ends, for a server that cannot watch its parent itself: a JVM
     * killed with SIGKILL runs no shutdown hook that could stop it.
     */
    ChildProcess killWhenEnded(long parentPid) throws IOException {
        String script = "while kill -0 \"$1\" 2>/dev/null && kill -0 \"$2\" 2>/dev/null; do sleep 1; done; "
                + "kill \"$2\" 2>/dev/null";
        watchdog = new ProcessBuilder("sh", "-c", script, name + "-watchdog", String.valueOf(parentPid),
                String.valueOf(pid()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start();
        return this;
    }

    long pid() {
        return process.pid();
    }

    long watchdogPid() {
        return watchdog.pid();
    }

    /** Asks the server to stop (SIGTERM), and kills it if it has not within 30 s. */
    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.destroyForcibly();
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
            if (watchdog != null) {
                watchdog.waitFor();
            }
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void copyOutput(String readyMarker, CompletableFuture<Void> ready) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                file.write(line);
                file.write('\n');
                file.flush();
                if (line.contains(readyMarker)) {
                    ready.complete(null);
                }
            }
        }
        catch (IOException ex) {
            ready.completeExceptionally(new UncheckedIOException("Reading the output of " + name, ex));
        }
    }

    /** Under the build's {@code target/} when there is one, so logs stay beside the test reports. */
    static Path workDirectory() throws IOException {
        Path target = Path.of("target");
        Path base = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
        return Files.createDirectories(base.resolve("myriad-infrastructure"));
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ex) {
            // Only disk space is lost; the next `mvn clean` takes it back.
        }
    }

    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No free port on the loopback interface", ex);
        }
    }
}
