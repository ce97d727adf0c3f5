package io.myriad.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static io.myriad.monitoring.GeneratedFilesTest.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The rules the generator applies, on the real sources and on a copy of them with one thing wrong. */
class MonitoringGeneratorTest {

    private static final String NEW_ALERT = """

                  - alert: SomethingNew
                    expr: up{%(jobSelector)s} == 2
                    labels:
                      severity: warning
                      team: platform
                    annotations:
                      summary: "something new"
            """;

    @Test
    @SuppressWarnings("unchecked")
    void givesEveryAlertItsRunbookAndTheDashboardOfThePanelThatListsIt() {
        String alerts = new MonitoringGenerator(ROOT).generate().get(MonitoringGenerator.ALERTS_OUT);

        Map<String, Object> rules = new Yaml().load(alerts);
        List<Map<String, Object>> alerting = ((List<Map<String, Object>>) rules.get("groups")).stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                .filter(rule -> rule.containsKey("alert")).toList();
        assertThat(alerting).hasSize(19);
        for (Map<String, Object> rule : alerting) {
            Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
            assertThat(annotations).as(rule.get("alert") + " annotations").containsKeys("summary", "description")
                    .containsEntry("runbook_url", "docs/runbooks/" + rule.get("alert") + ".md");
            assertThat(annotations.get("dashboard_url").toString()).matches("/d/myriad-[a-z]+");
        }
        assertThat(alerting).filteredOn(rule -> rule.get("alert").equals("AgentQueueFull"))
                .allSatisfy(rule -> assertThat((Map<String, Object>) rule.get("annotations"))
                        .containsEntry("dashboard_url", "/d/myriad-pipeline"));
        assertThat(alerting).filteredOn(rule -> rule.get("alert").equals("KafkaDeadLetters"))
                .allSatisfy(rule -> assertThat((Map<String, Object>) rule.get("annotations"))
                        .containsEntry("dashboard_url", "/d/myriad-infrastructure"));
    }

    @Test
    void fillsSelectorsAndThresholdsFromConfig() {
        Map<String, String> files = new MonitoringGenerator(ROOT).generate();

        assertThat(files.get(MonitoringGenerator.ALERTS_OUT))
                .contains("expr: up{job=\"myriad\"} == 0")
                .contains("application:orchestrator_queries_failed:ratio_rate1h > (14.4 * 0.005)")
                .contains("instance:agents_queue_utilization:ratio > 0.9")
                .doesNotContain("%(");
        assertThat(files.get(MonitoringGenerator.DASHBOARDS_OUT + "/pipeline.json"))
                .contains("\"expr\": \"instance:agents_queue_utilization:ratio{env=~\\\"$env\\\", "
                        + "application=~\\\"$application\\\", instance=~\\\"$instance\\\"}\"")
                .doesNotContain("%(");
    }

    @Test
    void failsWhenAnAlertHasNoRunbook(@TempDir Path root) throws IOException {
        copySources(root);
        append(root.resolve("deploy/monitoring/alerts.yml"), NEW_ALERT);

        assertThatIllegalStateException().isThrownBy(() -> new MonitoringGenerator(root).generate())
                .withMessage("Alert SomethingNew has no runbook: write docs/runbooks/SomethingNew.md");
    }

    @Test
    void failsWhenNoPanelListsAnAlert(@TempDir Path root) throws IOException {
        copySources(root);
        append(root.resolve("deploy/monitoring/alerts.yml"), NEW_ALERT);
        Files.writeString(root.resolve("docs/runbooks/SomethingNew.md"), "# SomethingNew\n");

        assertThatIllegalStateException().isThrownBy(() -> new MonitoringGenerator(root).generate())
                .withMessageStartingWith("Alert SomethingNew is listed under `alerts:` by no dashboard panel");
    }

    @Test
    void failsWhenAnAlertTypesItsOwnLinks(@TempDir Path root) throws IOException {
        copySources(root);
        Path alerts = root.resolve("deploy/monitoring/alerts.yml");
        Files.writeString(alerts, Files.readString(alerts).replaceFirst("(?m)^(\\s+)summary: ",
                "$1runbook_url: docs/runbooks/ServiceDown.md\n$1summary: "));

        assertThatIllegalStateException().isThrownBy(() -> new MonitoringGenerator(root).generate())
                .withMessageContaining("must not type runbook_url or dashboard_url");
    }

    @Test
    void failsWhenAPanelReadsASeriesNoRuleRecords(@TempDir Path root) throws IOException {
        copySources(root);
        Path pipeline = root.resolve("deploy/monitoring/dashboards/pipeline.yml");
        Files.writeString(pipeline, Files.readString(pipeline).replace("instance:agents_queue_utilization:ratio",
                "instance:agents_queue_utilisation:ratio"));

        assertThatIllegalStateException().isThrownBy(() -> new MonitoringGenerator(root).generate())
                .withMessage("myriad-pipeline / Agent queue fill (% of capacity): "
                        + "instance:agents_queue_utilisation:ratio is not recorded by any rule of "
                        + "deploy/prometheus/rules/recording.yml");
    }

    @Test
    void failsOnAPlaceholderConfigDoesNotDefine(@TempDir Path root) throws IOException {
        copySources(root);
        Path overview = root.resolve("deploy/monitoring/dashboards/overview.yml");
        Files.writeString(overview, Files.readString(overview).replaceFirst("\\{%\\(selector\\)s", "{%(selectr)s"));

        assertThatIllegalStateException().isThrownBy(() -> new MonitoringGenerator(root).generate())
                .withMessageEndingWith("%(selectr)s is neither a selector nor a threshold of config.yml");
    }

    private static void copySources(Path root) throws IOException {
        for (String dir : List.of("deploy/monitoring/dashboards", "docs/runbooks")) {
            Files.createDirectories(root.resolve(dir));
            try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
                for (Path file : files.toList()) {
                    Files.copy(file, root.resolve(dir).resolve(file.getFileName()));
                }
            }
        }
        Files.createDirectories(root.resolve("deploy/prometheus/rules"));
        for (String file : List.of("deploy/monitoring/config.yml", "deploy/monitoring/alerts.yml",
                MonitoringGenerator.RECORDING_RULES)) {
            Files.copy(ROOT.resolve(file), root.resolve(file));
        }
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, Files.readString(file).stripTrailing() + "\n" + text);
    }
}
