package io.myriad.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * Writes the fleet's alert rules and Grafana dashboards from one source, the way the monitoring mixins do.
 * <p>
 * Sources, in {@code deploy/monitoring}: {@code config.yml} (selectors, thresholds, link bases, what every dashboard
 * and panel type shares), {@code alerts.yml} (the alert rules without the link annotations) and
 * {@code dashboards/*.yml}. In alerts and panel queries, {@code %(name)s} is replaced by the selector or threshold of
 * that name. Outputs: {@code deploy/prometheus/rules/alerts.yml} with {@code runbook_url} and {@code dashboard_url}
 * added to every alert by rule, and {@code deploy/grafana/dashboards/<name>.json}.
 * <p>
 * A dashboard file has {@code uid}, {@code title}, {@code description}, {@code tags} and {@code rows}; a row has a
 * {@code title}, its grid row {@code y} and {@code panels}. A panel has {@code title}, {@code type} (timeseries unless
 * said), {@code description}, {@code grid: [x, y, w, h]}, {@code targets} (each an {@code expr} and a {@code legend};
 * refIds are A, B, ... in order) and optionally {@code unit}, {@code min}, {@code max}, {@code decimals},
 * {@code thresholds} ({@code [base colour, colour@value, ...]}; a timeseries with more than the base draws them as
 * lines), {@code stacking}, {@code mappings}, {@code fieldDefaults} and {@code options} (merged over the panel type's
 * defaults), {@code link} (the uid of a dashboard to drill down to) and {@code alerts} (the alerts the panel shows,
 * which gives each alert its {@code dashboard_url}).
 */
public final class MonitoringGenerator {

    static final String SOURCES = "deploy/monitoring";

    static final String ALERTS_OUT = "deploy/prometheus/rules/alerts.yml";

    static final String RECORDING_RULES = "deploy/prometheus/rules/recording.yml";

    static final String DASHBOARDS_OUT = "deploy/grafana/dashboards";

    static final String WRITE_COMMAND = "./mvnw -B -ntp -o -q -pl deploy/monitoring test -Dmonitoring.write=true";

    private static final Pattern PLACEHOLDER = Pattern.compile("%\\((\\w+)\\)s");

    private static final Pattern RECORDED = Pattern.compile("\\b([a-z_]+:[a-z0-9_]+:[a-z0-9_]+)\\b");

    private static final Pattern ALERT = Pattern.compile("^\\s*- alert:\\s*(\\S+)\\s*$");

    private static final Pattern ANNOTATIONS = Pattern.compile("^(\\s*)annotations:\\s*$");

    private static final Set<String> PANEL_KEYS = Set.of("title", "type", "description", "grid", "alerts", "link",
            "unit", "min", "max", "decimals", "thresholds", "stacking", "mappings", "fieldDefaults", "options",
            "targets");

    private static final Map<String, Object> DATASOURCE = ordered("type", "prometheus", "uid", "${datasource}");

    private static final String LINK_VARIABLES = "?${__url_time_range}&${env:queryparam}&${application:queryparam}";

    private final Path root;

    private final Map<String, Object> config;

    private final Map<String, String> values = new LinkedHashMap<>();

    /** @param root the repository root */
    public MonitoringGenerator(Path root) {
        this.root = root;
        this.config = map(yaml(read(root.resolve(SOURCES).resolve("config.yml"))), "config.yml");
        map(this.config.get("selectors"), "selectors").forEach((name, value) -> this.values.put(name, str(value)));
        map(this.config.get("thresholds"), "thresholds").forEach((name, value) -> this.values.put(name, str(value)));
    }

    /** Regenerates into the repository whose root is the first argument (default: the working directory). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        for (Map.Entry<String, String> file : new MonitoringGenerator(root).generate().entrySet()) {
            Files.writeString(root.resolve(file.getKey()), file.getValue());
        }
    }

    /** Every generated file: its path from the repository root, and its content. */
    public Map<String, String> generate() {
        Map<String, Map<String, Object>> boards = new TreeMap<>();
        for (Path file : dashboardSources()) {
            boards.put(file.getFileName().toString().replaceFirst("\\.yml$", ""),
                    map(yaml(read(file)), file.getFileName().toString()));
        }
        Map<String, String> dashboardOfAlert = new TreeMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        Set<String> recorded = recordedSeries();
        for (Map.Entry<String, Map<String, Object>> board : boards.entrySet()) {
            Map<String, Object> dashboard = dashboard(board.getValue(), boards, recorded, dashboardOfAlert);
            files.put(DASHBOARDS_OUT + "/" + board.getKey() + ".json", Json.write(dashboard));
        }
        files.put(ALERTS_OUT, alerts(dashboardOfAlert));
        return files;
    }

    // --------------------------------------------------------------------------------------------------- alerts

    private String alerts(Map<String, String> dashboardOfAlert) {
        String source = substitute(read(this.root.resolve(SOURCES).resolve("alerts.yml")), "alerts.yml");
        Map<String, Object> links = map(this.config.get("links"), "links");
        List<String> out = new ArrayList<>();
        out.add("# Generated by MonitoringGenerator from deploy/monitoring (alerts.yml, config.yml, dashboards/): edit");
        out.add("# there, then run " + WRITE_COMMAND);
        String alert = null;
        String annotationsIndent = null;
        Set<String> linked = new TreeSet<>();
        List<String> lines = new ArrayList<>(source.lines().toList());
        lines.add("");
        for (String line : lines) {
            if (annotationsIndent != null && (line.isBlank() || indent(line) <= annotationsIndent.length())) {
                String inner = annotationsIndent + "  ";
                out.add(inner + "runbook_url: " + runbook(alert, str(links.get("runbooks"))));
                String uid = dashboardOfAlert.get(alert);
                if (uid == null) {
                    throw new IllegalStateException("Alert " + alert + " is listed under `alerts:` by no dashboard"
                            + " panel: list it on the panel that shows it, which gives it its dashboard_url");
                }
                out.add(inner + "dashboard_url: " + str(links.get("dashboards")) + uid);
                linked.add(alert);
                annotationsIndent = null;
                alert = null;
            }
            Matcher a = ALERT.matcher(line);
            if (a.matches()) {
                if (alert != null) {
                    throw new IllegalStateException("Alert " + alert + " has no annotations (summary, description)");
                }
                alert = a.group(1);
            }
            Matcher n = ANNOTATIONS.matcher(line);
            if (n.matches() && alert != null) {
                annotationsIndent = n.group(1);
            }
            if (line.contains("runbook_url:") || line.contains("dashboard_url:")) {
                throw new IllegalStateException("alerts.yml must not type runbook_url or dashboard_url (added by"
                        + " rule): " + line.strip());
            }
            out.add(line);
        }
        if (alert != null) {
            throw new IllegalStateException("Alert " + alert + " has no annotations (summary, description)");
        }
        Set<String> unknown = new TreeSet<>(dashboardOfAlert.keySet());
        unknown.removeAll(linked);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Panels list alerts that alerts.yml does not define: " + unknown);
        }
        while (out.getLast().isEmpty()) {
            out.removeLast();
        }
        return String.join("\n", out) + "\n";
    }

    private String runbook(String alert, String base) {
        String path = base + alert + ".md";
        if (!Files.isRegularFile(this.root.resolve(path))) {
            throw new IllegalStateException("Alert " + alert + " has no runbook: write " + path);
        }
        return path;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    // ----------------------------------------------------------------------------------------------- dashboards

    private Map<String, Object> dashboard(Map<String, Object> source, Map<String, Map<String, Object>> boards,
            Set<String> recorded, Map<String, String> dashboardOfAlert) {
        String uid = str(source.get("uid"));
        Map<String, Object> common = map(this.config.get("dashboard"), "dashboard");
        Map<String, Object> board = new LinkedHashMap<>();
        board.put("uid", uid);
        board.put("title", source.get("title"));
        board.put("description", source.get("description"));
        board.put("tags", source.get("tags"));
        board.putAll(map(copy(common.get("settings")), "dashboard.settings"));
        board.put("annotations", ordered("list", List.of(ordered("name", "Firing alerts", "datasource", DATASOURCE,
                "enable", true, "hide", false, "iconColor", "red",
                "expr", substitute(str(common.get("alertsAnnotation")), "dashboard.alertsAnnotation"),
                "step", "60s", "titleFormat", "{{alertname}} ({{severity}})", "textFormat",
                "{{application}} team={{team}}", "tagKeys", "alertname,severity,team,application",
                "useValueForTime", false))));
        board.put("links", List.of(ordered("title", "Myriad dashboards", "type", "dashboards", "tags", List.of("myriad"),
                "asDropdown", true, "includeVars", true, "keepTime", true, "targetBlank", false,
                "icon", "external link", "tooltip", "", "url", "")));
        List<Object> variables = new ArrayList<>();
        variables.add(ordered("name", "datasource", "label", "Data source", "type", "datasource", "query",
                "prometheus", "regex", "", "hide", 0, "includeAll", false, "multi", false, "refresh", 1,
                "current", ordered("selected", false, "text", "Prometheus", "value", "prometheus"),
                "options", List.of()));
        for (Object v : list(common.get("variables"), "dashboard.variables")) {
            Map<String, Object> variable = map(v, "variable");
            String query = "label_values(" + str(variable.get("from")) + ", " + str(variable.get("name")) + ")";
            variables.add(ordered("name", variable.get("name"), "label", variable.get("label"), "type", "query",
                    "datasource", DATASOURCE, "query", query, "definition", query, "refresh", 2, "sort", 1,
                    "regex", "", "includeAll", true, "allValue", ".*", "multi", true, "hide", 0,
                    "current", ordered("selected", true, "text", List.of("All"), "value", List.of("$__all")),
                    "options", List.of()));
        }
        board.put("templating", ordered("list", variables));

        List<Object> panels = new ArrayList<>();
        int id = 1;
        for (Object r : list(source.get("rows"), uid + " rows")) {
            Map<String, Object> row = map(r, uid + " row");
            panels.add(ordered("id", id++, "type", "row", "title", row.get("title"), "collapsed", false,
                    "gridPos", ordered("h", 1, "w", 24, "x", 0, "y", row.get("y")), "panels", List.of()));
            for (Object p : list(row.get("panels"), uid + " panels")) {
                Map<String, Object> spec = map(p, uid + " panel");
                panels.add(panel(id++, uid, spec, boards, recorded));
                for (Object alert : list(spec.getOrDefault("alerts", List.of()), "alerts")) {
                    String previous = dashboardOfAlert.put(str(alert), uid);
                    if (previous != null && !previous.equals(uid)) {
                        throw new IllegalStateException("Alert " + alert + " is listed on panels of two dashboards, "
                                + previous + " and " + uid + ": its dashboard_url must be one");
                    }
                }
            }
        }
        board.put("panels", panels);
        return board;
    }

    private Map<String, Object> panel(int id, String uid, Map<String, Object> spec,
            Map<String, Map<String, Object>> boards, Set<String> recorded) {
        String title = str(spec.get("title"));
        String where = uid + " / " + title;
        Set<String> unknownKeys = new TreeSet<>(spec.keySet());
        unknownKeys.removeAll(PANEL_KEYS);
        if (!unknownKeys.isEmpty()) {
            throw new IllegalStateException(where + ": unknown keys " + unknownKeys);
        }
        String type = str(spec.getOrDefault("type", "timeseries"));
        Map<String, Object> typeDefaults = map(map(this.config.get("panelTypes"), "panelTypes").get(type),
                "panelTypes." + type);
        Map<String, Object> base = map(copy(typeDefaults.get("fieldDefaults")), "fieldDefaults of " + type);

        List<Object> steps = new ArrayList<>();
        List<Object> thresholds = list(spec.getOrDefault("thresholds", List.of("green")), where + " thresholds");
        for (int i = 0; i < thresholds.size(); i++) {
            String[] step = str(thresholds.get(i)).split("@", 2);
            if ((i == 0) != (step.length == 1)) {
                throw new IllegalStateException(where + ": thresholds are a base colour, then colour@value ...");
            }
            steps.add(ordered("color", step[0], "value",
                    step.length == 1 ? null : number(substitute(step[1], where))));
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("color", base.remove("color"));
        Object mappings = base.remove("mappings");
        defaults.put("mappings", spec.getOrDefault("mappings", mappings));
        defaults.put("thresholds", ordered("mode", "absolute", "steps", steps));
        for (String key : List.of("unit", "min", "max", "decimals")) {
            if (spec.containsKey(key)) {
                defaults.put(key, spec.get(key));
            }
        }
        if (base.get("custom") instanceof Map<?, ?>) {
            Map<String, Object> custom = map(base.remove("custom"), "custom");
            if (spec.containsKey("stacking")) {
                map(custom.get("stacking"), "stacking").put("mode", spec.get("stacking"));
            }
            if (steps.size() > 1) {
                map(custom.get("thresholdsStyle"), "thresholdsStyle").put("mode", "line");
            }
            defaults.put("custom", custom);
        }
        defaults.putAll(base);
        merge(defaults, map(spec.getOrDefault("fieldDefaults", Map.of()), where + " fieldDefaults"));
        Map<String, Object> options = map(copy(typeDefaults.get("options")), "options of " + type);
        merge(options, map(spec.getOrDefault("options", Map.of()), where + " options"));

        List<Object> targets = new ArrayList<>();
        List<Object> specTargets = list(spec.get("targets"), where + " targets");
        if (specTargets.isEmpty()) {
            throw new IllegalStateException(where + ": no targets");
        }
        for (int i = 0; i < specTargets.size(); i++) {
            Map<String, Object> target = map(specTargets.get(i), where + " target");
            String expr = substitute(str(target.get("expr")), where);
            Matcher series = RECORDED.matcher(expr);
            while (series.find()) {
                if (!recorded.contains(series.group(1))) {
                    throw new IllegalStateException(where + ": " + series.group(1) + " is not recorded by any rule"
                            + " of " + RECORDING_RULES);
                }
            }
            targets.add(ordered("datasource", DATASOURCE, "editorMode", "code", "expr", expr,
                    "legendFormat", str(target.get("legend")), "range", true, "refId", String.valueOf((char) ('A' + i))));
        }

        List<Object> grid = list(spec.get("grid"), where + " grid");
        Map<String, Object> panel = new LinkedHashMap<>();
        panel.put("id", id);
        panel.put("type", type);
        panel.put("title", title);
        panel.put("description", spec.get("description"));
        panel.put("datasource", DATASOURCE);
        panel.put("gridPos", ordered("h", grid.get(3), "w", grid.get(2), "x", grid.get(0), "y", grid.get(1)));
        panel.put("fieldConfig", ordered("defaults", defaults, "overrides", List.of()));
        panel.put("options", options);
        panel.put("targets", targets);
        if (spec.containsKey("link")) {
            String target = str(spec.get("link"));
            Map<String, Object> linked = boards.values().stream().filter(b -> target.equals(b.get("uid")))
                    .findFirst().orElseThrow(() -> new IllegalStateException(where + ": no dashboard " + target));
            String linkedTitle = str(linked.get("title"));
            String dashboards = str(map(this.config.get("links"), "links").get("dashboards"));
            panel.put("links", List.of(ordered("title", linkedTitle.substring(linkedTitle.lastIndexOf(" / ") + 3),
                    "url", dashboards + target + LINK_VARIABLES, "targetBlank", false)));
        }
        return panel;
    }

    private Set<String> recordedSeries() {
        Set<String> names = new TreeSet<>();
        Map<String, Object> rules = map(yaml(read(this.root.resolve(RECORDING_RULES))), RECORDING_RULES);
        for (Object group : list(rules.get("groups"), "groups")) {
            for (Object rule : list(map(group, "group").get("rules"), "rules")) {
                Object record = map(rule, "rule").get("record");
                if (record != null) {
                    names.add(str(record));
                }
            }
        }
        return names;
    }

    private List<Path> dashboardSources() {
        try (Stream<Path> files = Files.list(this.root.resolve(SOURCES).resolve("dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private String substitute(String text, String where) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = this.values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException(where + ": %(" + m.group(1) + ")s is neither a selector nor a"
                        + " threshold of config.yml");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Number number(String text) {
        return text.matches("-?\\d+") ? (Number) Long.valueOf(text) : (Number) Double.valueOf(text);
    }

    /** Puts every entry of {@code over} into {@code into}, maps merged key by key, anything else replaced. */
    private static void merge(Map<String, Object> into, Map<String, Object> over) {
        over.forEach((key, value) -> {
            if (value instanceof Map<?, ?> && into.get(key) instanceof Map<?, ?>) {
                merge(map(into.get(key), key), map(value, key));
            }
            else {
                into.put(key, copy(value));
            }
        });
    }

    private static Object copy(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (node instanceof List<?> l) {
            return new ArrayList<>(l.stream().map(MonitoringGenerator::copy).toList());
        }
        return node;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?>)) {
            throw new IllegalStateException(what + " is not a mapping: " + node);
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node, String what) {
        if (!(node instanceof List<?>)) {
            throw new IllegalStateException(what + " is not a list: " + node);
        }
        return (List<Object>) node;
    }

    private static String str(Object value) {
        return String.valueOf(value);
    }

    private static Object yaml(String text) {
        return new Yaml().load(text);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
