# shellcheck shell=bash
# What the running fleet is: .myriad/fleet.json and the Prometheus targets that up writes, its table, ./myriad status
# and ./myriad down.

write_facts() {
  local name started_at=$1 ready_seconds=$2 sep
  {
    echo "{"
    echo "  \"started_at\": $(json_str "$started_at"),"
    echo "  \"ready_seconds\": $ready_seconds,"
    echo "  \"supervisor_pid\": $$,"
    echo "  \"services\": ["
    sep=","
    for name in "${SERVICES[@]}"; do
      [[ $name == "${SERVICES[-1]}" ]] && sep=""
      echo "    {\"name\": \"$name\", \"port\": ${PORT[$name]}, \"url\": \"http://127.0.0.1:${PORT[$name]}\"," \
           "\"management_url\": \"http://127.0.0.1:${MGMT[$name]}/actuator\"," \
           "\"readiness_url\": \"http://127.0.0.1:${MGMT[$name]}/actuator/health/readiness\"," \
           "\"prometheus_url\": \"http://127.0.0.1:${MGMT[$name]}/actuator/prometheus\"," \
           "\"log\": $(json_str "$LOGS/$name.log"), \"pid\": ${PID[$name]}}$sep"
    done
    echo "  ],"
    echo "  \"infrastructure\": {"
    echo "    \"kafka\": {\"bootstrap_servers\": \"127.0.0.1:$KAFKA_PORT\", \"controller\": \"127.0.0.1:$KAFKA_CONTROLLER_PORT\", \"data\": $(json_str "$DATA/kafka"), \"log\": $(json_str "$LOGS/kafka.log"), \"pid\": ${PID[kafka]}},"
    echo "    \"neo4j\": {\"uri\": \"bolt://127.0.0.1:$NEO4J_PORT\", \"data\": $(json_str "$DATA/neo4j"), \"log\": $(json_str "$LOGS/neo4j.log"), \"pid\": ${PID[neo4j]}},"
    echo "    \"redis\": {\"host\": \"127.0.0.1\", \"port\": $REDIS_PORT, \"data\": $(json_str "$DATA/redis"), \"log\": $(json_str "$LOGS/redis.log"), \"pid\": ${PID[redis]}},"
    echo "    \"zipkin\": {\"url\": \"http://127.0.0.1:$ZIPKIN_PORT\", \"log\": $(json_str "$LOGS/zipkin.log"), \"pid\": ${PID[zipkin]}}"
    echo "  },"
    echo "  \"zipkin\": {\"url\": \"http://127.0.0.1:$ZIPKIN_PORT\", \"spans_endpoint\": \"http://127.0.0.1:$ZIPKIN_PORT/api/v2/spans\", \"traces_api\": \"http://127.0.0.1:$ZIPKIN_PORT/api/v2/traces\"}${MONITORING:+,}"
    [[ -z ${MONITORING:-} ]] ||
      echo "  \"monitoring\": {\"prometheus_url\": \"http://127.0.0.1:$PROMETHEUS_PORT\", \"alertmanager_url\": \"http://127.0.0.1:$ALERTMANAGER_PORT\", \"prometheus_pid\": ${PID[prometheus]}, \"alertmanager_pid\": ${PID[alertmanager]}}"
    echo "}"
  } >"$STATE/fleet.json.tmp" && mv "$STATE/fleet.json.tmp" "$STATE/fleet.json"
  {
    echo "["
    sep=","
    for name in "${SERVICES[@]}"; do
      [[ $name == "${SERVICES[-1]}" ]] && sep=""
      echo "  {\"targets\": [\"127.0.0.1:${MGMT[$name]}\"], \"labels\": {\"application\": \"$name\", \"env\": \"local\", \"__metrics_path__\": \"/actuator/prometheus\"}}$sep"
    done
    echo "]"
  } >"$STATE/prometheus-targets.json"
}

print_table() {
  local name
  echo
  printf '  %-18s %-24s %-32s %s\n' SERVICE URL MANAGEMENT LOG
  for name in "${SERVICES[@]}"; do
    printf '  %-18s %-24s %-32s %s\n' "$name" "http://127.0.0.1:${PORT[$name]}" \
      "http://127.0.0.1:${MGMT[$name]}/actuator" "$(rel "$LOGS")/$name.log"
  done
  echo
  printf '  %-18s %s\n' "zipkin (traces)" "http://127.0.0.1:$ZIPKIN_PORT" \
    kafka "127.0.0.1:$KAFKA_PORT (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT)" \
    neo4j "bolt://127.0.0.1:$NEO4J_PORT" redis "127.0.0.1:$REDIS_PORT" \
    ${MONITORING:+prometheus "http://127.0.0.1:$PROMETHEUS_PORT (rules: deploy/prometheus/rules)"} \
    ${MONITORING:+alertmanager "http://127.0.0.1:$ALERTMANAGER_PORT"} \
    "data, logs" "$(rel "$DATA")/, $(rel "$LOGS")/" \
    facts "$(rel "$STATE")/fleet.json, $(rel "$STATE")/prometheus-targets.json"
  echo
}

# LEFT: the processes that an earlier ./myriad up started and that still run, services first (PIDs in PID[]).
find_leftovers() {
  local name pid
  LEFT=()
  for name in "${SERVICES[@]}" kafka neo4j redis zipkin prometheus alertmanager; do
    pid=$(cat "$PIDS/$name.pid" 2>/dev/null) || continue
    if ours "$pid"; then PID[$name]=$pid LEFT+=("$name"); else rm -f "$PIDS/$name.pid"; fi
  done
}

down() {
  local sup deadline
  sup=$(supervisor_pid)
  if [[ -n $sup ]]; then
    say "stopping the fleet of ./myriad up (pid $sup)"
    kill -TERM "$sup"
    deadline=$(( $(date +%s) + 180 ))
    while kill -0 "$sup" 2>/dev/null && (( $(date +%s) < deadline )); do sleep 0.5; done
    kill -0 "$sup" 2>/dev/null || say "stopped"
  fi
  # Whatever is left (the supervisor was killed, or is stuck): stop it from the recorded PIDs.
  find_leftovers
  if (( ${#LEFT[@]} )); then
    say "stopping ${LEFT[*]}"
    stop_fleet 150 "${LEFT[@]}"
    rm -f "$STATE/fleet.json" "$STATE/myriad.pid"
    say "stopped"
  elif [[ -z $sup ]]; then
    say "no fleet is running"
  fi
}

# How often the supervisor has started a process again since ./myriad up (.myriad/restarts/<name>: count, last exit
# status, when).
restarts() { local count=0; read -r count _ 2>/dev/null <"$STATE/restarts/$1"; echo "${count:-0}"; }

status() {
  local facts="$STATE/fleet.json" line name url pid state rss
  [[ -f $facts ]] || { say "no fleet is running (no $(rel "$facts"))"; return 1; }
  echo "fleet of $(sed -n 's/.*"started_at": "\(.*\)".*/\1/p' "$facts"), supervisor pid $(sed -n 's/.*"supervisor_pid": \([0-9]*\).*/\1/p' "$facts")"
  printf '  %-18s %-8s %-8s %8s %8s  %s\n' NAME STATE PID RSS RESTARTS CHECK
  # fleet.json holds one service per line; the infrastructure is probed on its ports.
  while IFS= read -r line; do
    name=$(sed -n 's/.*"name": "\([^"]*\)".*/\1/p' <<<"$line")
    url=$(sed -n 's/.*"readiness_url": "\([^"]*\)".*/\1/p' <<<"$line")
    pid=$(sed -n 's/.*"pid": \([0-9]*\).*/\1/p' <<<"$line")
    state=$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$url")
    case $state in 200) state=UP ;; 503) state=DOWN ;; *) state="NO-ANSWER" ;; esac
    rss=$(ps -o rss= -p "$pid" 2>/dev/null | awk '{printf "%d MB", $1/1024}')
    printf '  %-18s %-8s %-8s %8s %8s  %s\n' "$name" "$state" "$pid" "${rss:-gone}" "$(restarts "$name")" "$url"
  done < <(grep '"readiness_url"' "$facts")
  for name in kafka neo4j redis zipkin; do
    line=$(grep "^    \"$name\":" "$facts")
    pid=$(sed -n 's/.*"pid": \([0-9]*\).*/\1/p' <<<"$line")
    case $name in kafka) url=$KAFKA_PORT ;; neo4j) url=$NEO4J_PORT ;; redis) url=$REDIS_PORT ;; zipkin) url=$ZIPKIN_PORT ;; esac
    if listening "$url"; then state=LISTEN; else state=CLOSED; fi
    rss=$(ps -o rss= -p "$pid" 2>/dev/null | awk '{printf "%d MB", $1/1024}')
    printf '  %-18s %-8s %-8s %8s %8s  %s\n' "$name" "$state" "$pid" "${rss:-gone}" "$(restarts "$name")" "127.0.0.1:$url"
  done
  for name in prometheus alertmanager; do
    pid=$(sed -n "s/.*\"${name}_pid\": \([0-9]*\).*/\1/p" "$facts")
    [[ -n $pid ]] || continue
    case $name in prometheus) url=$PROMETHEUS_PORT ;; alertmanager) url=$ALERTMANAGER_PORT ;; esac
    state=$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$url/-/ready")
    case $state in 200) state=UP ;; *) state="NO-ANSWER" ;; esac
    rss=$(ps -o rss= -p "$pid" 2>/dev/null | awk '{printf "%d MB", $1/1024}')
    printf '  %-18s %-8s %-8s %8s %8s  %s\n' "$name" "$state" "$pid" "${rss:-gone}" "$(restarts "$name")" "http://127.0.0.1:$url"
  done
}

