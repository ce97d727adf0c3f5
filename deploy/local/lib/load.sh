# shellcheck shell=bash
# Using the running fleet: ./myriad ask, load and remind-load.

local_zone() {
  local zone=${TZ:-}
  [[ -n $zone ]] || zone=$(cat /etc/timezone 2>/dev/null)
  [[ -n $zone ]] || zone=$(readlink /etc/localtime 2>/dev/null | sed -n 's|.*/zoneinfo/||p')
  echo "${zone:-UTC}"
}

ask() {
  local format=text question="" response code body user=${MYRIAD_USER:-$(id -un)} bearer
  while (( $# )); do
    case $1 in
      --user) user=${2:-}; shift 2 || die "--user needs a user id" ;;
      --format) format=${2:-}; shift 2 || die "--format needs text, markdown or json" ;;
      --format=*) format=${1#--format=}; shift ;;
      -*) die "unknown option for ask: $1 (see ./myriad help)" ;;
      *) question+="${question:+ }$1"; shift ;;
    esac
  done
  [[ -n $question ]] || die 'ask needs a question: ./myriad ask "What is a lightbulb and what does it do?"'
  command -v jq >/dev/null || die "jq is needed to write the question and read the answer: apt-get install jq"
  # The user is the token's subject: the orchestrator takes it from nowhere else.
  bearer=$(token "$user" --ttl 300) || exit 1
  response=$(jq -n --arg text "$question" --arg format "$format" --arg zone "$(local_zone)" \
               '{text: $text, format: $format, zone: $zone}' |
             curl -s -m 30 -w '\n%{http_code}' -H 'Content-Type: application/json' -H "Authorization: Bearer $bearer" \
               --data-binary @- \
               "$ORCHESTRATOR_URL/api/v1/queries")
  code=${response##*$'\n'} body=${response%$'\n'*}
  [[ $code != 000 ]] || die "the orchestrator does not answer at $ORCHESTRATOR_URL: is the fleet up (./myriad up)?"
  if [[ $code != 200 ]]; then
    jq -r '"myriad: \(.status // "'"$code"'") \(.title // "error"): \(.detail // "")"' <<<"$body" >&2 2>/dev/null ||
      echo "myriad: HTTP $code: $body" >&2
    return 1
  fi
  jq -r '.answer' <<<"$body"
  echo
  jq -r '"status: \(.status)  intent: \(.intent | ascii_downcase)  \(.durationMs) ms",
         (.agents[]? | "  \(.agentId): \(.intent) of \(.concept), \(.status), confidence \(.confidence)"),
         "query: \(.queryId)",
         "trace: \(.traceId)  '"http://127.0.0.1:$ZIPKIN_PORT"'/zipkin/traces/\(.traceId)"' <<<"$body"
}

load() {
  local duration=30s connections=8 warmup=10s name pid rss limit
  while (( $# )); do
    case $1 in
      --duration) duration=${2:-}; shift 2 || die "--duration needs a value such as 30s" ;;
      --connections) connections=${2:-}; shift 2 || die "--connections needs a number" ;;
      --warmup) warmup=${2:-}; shift 2 || die "--warmup needs a value such as 10s, or 0" ;;
      *) die "unknown option for load: $1 (see ./myriad help)" ;;
    esac
  done
  command -v wrk >/dev/null || die "wrk is needed for the load: apt-get install wrk"
  [[ -f $STATE/fleet.json ]] || die "no fleet is running (no $(rel "$STATE/fleet.json")): ./myriad up first"
  is_ready orchestrator ||
    die "the orchestrator is not ready at $ORCHESTRATOR_URL: is the fleet up (./myriad up)?"
  local threads=$(( connections < 2 ? 1 : 2 ))
  # load.lua takes these users in turn, one per question: ~300 questions/s over 64 users is ~5/s each, far under the
  # per-user rate limit (20/s, docs/security.md), so the run measures the fleet and not the limiter. Long enough for
  # any run (the local key, local users).
  local -x MYRIAD_TOKENS=""
  local user_token i
  for i in $(seq 1 64); do
    user_token=$(token "load-$i" --ttl 86400) || exit 1
    MYRIAD_TOKENS+="${MYRIAD_TOKENS:+,}$user_token"
  done
  if [[ $warmup != 0 ]]; then
    say "warming up for $warmup ($connections connections), not counted"
    wrk -t"$threads" -c"$connections" -d"$warmup" -s "$ROOT/deploy/local/load.lua" "$ORCHESTRATOR_URL" >/dev/null
  fi
  # Tracing stays at 100 %, but a span the exporter could not hand to Zipkin in time is dropped, which also spares
  # the service the work of sending it: the run reports those drops, so that a figure is never bought with them.
  # An exporter logs its drops at its next export, up to a second later: wait that long at both ends of the run.
  local -A before=()
  sleep 2
  for name in "${SERVICES[@]}"; do before[$name]=$(stat -c %s "$LOGS/$name.log" 2>/dev/null || echo 0); done
  say "load: $duration, $connections connections, $threads wrk threads, the question mix of deploy/local/load.lua"
  wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s -s "$ROOT/deploy/local/load.lua" "$ORCHESTRATOR_URL" |
    sed -n '/^myriad-load/,$p' | sed 's/^myriad-load //'
  local dropped=0 failed=0 d f
  sleep 2
  for name in "${SERVICES[@]}"; do
    # Spans the exporter's full queue dropped, and batches Zipkin refused or did not answer for (lost too, and
    # logged differently), in what the service logged during the run.
    read -r d f < <(tail -c +"$(( before[$name] + 1 ))" "$LOGS/$name.log" 2>/dev/null | awk '
      match($0, /BatchSpanProcessor dropped [0-9]+/) { split(substr($0, RSTART, RLENGTH), w, " "); d += w[3] }
      /Failed to export spans/ { f++ }
      END { print d + 0, f + 0 }')
    dropped=$(( dropped + d )) failed=$(( failed + f ))
  done
  if ! is_ready zipkin; then
    echo "tracing: Zipkin is not answering at http://127.0.0.1:$ZIPKIN_PORT; spans are lost and the figures above do not count"
  elif (( dropped > 0 || failed > 0 )); then
    echo "tracing: $dropped spans dropped by the services' exporters (queue full) and $failed batches Zipkin did not take: not every trace is whole"
  else
    echo "tracing: 100% sampled, no span dropped by the exporters"
  fi
  echo "resident memory after the load (the seed's container limit):"
  for name in "${SERVICES[@]}"; do
    pid=$(cat "$PIDS/$name.pid" 2>/dev/null)
    rss=$(ps -o rss= -p "$pid" 2>/dev/null | awk '{printf "%d", $1/1024}')
    if [[ -z $rss ]]; then
      printf '  %-18s gone\n' "$name"
    else
      limit=$(memory_limit_mb "$name") || exit 1
      printf '  %-18s %4d MB of %d%s\n' "$name" "$rss" "$limit" "$( (( rss > limit )) && echo '  OVER THE LIMIT')"
    fi
  done
}

# ./myriad remind-load: many reminders falling due within one minute, delivered in-app to inboxes (no connection
# is open), then each delivery's lag from its due time read back from the inboxes: the claim loop, the in-app
# channel and Redis under a burst, measured where the user sees it.
remind_load() {
  local count=500 users=10 spread=60 lead=30 run now base i u due created=0 failed=0 tokens=() wait_until
  while (( $# )); do
    case $1 in
      --count) count=${2:-}; shift 2 || die "--count needs a number" ;;
      --users) users=${2:-}; shift 2 || die "--users needs a number" ;;
      --spread) spread=${2:-}; shift 2 || die "--spread needs seconds (0-60)" ;;
      *) die "unknown option for remind-load: $1 (see ./myriad help)" ;;
    esac
  done
  [[ $count =~ ^[0-9]+$ && $users =~ ^[0-9]+$ ]] && (( count > 0 && users > 0 )) || die "--count and --users need numbers above 0"
  [[ $spread =~ ^[0-9]+$ ]] && (( spread <= 60 )) || die "--spread needs seconds from 0 (all due at once) to 60"
  command -v jq >/dev/null || die "jq is needed: apt-get install jq"
  is_ready reminder-service ||
    die "the reminder-service is not ready at http://127.0.0.1:${PORT[reminder-service]}: is the fleet up (./myriad up)?"
  run=$(date +%s)
  for (( u = 0; u < users; u++ )); do tokens+=("$(token "load-$run-$u" --ttl 900)") || exit 1; done
  now=$(date +%s)
  base=$(( (now + lead + 59) / 60 * 60 )) # the first whole minute at least $lead s away, for the creating to finish
  say "remind-load: $count reminders for $users users, due within $spread s from $(date -u -d "@$base" +%H:%M:%S) UTC"
  local requests; requests=$(mktemp)
  for (( i = 0; i < count; i++ )); do
    due=$(date -u -d "@$(( base + i * spread / count ))" +%Y-%m-%dT%H:%M:%S)
    printf '%s {"message":"load reminder %d","dueAt":"%s","zone":"UTC"}\n' "${tokens[i % users]}" "$i" "$due"
  done >"$requests"
  local started; started=$(now)
  # One line per reminder: the token, a space, the JSON body; four at a time.
  created=$(xargs -d '\n' -n 1 -P 4 sh -c 'curl -s -o /dev/null -w "%{http_code}\n" -m 10 \
      -H "Authorization: Bearer ${1%% *}" -H "Content-Type: application/json" -d "${1#* }" "$0"' \
      "http://127.0.0.1:${PORT[reminder-service]}/api/v1/reminders" <"$requests" | grep -c '^201$')
  rm -f "$requests"
  say "created $created of $count in $(elapsed "$started") s"
  (( created == count )) || die "only $created of $count reminders were accepted; the service's log says why"
  (( $(date +%s) < base )) || die "creating took past the due minute; try fewer reminders (--count)"
  wait_until=$(( base + 60 + 30 ))
  say "waiting for the minute to pass and the deliveries to arrive (until $(date -u -d "@$wait_until" +%H:%M:%S) at most)"
  local all; all=$(mktemp)
  while :; do
    sleep 5
    : >"$all"
    for (( u = 0; u < users; u++ )); do
      curl -sf -m 10 -H "Authorization: Bearer ${tokens[u]}" "http://127.0.0.1:${PORT[reminder-service]}/api/v1/inbox" >>"$all" || true
    done
    local got; got=$(jq -s 'map(length) | add // 0' "$all")
    (( $(date +%s) > base + 60 && got >= count )) && break
    (( $(date +%s) > wait_until )) && { say "gave up waiting: $got of $count delivered"; break; }
  done
  jq -rs --argjson count "$count" '
    def t: (.[0:19] + "Z" | fromdate) + ((.[19:] | capture("^[.](?<f>[0-9]+)") | ("0." + .f | tonumber)) // 0);
    def pct(p): (length * p | ceil) as $i | .[if $i > 0 then $i - 1 else 0 end];
    add as $all | ($all | map(.deliveryId) | unique | length) as $distinct |
    ($all | map((.sentAt | t) - (.dueAt | t)) | sort) as $lag |
    "delivered: \($all | length) of \($count) (\($distinct) distinct, \(($all | length) - $distinct) twice, \($count - $distinct) missing, \($all | map(select(.late)) | length) late)",
    "lag from due time to delivery: p50 \($lag | pct(0.5) * 1000 | round) ms, p95 \($lag | pct(0.95) * 1000 | round) ms, p99 \($lag | pct(0.99) * 1000 | round) ms, max \($lag | last * 1000 | round) ms"' "$all"
  rm -f "$all"
}

