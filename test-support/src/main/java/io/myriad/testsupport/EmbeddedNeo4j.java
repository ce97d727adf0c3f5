package io.myriad.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Neo4j in a child JVM running the {@code io.myriad:myriad-local-neo4j} exec jar: org.neo4j:neo4j cannot share
 * a classpath with the Kafka broker (Scala, Jackson and Jetty clash), and services must speak Bolt to it
 * anyway.
 */
final class EmbeddedNeo4j implements AutoCloseable {

    static final String SERVER_JAR_PROPERTY = "myriad.neo4j.server-jar";

    // A resource only the exec jar holds. Asking the class loader rather than parsing java.class.path works
    // however the runner handed over the classpath (argument, manifest-only jar, IDE).
    private static final String SERVER_CLASS = "BOOT-INF/classes/io/myriad/local/neo4j/Neo4jServer.class";

    // Measured on a 2-core machine: 256 MB of heap suffices; C1 alone starts it in ~11 s instead of ~19 s.
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final ChildProcess process;
    private final Path home;
    private final Neo4jServer server;

    private EmbeddedNeo4j(ChildProcess process, Path home, Neo4jServer server) {
        this.process = process;
        this.home = home;
        this.server = server;
    }

    /** Starts Neo4j in a child JVM that ends when the process {@code parentPid} does. */
    static EmbeddedNeo4j start(long parentPid) throws IOException {
        Path jar = serverJar();
        Path home = Files.createTempDirectory(ChildProcess.workDirectory(), "neo4j-");
        int port = ChildProcess.freeLoopbackPort();
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(JVM_OPTIONS);
        command.add("-Dmyriad.parent-pid=" + parentPid);
        command.addAll(List.of("-jar", jar.toString(), String.valueOf(port), home.toString()));
        ChildProcess process = ChildProcess.start("neo4j", command, Path.of(home + ".log"),
                "NEO4J READY", Duration.ofSeconds(180));
        Neo4jServer server = new Neo4jServer(URI.create("bolt://127.0.0.1:" + port), Mode.EMBEDDED);
        return new EmbeddedNeo4j(process, home, server);
    }

    Neo4jServer server() {
        return server;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
        ChildProcess.deleteRecursively(home);
    }

    static Path serverJar() {
        String explicit = System.getProperty(SERVER_JAR_PROPERTY);
        if (explicit != null) {
            Path jar = Path.of(explicit);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("-D" + SERVER_JAR_PROPERTY + "=" + explicit + " is not a file");
            }
            return jar;
        }
        URL resource = EmbeddedNeo4j.class.getClassLoader().getResource(SERVER_CLASS);
        if (resource != null && "jar".equals(resource.getProtocol())) {
            String file = resource.getPath();
            try {
                return Path.of(new URI(file.substring(0, file.indexOf("!/"))));
            }
            catch (URISyntaxException ex) {
                throw new IllegalStateException("Unexpected location of the Neo4j server jar: " + resource, ex);
            }
        }
        throw new IllegalStateException("""
                The Neo4j server jar (io.myriad:myriad-local-neo4j, classifier exec) is not on the test classpath.
                Depend on io.myriad:test-support and build with the module in the reactor
                (./mvnw -pl <module> -am verify), or install it once with
                ./mvnw -pl deploy/local/neo4j -am install -DskipTests,
                or point -D%s at the jar.""".formatted(SERVER_JAR_PROPERTY));
    }
}
