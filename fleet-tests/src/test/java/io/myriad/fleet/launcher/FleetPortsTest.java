package io.myriad.fleet.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.myriad.fleet.FleetPorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet's ports have one source, contracts' {@code myriad-fleet.properties}: the launcher reads it (with an
 * environment override), every service imports it, and the Prometheus configurations that name a port agree with it.
 */
class FleetPortsTest {

    @Test
    void theLauncherReadsEachServicesPortsFromThePropertiesFile() {
        // when
        Bash.Result result = Bash.run("""
                load_ports
                for s in "${SERVICES[@]}"; do echo "$s ${PORT[$s]} ${MGMT[$s]}"; done
                echo "infra $KAFKA_PORT $KAFKA_CONTROLLER_PORT $NEO4J_PORT $REDIS_PORT $ZIPKIN_PORT $PROMETHEUS_PORT $ALERTMANAGER_PORT"
                """);

        // then
        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> expected = new ArrayList<>();
        FleetPorts.SERVICES.forEach((s) -> expected.add(s + " " + FleetPorts.port(s) + " " + FleetPorts.managementPort(s)));
        expected.add("infra " + FleetPorts.port("kafka") + " " + FleetPorts.port("kafka", "controller-port") + " "
                + FleetPorts.port("neo4j") + " " + FleetPorts.port("redis") + " " + FleetPorts.port("zipkin") + " "
                + FleetPorts.port("prometheus") + " " + FleetPorts.port("alertmanager"));
        assertThat(result.lines()).containsExactlyElementsOf(expected);
    }

    @Test
    void anEnvironmentVariableNamedAsSpringsRelaxedBindingReadsItOverridesAPort() {
        // when
        Bash.Result result = Bash.run(Map.of("MYRIAD_FLEET_REMINDER_SERVICE_PORT", "6105",
                "MYRIAD_FLEET_REMINDER_SERVICE_MANAGEMENT_PORT", "6205", "MYRIAD_FLEET_KAFKA_CONTROLLER_PORT", "6093"),
                """
                load_ports
                echo "${PORT[reminder-service]} ${MGMT[reminder-service]} $KAFKA_CONTROLLER_PORT $KAFKA_PORT ${PORT[agents]}"
                """);

        // then
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out().strip()).isEqualTo("6105 6205 6093 " + FleetPorts.port("kafka") + " "
                + FleetPorts.port("agents"));
    }

    @Test
    void aPortThatIsMissingOrNotANumberStopsTheCommandNamingTheKey() {
        // when
        Bash.Result unknown = Bash.run("fleet_port nobody; echo unreachable");
        Bash.Result notANumber = Bash.run(Map.of("MYRIAD_FLEET_AGENTS_PORT", "50o1"), "load_ports; echo unreachable");

        // then
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.out()).doesNotContain("unreachable");
        assertThat(unknown.err()).contains("no port for myriad.fleet.nobody.port");
        assertThat(notANumber.exitCode()).isEqualTo(1);
        assertThat(notANumber.out()).doesNotContain("unreachable");
        assertThat(notANumber.err()).contains("myriad.fleet.agents.port", "MYRIAD_FLEET_AGENTS_PORT=50o1");
    }

    @Test
    void everyServiceImportsThePropertiesFileAndTypesNoPortOfItsOwn() throws IOException {
        for (String service : FleetPorts.SERVICES) {
            // given
            String yaml = Files.readString(Bash.ROOT.resolve(service + "/src/main/resources/application.yml"));

            // then
            assertThat(yaml).as(service).contains("import: classpath:myriad-fleet.properties")
                    .contains("port: ${myriad.fleet." + service + ".port}")
                    .contains("port: ${myriad.fleet." + service + ".management-port}");
            assertThat(Pattern.compile("(?m)^\\s*port: \\d+").matcher(yaml).find()).as(service + " types a port")
                    .isFalse();
            assertThat(Pattern.compile("localhost:\\d+").matcher(yaml).find()).as(service + " types a port in a URL")
                    .isFalse();
        }
    }

    @Test
    void thePrometheusConfigurationsNameTheFleetsPorts() throws IOException {
        // given
        String local = Files.readString(Bash.ROOT.resolve("deploy/prometheus/prometheus-local.yml"));
        String compose = Files.readString(Bash.ROOT.resolve("deploy/prometheus/prometheus-compose.yml"));

        // then: the local Alertmanager, the only port the local configuration names (the scrape targets are the
        // file ./myriad up writes)
        assertThat(hostPorts(local)).containsExactly("127.0.0.1:" + FleetPorts.port("alertmanager"));
        // and each service's management port in Compose, where a service is reached by its name
        List<String> composeTargets = hostPorts(compose).stream().filter((t) -> !t.startsWith("alertmanager:")).toList();
        assertThat(composeTargets).containsExactlyInAnyOrderElementsOf(
                FleetPorts.SERVICES.stream().map((s) -> s + ":" + FleetPorts.managementPort(s)).toList());
    }

    private static List<String> hostPorts(String yaml) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile("[\"']?([a-z0-9.-]+:\\d{2,5})[\"']?").matcher(yaml.replaceAll("(?m)#.*$", ""));
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
