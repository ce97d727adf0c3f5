package io.myriad.local.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * A real Neo4j with the Bolt connector, in a JVM of its own, so that services and tests speak to it over
 * Bolt exactly as to a remote one. It runs apart from Kafka because their Scala, Jackson and Jetty
 * versions clash on one classpath.
 *
 * <p>Usage: {@code java -jar myriad-local-neo4j-exec.jar <bolt-port> <home-directory>}. Prints
 * {@code NEO4J READY bolt://127.0.0.1:<port>} on stdout once Bolt accepts connections, and shuts the
 * database down cleanly on SIGTERM or SIGINT.
 *
 * <p>With {@code -Dmyriad.parent-pid=<pid>} it also shuts down when that process ends, however it ends:
 * a test JVM killed with SIGKILL runs no shutdown hook that could stop us.
 */
public final class Neo4jServer {

    private Neo4jServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Neo4jServer <bolt-port> <home-directory>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(home);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Local and test use only: loopback-bound and never reachable from another machine.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Small graph, small machine: the default page cache would take half the free memory.
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(
                        Long.getLong("myriad.neo4j.pagecache-mb", 64)))
                // Bolt waits a 5 s quiet period per Netty event loop group by default: every stop took 13 s.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));
        exitWhenParentEnds();

        // A first query proves the default database is online before we say so.
        dbms.database("neo4j").executeTransactionally("RETURN 1");
        System.out.println("NEO4J READY bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }

    private static void exitWhenParentEnds() {
        Long parentPid = Long.getLong("myriad.parent-pid");
        if (parentPid == null) {
            return;
        }
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> {
                    System.out.println("NEO4J parent process " + parentPid + " ended, shutting down");
                    System.exit(0);
                }),
                () -> System.exit(0));
    }
}
