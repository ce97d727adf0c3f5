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
 * base unit and {@code _seconds} itself, and one style keeps names greppable from a dashboard back to the code.
 *
 * <p>A source scan, and only that: it reads the first argument of every meter builder ({@code Counter.builder(...)}
 * and its siblings) in every module's {@code src/main}, when that argument is a string literal or a constant declared
 * with a literal in the same file. It does not see a name passed to a builder through a parameter (the
 * reminder-service's {@code DeliveryMetrics.counter(name, channel)} helper), a name from configuration
 * ({@code myriad.observability.web.operations.name}), a registry shorthand such as {@code registry.counter("...")}
 * (none in the tree today) or an Observation's name. What Prometheus finally shows is checked by scraping the
 * services, e.g. {@code ReminderServiceApplicationIT}.
 */
class MeterNameStyleTest {

    /** A meter builder's first argument: a literal (group 2) or a constant's name (group 3). */
    private static final Pattern BUILDER = Pattern.compile("\\b(Counter|FunctionCounter|Timer|FunctionTimer|Gauge|"
            + "TimeGauge|MultiGauge|DistributionSummary|LongTaskTimer)\\.builder\\(\\s*"
            + "(?:\"([^\"]*)\"|([A-Z][A-Z0-9_]*)\\b)");

    @Test
    void namesEveryMeterInMicrometersDottedForm() throws IOException {
        List<String> names = new ArrayList<>();
        List<String> snakeCase = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (Path source : mainSources(repositoryRoot())) {
            String code = Files.readString(source);
            Matcher builder = BUILDER.matcher(code);
            while (builder.find()) {
                String name = (builder.group(2) != null) ? builder.group(2) : constant(code, builder.group(3));
                if (name == null) {
                    unread.add(builder.group(3) + " in " + source);
                    continue;
                }
                names.add(name);
                if (name.contains("_")) {
                    snakeCase.add(name + " in " + source);
                }
            }
        }

        assertThat(names).as("meter names found, so the scan reached every module")
                .contains("orchestrator.queries", "reminders.scheduled", "graphdb.concepts", "agents.active",
                        "myriad.kafka.dead.letters");
        assertThat(unread).as("builders named by a constant this scan cannot read; declare it with a literal in the "
                + "same file").isEmpty();
        assertThat(snakeCase).as("meter names with an underscore; write them dotted, Prometheus adds the _").isEmpty();
    }

    /** The literal a constant of this file is declared with, or null. */
    private static String constant(String code, String identifier) {
        Matcher declaration = Pattern.compile("\\bString\\s+" + identifier + "\\s*=\\s*\"([^\"]*)\"").matcher(code);
        return declaration.find() ? declaration.group(1) : null;
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
