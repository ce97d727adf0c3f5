# shellcheck shell=bash
# ./myriad metrics-catalog: docs/metrics.md, written from the running services.

# ./myriad metrics-catalog: the catalog of every metric the fleet exposes (docs/metrics.md), read from the running
# services after a fixed round of traffic that takes every code path an operator's metrics come from. Written, not
# hand-kept; the fleet tests run it again and fail when the checked-in catalog is stale.
catalog_traffic() {
  local token due question
  for question in "What is a lightbulb and what does it do?" "How is a lightbulb related to electricity?" \
                  "Compare a lightbulb and a candle" "What is a flurbometer?" "remind me to check the catalog in 1 minute"; do
    ask "$question" >/dev/null 2>&1 || true
  done
  token=$(token catalog) || exit 1
  curl -s -o /dev/null -m 10 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"text":""}' \
    "$ORCHESTRATOR_URL/api/v1/queries"
  local name
  # Every service's HTTP server metrics, even where only probes call it otherwise (a 401 where a token is needed
  # is counted all the same).
  for name in "${SERVICES[@]}"; do
    curl -s -o /dev/null -m 10 "http://127.0.0.1:${PORT[$name]}/"
  done
  # A graph write with a user's token (no graph:write, not even the graph's audience): refused, but the
  # graphdb-manager's token check runs and is counted, whether or not neurogenesis happened to call it yet.
  curl -s -o /dev/null -m 10 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '[]' \
    "http://127.0.0.1:${PORT[graphdb-manager]}/api/v1/concepts"
  local api="http://127.0.0.1:${PORT[reminder-service]}/api/v1" auth=(-H "Authorization: Bearer $token")
  local id
  id=$(curl -s -m 10 "${auth[@]}" -H 'Content-Type: application/json' -d '{"title":"catalog"}' "$api/tasks" | jq -r .id)
  curl -s -o /dev/null -m 10 "${auth[@]}" "$api/tasks"
  curl -s -o /dev/null -m 10 "${auth[@]}" "$api/tasks/$id"
  curl -s -o /dev/null -m 10 "${auth[@]}" -X PUT -H 'Content-Type: application/json' -d '{"title":"catalog 2"}' "$api/tasks/$id"
  curl -s -o /dev/null -m 10 "${auth[@]}" -X POST "$api/tasks/$id/complete"
  curl -s -o /dev/null -m 10 "${auth[@]}" -X DELETE "$api/tasks/$id"
  curl -s -o /dev/null -m 10 "${auth[@]}" "$api/tasks/$id"
  curl -s -o /dev/null -m 10 "${auth[@]}" -H 'Content-Type: application/json' -d '{"title":""}' "$api/tasks"
  curl -s -o /dev/null -m 10 "$api/tasks"
  due=$(date -u -d '+2 seconds' +%Y-%m-%dT%H:%M:%S)
  # In-app to the inbox, and a webhook to a closed port: a delivery and a retried attempt, with an HTTP client call.
  curl -s -o /dev/null -m 10 "${auth[@]}" -H 'Content-Type: application/json' \
    -d "{\"message\":\"catalog\",\"dueAt\":\"$due\",\"zone\":\"UTC\",\"channels\":[{\"type\":\"in_app\"},{\"type\":\"webhook\",\"url\":\"http://127.0.0.1:9/catalog\"}]}" "$api/reminders"
  curl -s -o /dev/null -m 10 "${auth[@]}" "$api/reminders"
  curl -s -o /dev/null -m 10 "${auth[@]}" "$api/inbox"
}

# catalog_expected <catalog.md>: the "family<TAB>service" pairs a catalog lists, one a line, sorted.
catalog_expected() {
  [[ -f $1 ]] || return 0
  awk -F'|' '/^\| `/ {
      name = $2; gsub(/[ `]/, "", name)
      n = split($5, services, ",")
      for (i = 1; i <= n; i++) { s = services[i]; gsub(/ /, "", s); if (s != "") print name "\t" s }
    }' "$1" | sort -u
}

# catalog_scrape <file>: every service's metric families, as exposition-families.awk prints them, into the file.
# Fails naming the first service whose endpoint did not answer.
catalog_scrape() {
  local out=$1 name url
  : >"$out"
  for name in "${SERVICES[@]}"; do
    url="http://127.0.0.1:${MGMT[$name]}/actuator/prometheus"
    curl -sf -m 10 "$url" | awk -v service="$name" -f "$ROOT/deploy/local/exposition-families.awk" >>"$out"
    if (( PIPESTATUS[0] != 0 )); then echo "could not read $name's metrics at $url"; return 1; fi
  done
}

# catalog_wait <catalog.md> <timeout seconds> <file>: scrapes every service into the file until each family the catalog
# lists is exposed by each service it names, or fails after the timeout naming what is still missing. Micrometer binds
# a Kafka client's metrics as the client creates them (per topic, per node), checking once a minute, so those of the
# catalog's traffic appear up to a minute after it: the catalog must not depend on how long the fleet has run.
catalog_wait() {
  local expected=$1 timeout=$2 out=$3 t0 missing problem count
  [[ $timeout =~ ^[0-9]+$ ]] || die "the catalog's timeout needs seconds, not '$timeout'"
  t0=$(now)
  count=$(catalog_expected "$expected" | wc -l)
  say "waiting up to $timeout s until the services expose the $count (family, service) pairs of $(rel "$expected")"
  while :; do
    problem=$(catalog_scrape "$out")
    missing=$(comm -23 <(catalog_expected "$expected") <(cut -f1,5 "$out" | sort -u))
    if [[ -z $problem && -z $missing ]]; then
      say "every (family, service) pair of $(rel "$expected") is exposed after $(elapsed "$t0") s"
      return 0
    fi
    if (( $(seconds_since "$t0") >= timeout )); then
      [[ -z $problem ]] || echo "myriad: $problem" >&2
      [[ -z $missing ]] || {
        echo "myriad: after $timeout s, $(wc -l <<<"$missing") families of $(rel "$expected") are still not exposed (family, service):" >&2
        sed 's/^/  /; s/\t/ by /' <<<"$missing" >&2
      }
      die "the metrics catalog was not written: a family that is gone for good leaves the catalog with --expect naming a catalog without it; one that is slow to appear needs a longer --timeout"
    fi
    sleep 2
  done
}

metrics_catalog() {
  local output="$ROOT/docs/metrics.md" expect="$ROOT/docs/metrics.md" timeout=${MYRIAD_CATALOG_TIMEOUT:-90} tmp
  while (( $# )); do
    case $1 in
      --output) output=${2:-}; shift 2 || die "--output needs a file" ;;
      --expect) expect=${2:-}; shift 2 || die "--expect needs a catalog file" ;;
      --timeout) timeout=${2:-}; shift 2 || die "--timeout needs seconds" ;;
      *) die "unknown option for metrics-catalog: $1 (see ./myriad help)" ;;
    esac
  done
  command -v jq >/dev/null || die "jq is needed: apt-get install jq"
  [[ -n $(supervisor_pid) ]] || die "no fleet is running: ./myriad up first"
  say "driving the catalog's round of traffic"
  catalog_traffic
  tmp=$(mktemp)
  catalog_wait "$expect" "$timeout" "$tmp"
  {
    echo "# Metrics catalog"
    echo
    echo "Every metric family the fleet exposes on \`/actuator/prometheus\`, generated by \`./myriad metrics-catalog\` from"
    echo "the running services after a fixed round of traffic (deploy/local/lib/catalog.sh, \`catalog_traffic\`); do not edit"
    echo "by hand. The fleet tests regenerate it and fail when this file is stale. Every series also carries"
    echo "\`application\`, \`env\` and \`instance\`, left out of the labels column; histograms have \`_bucket\` (with \`le\`),"
    echo "\`_count\` and \`_sum\` series."
    echo
    echo "| metric | type | labels | services | help |"
    echo "|---|---|---|---|---|"
    sort -t $'\t' -k1,1 -k5,5 "$tmp" | awk -F'\t' '
      function flush() { if (name != "") printf "| `%s` | %s | %s | %s | %s |\n", name, type, labels, services, help }
      $1 != name { flush(); name = $1; type = $2; help = $3; labels = $4; services = $5; next }
      { if (index("," services ",", "," $5 ",") == 0) services = services ", " $5
        if (length($4) > length(labels)) labels = $4 }
      END { flush() }'
  } >"$output"
  rm -f "$tmp"
  say "wrote $(rel "$output") ($(grep -c '^| `' "$output") metric families)"
}

