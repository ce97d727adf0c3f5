package io.myriad.reminder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A whole reminder-service in a JVM of its own, on the shared Redis and Kafka, that a test can kill as
 * {@code kill -9} does: no orderly stop, nothing given back. Its classes are this test JVM's, so it runs the code
 * under test. A watchdog kills it if this JVM ends first.
 */
final class ForkedInstance implements AutoCloseable {

    private final Process process;

    private final Process watchdog;

    private final int port;

    private ForkedInstance(Process process, Process watchdog, int port) {
        this.process = process;
        this.watchdog = watchdog;
        this.port = port;
    }

    /** Starts an instance on the Redis database {@code database} with these properties, and waits until it serves. */
    static ForkedInstance start(String name, int database, String... properties) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ReminderServiceApplication.class.getName()));
        List<String> all = new ArrayList<>(List.of("server.port=" + port,
                "spring.data.redis.host=" + System.getProperty("spring.data.redis.host"),
                "spring.data.redis.port=" + System.getProperty("spring.data.redis.port"),
                "spring.kafka.bootstrap-servers=" + System.getProperty("spring.kafka.bootstrap-servers")));
        all.addAll(List.of(properties));
        command.addAll(Instance.arguments(database, all.toArray(String[]::new)));
        try {
            Path log = Files.createDirectories(Path.of("target", "forked-instances")).resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            Process watchdog = new ProcessBuilder("sh", "-c", "while kill -0 " + ProcessHandle.current().pid()
                    + " 2>/dev/null && kill -0 " + process.pid() + " 2>/dev/null; do sleep 1; done; kill -9 "
                    + process.pid() + " 2>/dev/null").start();
            ForkedInstance instance = new ForkedInstance(process, watchdog, port);
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .failFast("the forked instance ended; see " + log.toAbsolutePath(), () -> !process.isAlive())
                        .until(() -> instance.as("ready-probe").get("/api/v1/reminders").status() == 200);
                return instance;
            }
            catch (RuntimeException ex) {
                instance.close();
                throw ex;
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    Api as(String user) {
        return Api.as(this.port, user);
    }

    /** SIGKILL, as {@code kill -9}: the instance ends on the spot. */
    void kill() throws InterruptedException {
        this.process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
        this.watchdog.destroy();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
