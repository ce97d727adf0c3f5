package io.myriad.local.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import kafka.Kafka;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker in KRaft mode (one process is broker and controller), in a JVM of its own,
 * for {@code ./myriad up}. Kafka's Scala, Jackson and Jetty versions would clash with a service's or Neo4j's.
 *
 * <p>Usage: {@code java -jar myriad-local-kafka-exec.jar <port> <controller-port> <data-directory>}. Writes
 * {@code server.properties} into the data directory, formats the storage the first time (a dynamic quorum of
 * one, as {@code kafka-storage format --standalone} does), and keeps the data across restarts. Prints
 * {@code KAFKA READY PLAINTEXT://127.0.0.1:<port>} on stdout once a client gets an answer from it, and shuts
 * the broker down cleanly on SIGTERM or SIGINT.
 */
public final class KafkaServer {

    private KafkaServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: KafkaServer <port> <controller-port> <data-directory>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int controllerPort = Integer.parseInt(args[1]);
        Path dataDir = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(dataDir);

        Properties props = serverProperties(port, controllerPort, dataDir);
        Path propsFile = dataDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(propsFile)) {
            props.store(out, "Written by io.myriad.local.kafka.KafkaServer on every start; edit the class, not this file");
        }
        if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            format(propsFile);
        }

        // Kafka's own entry point, as kafka-server-start.sh runs it: it shuts the server down on SIGTERM and
        // ends the JVM when the server stops or fails to start.
        Thread broker = new Thread(() -> Kafka.main(new String[] { propsFile.toString() }), "kafka-main");
        broker.start();

        awaitAnswer(port);
        System.out.println("KAFKA READY PLAINTEXT://127.0.0.1:" + port);
        System.out.flush();
        broker.join();
    }

    private static Properties serverProperties(int port, int controllerPort, Path dataDir) {
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort),
                Map.entry("log.dirs", dataDir.resolve("logs").toString()),
                // One broker: every internal topic has one replica.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("default.replication.factor", "1"),
                // One partition per internal topic instead of 50: the first consumer group joins in well under a
                // second and the broker keeps a few files open instead of hundreds.
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("share.coordinator.state.topic.num.partitions", "1"),
                Map.entry("num.partitions", "1"),
                Map.entry("auto.create.topics.enable", "true"),
                // A service's consumers get their partitions at once instead of after 3 s.
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // A local fleet: a week of data at most, in segments small enough to be deleted.
                Map.entry("log.retention.hours", "168"),
                Map.entry("log.segment.bytes", String.valueOf(64 * 1024 * 1024))));
        return props;
    }

    /** Formats the log directory on the first start; the data and its cluster id persist after that. */
    private static void format(Path propsFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {
                    "format", "--standalone",
                    "-t", Uuid.randomUuid().toString(),
                    "-c", propsFile.toString() }, out);
        }
        System.out.print(output.toString(StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("formatting the Kafka storage failed with status " + status);
        }
    }

    /** Returns once the broker answers a client's request, so READY means a producer can connect now. */
    private static void awaitAnswer(int port) throws IOException, InterruptedException {
        awaitListening(port);
        String bootstrap = "127.0.0.1:" + port;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            admin.describeCluster().nodes().get();
        }
        catch (ExecutionException ex) {
            throw new IOException("the broker at " + bootstrap + " did not answer", ex.getCause());
        }
    }

    /** Waits for the listener to accept, so that the admin client does not log a warning per refused attempt. */
    private static void awaitListening(int port) throws InterruptedException {
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                return;
            }
            catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
    }
}
