# Reads a Prometheus text exposition and prints one line per metric family:
#   name <TAB> type <TAB> help <TAB> label names (sorted, comma-separated, without application/env/instance/le) <TAB> service
# Used by ./myriad metrics-catalog; `service` is passed with -v.
/^# HELP / {
    name = $3
    help = substr($0, length("# HELP " name) + 2)
    gsub(/\|/, "\\|", help)
    gsub(/^[ \t]+|[ \t]+$/, "", help)
    helps[name] = help
    next
}
/^# TYPE / { types[$3] = $4; order[++n] = $3; next }
/^#/ { next }
/^[a-zA-Z_]/ {
    sample = $0
    metric = sample
    sub(/[{ ].*/, "", metric)
    family = metric
    if (!(family in types)) {
        family = metric
        sub(/_(bucket|count|sum)$/, "", family)
    }
    if (!(family in types)) next
    rest = sample
    while (match(rest, /[a-zA-Z_][a-zA-Z0-9_]*="/)) {
        label = substr(rest, RSTART, RLENGTH - 2)
        rest = substr(rest, RSTART + RLENGTH)
        # skip the value, with its escaped quotes
        while (match(rest, /^([^"\\]|\\.)*"/)) { rest = substr(rest, RLENGTH + 1); break }
        if (label != "application" && label != "env" && label != "instance" && label != "le")
            labels[family, label] = 1
    }
}
END {
    for (i = 1; i <= n; i++) {
        family = order[i]
        list = ""
        count = 0
        delete names
        for (key in labels) {
            split(key, parts, SUBSEP)
            if (parts[1] == family) names[++count] = parts[2]
        }
        # insertion sort: awk has no portable sort
        for (a = 2; a <= count; a++) { v = names[a]; b = a - 1; while (b > 0 && names[b] > v) { names[b + 1] = names[b]; b-- } names[b + 1] = v }
        for (a = 1; a <= count; a++) list = list (a > 1 ? ", " : "") names[a]
        printf "%s\t%s\t%s\t%s\t%s\n", family, types[family], helps[family], list, service
    }
}
