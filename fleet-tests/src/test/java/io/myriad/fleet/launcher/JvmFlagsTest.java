package io.myriad.fleet.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.myriad.fleet.FleetPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each JVM's flags come from the argfiles under {@code deploy/jvm}, which images and manifests read too: the launcher
 * only chooses which files a process gets, for the JDK's version and the JIT mode, and passes them as
 * {@code java @file}.
 */
class JvmFlagsTest {

    private static final String ARGS = Bash.ROOT.resolve("deploy/jvm") + "/";

    @Test
    void aServiceOnTheQueryPathGetsTheCommonFlagsTheJdksAndItsMemoryButKeepsC2() {
        assertThat(argfiles("orchestrator", 25, "c1")).containsExactly(ARGS + "common.args", ARGS + "jdk22.args",
                ARGS + "jdk25.args", ARGS + "orchestrator.args");
    }

    @Test
    void theOtherServicesStopAtC1UnlessTheJitIsFull() {
        assertThat(argfiles("agents", 21, "c1")).containsExactly(ARGS + "common.args", ARGS + "c1.args",
                ARGS + "agents.args");
        assertThat(argfiles("agents", 21, "full")).containsExactly(ARGS + "common.args", ARGS + "agents.args");
    }

    @Test
    void theInfrastructureAlwaysGetsTheFullJit() {
        for (String name : List.of("kafka", "neo4j", "zipkin")) {
            assertThat(argfiles(name, 22, "c1")).as(name).containsExactly(ARGS + "common.args", ARGS + "jdk22.args",
                    ARGS + name + ".args");
        }
    }

    @Test
    void aJvmWithoutAnArgfileIsNotStarted() {
        // when
        Bash.Result result = Bash.run("JAVA_MAJOR=25; jvm_argfiles nobody; echo unreachable");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no JVM flags for nobody: deploy/jvm/nobody.args is missing");
        assertThat(result.out()).doesNotContain("unreachable");
    }

    @Test
    void theCommandLineIsJavaWithTheArgfilesTheStartupCacheTheClasspathAndTheMainClass(@TempDir Path state)
            throws Exception {
        // given: an extracted jar as prepare leaves it
        Files.createDirectories(state.resolve("app/agents"));
        Files.writeString(state.resolve("app/agents/main-class"), "io.myriad.agents.AgentsApplication\n");

        // when
        Bash.Result result = Bash.run(Map.of("MYRIAD_STATE", state.toString()), """
                JAVA_HOME=/opt/jdk JAVA_MAJOR=25 MYRIAD_STARTUP_CACHE=cds
                jvm_command agents --spring.main.banner-mode=off
                """);

        // then
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.lines()).containsExactly("/opt/jdk/bin/java", "@" + ARGS + "common.args",
                "@" + ARGS + "jdk22.args", "@" + ARGS + "jdk25.args", "@" + ARGS + "c1.args",
                "@" + ARGS + "agents.args", "-XX:SharedArchiveFile=" + state + "/cds/agents.jsa",
                "-XX:+AutoCreateSharedArchive", "@" + state + "/app/agents/classpath.args",
                "io.myriad.agents.AgentsApplication", "--spring.main.banner-mode=off");
    }

    @Test
    void everyJvmsArgfilesAreAcceptedByTheJdkThatRunsTheseTests() throws Exception {
        int major = Runtime.version().feature();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String name : allJvms()) {
            // given
            List<String> command = new ArrayList<>(List.of(java));
            argfiles(name, major, "c1").forEach((file) -> command.add("@" + file));
            command.add("-version");

            // when
            Bash.Result result = Bash.exec(Map.of(), command);

            // then
            assertThat(result.exitCode()).as(name + ": " + result).isZero();
            assertThat(result.err()).as(name).contains("version");
        }
    }

    @Test
    void eachServiceNamesTheContainerLimitThatLoadChecksItsMemoryAgainst() {
        // when
        Bash.Result result = Bash.run("""
                for s in "${SERVICES[@]}"; do echo "$s $(memory_limit_mb "$s")"; done
                (memory_limit_mb kafka) || echo "kafka none"
                """);

        // then
        assertThat(result.lines()).containsExactly("orchestrator 512", "agents 256", "input-processor 256",
                "output-processor 256", "reminder-service 256", "graphdb-manager 512", "kafka none");
        assertThat(result.err()).contains("no '# memory-limit-mb:' line in deploy/jvm/kafka.args");
    }

    @Test
    void anUnknownJitModeIsRefusedBeforeAnyCommandRuns() {
        // when
        Bash.Result result = Bash.myriad(Map.of("MYRIAD_JIT", "c3"), "status");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("MYRIAD_JIT must be c1 or full, not c3");
    }

    private static List<String> allJvms() {
        List<String> names = new ArrayList<>(List.of("kafka", "neo4j", "zipkin"));
        names.addAll(FleetPorts.SERVICES);
        return names;
    }

    private static List<String> argfiles(String name, int javaMajor, String jit) {
        Bash.Result result = Bash.run(Map.of("MYRIAD_JIT", jit), "JAVA_MAJOR=" + javaMajor + "; jvm_argfiles " + name);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.lines();
    }
}
