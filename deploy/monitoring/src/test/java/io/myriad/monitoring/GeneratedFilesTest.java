package io.myriad.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in alert rules and dashboards are exactly what {@link MonitoringGenerator} writes from
 * deploy/monitoring. With {@code -Dmonitoring.write=true} it writes them instead (and then passes).
 */
class GeneratedFilesTest {

    static final Path ROOT = root();

    @Test
    void theCheckedInRulesAndDashboardsAreWhatTheGeneratorWrites() throws IOException {
        Map<String, String> generated = new MonitoringGenerator(ROOT).generate();
        if (Boolean.getBoolean("monitoring.write")) {
            for (Map.Entry<String, String> file : generated.entrySet()) {
                Files.writeString(ROOT.resolve(file.getKey()), file.getValue());
            }
        }

        List<String> drift = new ArrayList<>();
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Path path = ROOT.resolve(file.getKey());
            if (!Files.exists(path)) {
                drift.add(file.getKey() + " is missing");
            }
            else {
                String difference = firstDifference(Files.readString(path), file.getValue());
                if (difference != null) {
                    drift.add(file.getKey() + " differs from what the generator writes, " + difference);
                }
            }
        }
        try (Stream<Path> files = Files.list(ROOT.resolve(MonitoringGenerator.DASHBOARDS_OUT))) {
            files.filter(f -> f.toString().endsWith(".json"))
                    .map(f -> MonitoringGenerator.DASHBOARDS_OUT + "/" + f.getFileName())
                    .filter(f -> !generated.containsKey(f))
                    .forEach(f -> drift.add(f + " has no source in deploy/monitoring/dashboards"));
        }

        assertThat(drift).as("generated files edited by hand or not regenerated: edit the sources in "
                + "deploy/monitoring, then run " + MonitoringGenerator.WRITE_COMMAND).isEmpty();
    }

    @Test
    void reportsTheFirstLineThatDiffers() {
        assertThat(firstDifference("a\nb\nc\n", "a\nb\nc\n")).isNull();
        assertThat(firstDifference("a\nb\nc\n", "a\nB\nc\n"))
                .isEqualTo("first at line 2:\n  checked in: b\n  generated:  B");
        assertThat(firstDifference("a\n", "a\nb\n")).isEqualTo("first at line 2:\n  checked in: <end of file>\n"
                + "  generated:  b");
    }

    /** Where two texts first differ, or null when they are equal. */
    static String firstDifference(String checkedIn, String generated) {
        if (checkedIn.equals(generated)) {
            return null;
        }
        List<String> a = checkedIn.lines().toList();
        List<String> b = generated.lines().toList();
        int line = 0;
        while (line < a.size() && line < b.size() && a.get(line).equals(b.get(line))) {
            line++;
        }
        return "first at line " + (line + 1) + ":\n  checked in: " + (line < a.size() ? a.get(line) : "<end of file>")
                + "\n  generated:  " + (line < b.size() ? b.get(line) : "<end of file>");
    }

    private static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (with mvnw) above " + System.getProperty("user.dir"));
        }
        return dir;
    }
}
