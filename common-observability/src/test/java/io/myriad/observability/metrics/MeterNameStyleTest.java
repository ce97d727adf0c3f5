package io.myriad.observability.metrics;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every meter the fleet's code names is named in Micrometer's dotted form ({@code reminders.scheduled}), never in
 * Prometheus's ({@code reminders_scheduled}): the registry derives the exposition name, adding {@code _total}, the
 * base unit and {@code _seconds} itself, and one style keeps names greppable from a dashboard back to the code. Reads
 * the literal names given to a meter builder in every module's {@code src/main}.
 */
class MeterNameStyleTest {

    private static final Pattern BUILDER = Pattern.compile(
            "\\b(Counter|Timer|Gauge|DistributionSummary|LongTaskTimer)\\.builder\\(\\s*\"([^\"]*)\"");

    @Test
    void namesEveryMeterInMicrometersDottedForm() throws IOException {
        List<String> names = new ArrayList<>();
        List<String> snakeCase = new ArrayList<>();
        for (Path source : mainSources(repositoryRoot())) {
            Matcher builder = BUILDER.matcher(Files.readString(source));
            while (builder.find()) {
                String name = builder.group(2);
                names.add(name);
                if (name.contains("_")) {
                    snakeCase.add(name + " in " + source);
                }
            }
        }

        assertThat(names).as("meter names found, so the scan reached every module")
                .contains("orchestrator.queries", "reminders.scheduled", "graphdb.concepts", "agents.active");
        assertThat(snakeCase).as("meter names with an underscore; write them dotted, Prometheus adds the _").isEmpty();
    }

    private static Path repositoryRoot() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>common-observability</module>")) {
                return dir;
            }
        }
        throw new IllegalStateException("no parent pom with the common-observability module above "
                + Path.of("").toAbsolutePath());
    }

    private static List<Path> mainSources(Path root) throws IOException {
        List<Path> sources = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName().toString();
                boolean skipped = !dir.equals(root)
                        && (name.startsWith(".") || name.equals("target") || name.equals("node_modules"));
                return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String path = root.relativize(file).toString().replace('\\', '/');
                if (path.endsWith(".java") && path.contains("/src/main/")) {
                    sources.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return sources;
    }
}
