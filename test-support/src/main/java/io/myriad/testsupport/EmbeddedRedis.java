package io.myriad.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * A real {@code redis-server} in a child process: the binary that com.github.codemonstur:embedded-redis ships,
 * or Debian's from the PATH where the shipped one does not run.
 */
final class EmbeddedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

    private final ChildProcess process;
    private final Path directory;
    private final RedisServer server;

    private EmbeddedRedis(ChildProcess process, Path directory, RedisServer server) {
        this.process = process;
        this.directory = directory;
        this.server = server;
    }

    /** Starts Redis, killed by a watchdog if the process {@code parentPid} ends before {@link #close()}. */
    static EmbeddedRedis start(long parentPid) throws IOException {
        Path directory = Files.createTempDirectory(ChildProcess.workDirectory(), "redis-");
        int port = ChildProcess.freeLoopbackPort();
        List<String> command = List.of(redisServer(directory).toString(),
                "--port", String.valueOf(port), "--bind", "127.0.0.1",
                // A test store: nothing to keep between runs.
                "--save", "", "--appendonly", "no", "--dir", directory.toString());
        ChildProcess process = ChildProcess.start("redis", command, Path.of(directory + ".log"),
                "Ready to accept connections", Duration.ofSeconds(30));
        process.killWhenEnded(parentPid);
        return new EmbeddedRedis(process, directory, new RedisServer("127.0.0.1", port, Mode.EMBEDDED));
    }

    RedisServer server() {
        return server;
    }

    long pid() {
        return process.pid();
    }

    long watchdogPid() {
        return process.watchdogPid();
    }

    @Override
    public void close() {
        process.close();
        ChildProcess.deleteRecursively(directory);
    }

    private static Path redisServer(Path directory) throws IOException {
        String bundledProblem;
        try {
            // Extracted per server, so that two JVMs never write a binary the other is executing.
            File bundled = ExecutableProvider.newJarResourceProvider(directory.toFile()).get();
            bundledProblem = problemRunning(bundled.toPath());
            if (bundledProblem == null) {
                return bundled.toPath();
            }
        }
        catch (IOException | RuntimeException ex) {
            bundledProblem = ex.toString();
        }
        String problem = bundledProblem;
        Path onPath = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(path -> List.of(path.split(File.pathSeparator)).stream())
                .map(dir -> Path.of(dir, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No redis-server runs here: the one bundled in "
                        + "com.github.codemonstur:embedded-redis failed (" + problem
                        + ") and there is none on the PATH. Install one: apt-get install redis-server"));
        log.info("The redis-server bundled in embedded-redis does not run here ({}); using {}", problem, onPath);
        return onPath;
    }

    /** Null when {@code redis-server --version} works, else what went wrong: a binary built for another libc. */
    private static String problemRunning(Path binary) {
        try {
            Process version = new ProcessBuilder(binary.toString(), "--version")
                    .redirectErrorStream(true).start();
            String output = new String(version.getInputStream().readAllBytes()).strip();
            int status = version.waitFor();
            return status == 0 ? null : "exit status " + status + ": " + output;
        }
        catch (IOException ex) {
            return ex.toString();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
