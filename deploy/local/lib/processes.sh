# shellcheck shell=bash
# Starting, supervising and stopping the processes of the fleet: ./myriad up, stop <name>, start <name>.

declare -A PID
STARTED=() # in start order

# Starts a command in a session (and process group) of its own, so a terminal's Ctrl-C reaches only this script,
# which then stops everything in order; stdout and stderr go to the process's log files.
launch() {
  local name=$1; shift
  # A process started again (by the supervisor, ./myriad start) keeps its predecessor's last words, as
  # kubectl logs --previous does: the crash is in <name>.previous.log.
  [[ -s $LOGS/$name.log ]] && mv -f "$LOGS/$name.log" "$LOGS/$name.previous.log"
  [[ -s $LOGS/$name.stderr.log ]] && mv -f "$LOGS/$name.stderr.log" "$LOGS/$name.previous.stderr.log"
  setsid "$@" </dev/null >"$LOGS/$name.log" 2>"$LOGS/$name.stderr.log" &
  PID[$name]=$!
  [[ " ${STARTED[*]} " == *" $name "* ]] || STARTED+=("$name")
  echo "${PID[$name]}" >"$PIDS/$name.pid"
}

# Any process of the fleet by name.
start_process() {
  if [[ -v PORT[$1] ]]; then start_service "$1"; else start_infra_process "$1"; fi
}

# Every port binds loopback only: nothing of the local fleet is reachable from the network.
start_service() {
  local name=$1 env=(SERVER_PORT="${PORT[$1]}" MANAGEMENT_SERVER_PORT="${MGMT[$1]}" MYRIAD_OBSERVABILITY_ENV=local
    SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_ADDRESS=127.0.0.1
    MYRIAD_OBSERVABILITY_TRACING_ZIPKIN_ENDPOINT="http://127.0.0.1:$ZIPKIN_PORT/api/v2/spans"
    MYRIAD_GRAPHDB_URL="http://127.0.0.1:${PORT[graphdb-manager]}")
  [[ " ${NEEDS[$name]} " == *" kafka "* ]] && env+=(SPRING_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT")
  [[ " ${NEEDS[$name]} " == *" neo4j "* ]] && env+=(SPRING_NEO4J_URI="bolt://127.0.0.1:$NEO4J_PORT")
  [[ " ${NEEDS[$name]} " == *" redis "* ]] && env+=(SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$REDIS_PORT")
  [[ -v AUDIENCE[$name] ]] && env+=(MYRIAD_SECURITY_JWT_ISSUER="$ISSUER" MYRIAD_SECURITY_JWT_AUDIENCE="${AUDIENCE[$name]}"
    MYRIAD_SECURITY_JWT_PUBLIC_KEY_LOCATION="file:$KEYS/jwt.pub.pem")
  [[ $name == orchestrator ]] && env+=(MYRIAD_GRAPHDB_TOKEN_ISSUER="$SERVICE_ISSUER"
    MYRIAD_GRAPHDB_TOKEN_PRIVATE_KEY_LOCATION="file:$KEYS/service.key.pem")
  [[ $name == graphdb-manager ]] && env+=(MYRIAD_SECURITY_JWT_SERVICE_ISSUER="$SERVICE_ISSUER"
    MYRIAD_SECURITY_JWT_SERVICE_PUBLIC_KEY_LOCATION="file:$KEYS/service.pub.pem")
  [[ $name == reminder-service ]] && env+=(
    MYRIAD_REMINDERS_WEBHOOK_SECRET="${MYRIAD_REMINDERS_WEBHOOK_SECRET:-$(cat "$KEYS/webhook-secret")}"
    MYRIAD_REMINDERS_WEBHOOK_ALLOW_PRIVATE_ADDRESSES="${MYRIAD_REMINDERS_WEBHOOK_ALLOW_PRIVATE_ADDRESSES:-true}")
  local -x "${env[@]}"
  jvm "$name"
}

is_ready() {
  local name=$1
  case $name in
    kafka) grep -q '^KAFKA READY' "$LOGS/kafka.log" ;;
    neo4j) grep -q '^NEO4J READY' "$LOGS/neo4j.log" ;;
    redis) grep -q 'Ready to accept connections' "$LOGS/redis.log" ;;
    zipkin) curl -sf -m 2 -o /dev/null "http://127.0.0.1:$ZIPKIN_PORT/health" ;;
    prometheus) curl -sf -m 2 -o /dev/null "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" ;;
    alertmanager) curl -sf -m 2 -o /dev/null "http://127.0.0.1:$ALERTMANAGER_PORT/-/ready" ;;
    *) curl -sf -m 2 -o /dev/null "http://127.0.0.1:${MGMT[$name]}/actuator/health/readiness" ;;
  esac
}

# The last error a process logged, and where: the message of its last JSON ERROR line on stdout, else the last
# line of stdout or stderr that names an error (a JVM that cannot start, Kafka's or Redis's own log format).
last_error() {
  local name=$1 file line
  line=$(grep -h '"level":"ERROR"' "$LOGS/$name.log" 2>/dev/null | tail -1 |
         sed -E 's/.*"message":"(([^"\\]|\\.)*)".*/\1/')
  if [[ -n $line ]]; then echo "$LOGS/$name.log|${line:0:240}"; return; fi
  for file in "$LOGS/$name.stderr.log" "$LOGS/$name.log"; do
    line=$(grep -E 'ERROR|FATAL|Exception|Error:|# ' "$file" 2>/dev/null | grep -v '^[[:space:]]*at ' | tail -1)
    if [[ -n $line ]]; then echo "$file|${line:0:240}"; return; fi
  done
  echo "$LOGS/$name.log|"
}

fail() { # name, what happened
  local found cause
  found=$(last_error "$1") cause=${found#*|}
  echo "myriad: $1 $2${cause:+: $cause} (log: $(rel "${found%%|*}"))" >&2
  stop_all
  exit 1
}

# Stops services, then the infrastructure: SIGTERM, and SIGKILL for whatever still runs after the grace period.
# The infrastructure gets its SIGTERM once the services have closed their ports, not once they have exited: a JVM
# that recorded its startup cache spends a while writing it after that, and needs no broker for it.
stop_fleet() { # grace seconds, then names
  local grace=$1 name deadline alive services=() infra=(); shift
  for name; do if [[ -v PORT[$name] ]]; then services+=("$name"); else infra+=("$name"); fi; done
  deadline=$(( $(date +%s) + grace ))
  for name in "${services[@]}"; do kill -TERM -- "-${PID[$name]}"; done
  while serving "${services[@]}" && (( $(date +%s) < deadline )); do sleep 0.2; done
  for name in "${infra[@]}"; do kill -TERM -- "-${PID[$name]}"; done
  while :; do
    alive=()
    for name; do kill -0 -- "-${PID[$name]}" && alive+=("$name"); done
    (( ${#alive[@]} == 0 )) && break
    if (( $(date +%s) >= deadline )); then
      say "killing ${alive[*]} (still running ${grace} s after SIGTERM)"
      for name in "${alive[@]}"; do kill -KILL -- "-${PID[$name]}"; done
      break
    fi
    sleep 0.2
  done
  for name; do wait "${PID[$name]}"; rm -f "$PIDS/$name.pid"; done
} 2>/dev/null # no kill errors for what has gone already, no bash notice for each job it saw killed

# Whether any of these services still runs and listens on its port or its management port.
serving() {
  local name
  for name; do
    kill -0 "${PID[$name]}" 2>/dev/null || continue
    if listening "${PORT[$name]}" || listening "${MGMT[$name]}"; then return 0; fi
  done
  return 1
}

stop_all() {
  [[ -z ${STOPPED:-} ]] || return 0
  STOPPED=1
  trap '' INT TERM # a second Ctrl-C must not cut the clean-up short
  local grace=30
  # A JVM that recorded its startup cache writes it when it exits, which takes a while on a busy machine.
  if [[ ${TRAINING:-0} == 1 ]]; then
    grace=150
    say "stopping; the JVMs write their startup caches (once after each build), which takes a minute or so"
  fi
  (( ${#STARTED[@]} == 0 )) || stop_fleet "$grace" "${STARTED[@]}"
  rm -f "$STATE/fleet.json" "$STATE/myriad.pid"
  say "stopped (${#STARTED[@]} processes)"
}

ports_in_use() {
  local entry port what holder clashes=()
  for entry in "$@"; do
    port=${entry%%=*} what=${entry#*=}
    listening "$port" || continue
    # ss names the holder when this user may see it.
    holder=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'users:(("[^"]*",pid=[0-9]*' | head -1 |
             sed 's/users:(("\(.*\)",pid=\(.*\)/ by \1 (pid \2)/')
    clashes+=("$port ($what)$holder")
  done
  (( ${#clashes[@]} == 0 )) || die "port already in use, nothing was started: $(IFS=';'; echo "${clashes[*]}" | sed 's/;/; /g')"
}
up() {
  local clean=0 arg
  for arg; do
    case $arg in
      --clean) clean=1 ;;
      --build) FORCE_BUILD=1 ;;
      --no-build) NO_BUILD=1 ;;
      --monitoring) MONITORING=1 ;;
      *) die "unknown option for up: $arg (see ./myriad help)" ;;
    esac
  done
  local t0 started_at name dep waiting ports=()
  t0=$(now) started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  find_jdk
  case ${MYRIAD_STARTUP_CACHE:=cds} in
    cds | off) ;;
    aot) (( JAVA_MAJOR >= 25 )) || die "MYRIAD_STARTUP_CACHE=aot needs JDK 25 or newer; this is JDK $JAVA_MAJOR" ;;
    *) die "MYRIAD_STARTUP_CACHE must be cds, aot or off, not $MYRIAD_STARTUP_CACHE" ;;
  esac
  command -v curl >/dev/null || die "curl is needed to probe readiness: install curl"
  command -v setsid >/dev/null || die "setsid (util-linux) is needed to run each process in its own group"
  if [[ -n ${MONITORING:-} ]]; then
    command -v prometheus >/dev/null && command -v prometheus-alertmanager >/dev/null ||
      die "--monitoring needs Debian's prometheus and prometheus-alertmanager: apt-get install prometheus prometheus-alertmanager (where systemd starts them, 'systemctl disable --now prometheus prometheus-alertmanager': they take 9090 and Kafka's 9093)"
    INFRA+=(prometheus alertmanager)
  fi
  [[ -z $(supervisor_pid) ]] || die "a fleet is already running (pid $(supervisor_pid)): ./myriad down first"
  find_leftovers
  (( ${#LEFT[@]} == 0 )) || die "${LEFT[*]} still run from an earlier ./myriad up whose supervisor is gone: ./myriad down first"
  mkdir -p "$LOGS" "$APPS" "$CACHES" "$PIDS"
  ensure_keys
  if [[ -z ${NO_BUILD:-} ]]; then build; fi
  for name in "${JVMS[@]}"; do prepare "$name"; done
  REDIS=$(redis_server) || exit 1
  [[ -x $REDIS ]] || chmod u+x "$REDIS"

  for name in "${SERVICES[@]}"; do ports+=("${PORT[$name]}=$name" "${MGMT[$name]}=$name management"); done
  ports_in_use "${ports[@]}" "$KAFKA_PORT=kafka" "$KAFKA_CONTROLLER_PORT=kafka controller" "$NEO4J_PORT=neo4j" \
    "$REDIS_PORT=redis" "$ZIPKIN_PORT=zipkin" ${MONITORING:+"$PROMETHEUS_PORT=prometheus" "$ALERTMANAGER_PORT=alertmanager"}

  if (( clean )); then rm -rf "$DATA"; say "wiped $(rel "$DATA")"; fi
  mkdir -p "$DATA/kafka" "$DATA/neo4j" "$DATA/redis"
  echo $$ >"$STATE/myriad.pid"
  trap 'echo; stop_all; exit 130' INT
  trap 'stop_all; exit 143' TERM
  trap 'stop_all' EXIT # whatever else ends this script, it leaves nothing running

  say "starting ${INFRA[*]} (java $JAVA_MAJOR)"
  for name in "${INFRA[@]}"; do start_infra_process "$name"; done
  declare -A IS_READY=()
  while :; do
    for name in "${STARTED[@]}"; do
      [[ -v IS_READY[$name] ]] && continue
      if is_ready "$name"; then
        IS_READY[$name]=1
        say "$name ready after $(elapsed "$t0") s"
      elif ! kill -0 "${PID[$name]}" 2>/dev/null; then
        wait "${PID[$name]}"; fail "$name" "exited with status $? while starting"
      fi
    done
    for name in "${SERVICES[@]}"; do
      [[ -v PID[$name] ]] && continue
      waiting=0
      for dep in ${NEEDS[$name]}; do [[ -v IS_READY[$dep] ]] || waiting=1; done
      (( waiting )) || start_service "$name"
    done
    (( ${#IS_READY[@]} == ${#SERVICES[@]} + ${#INFRA[@]} )) && break
    if (( $(seconds_since "$t0") >= TIMEOUT )); then
      for name in "${INFRA[@]}" "${SERVICES[@]}"; do
        [[ -v IS_READY[$name] ]] && continue
        [[ -v PID[$name] ]] && fail "$name" "was not ready within $TIMEOUT s"
      done
    fi
    sleep 0.5
  done

  write_facts "$started_at" "$(elapsed "$t0")"
  print_table
  say "fleet ready in $(elapsed "$t0") s; Ctrl-C or ./myriad down stops it"

  supervise "$started_at" "$(elapsed "$t0")"
}

# The supervisor, as Compose's `restart: unless-stopped` and Kubernetes' restartPolicy do it: a process of the fleet
# that exits (crashes, is killed, runs out of memory) is started again, after a back-off that doubles, from 1 s up to
# 60 s, while it keeps dying within a minute of its start, and returns to 1 s once it has run for a minute. Each
# restart is counted in .myriad/restarts/<name> (./myriad status shows it). The fleet stops only on Ctrl-C or
# ./myriad down. A service stopped on purpose (./myriad stop <name>) waits for ./myriad start <name>.
supervise() {
  local started_at=$1 ready_seconds=$2 name code now_s delay
  local -A up_since=() backoff=() restart_at=() restarts=()
  mkdir -p "$STATE/requests" "$STATE/restarts"
  rm -f "$STATE/requests/"* "$STATE/restarts/"*
  for name in "${STARTED[@]}"; do up_since[$name]=$(date +%s) restarts[$name]=0; done
  while :; do
    now_s=$(date +%s)
    for name in "${STARTED[@]}"; do
      [[ -f $STATE/requests/stopped-$name ]] && continue
      if [[ -v restart_at[$name] ]]; then
        (( now_s >= restart_at[$name] )) || continue
        unset "restart_at[$name]"
        start_process "$name"
        up_since[$name]=$now_s
        write_facts "$started_at" "$ready_seconds"
        say "$name started again (restart ${restarts[$name]}, pid ${PID[$name]})"
        continue
      fi
      kill -0 "${PID[$name]}" 2>/dev/null && continue
      { wait "${PID[$name]}"; } 2>/dev/null; code=$? # no bash notice of the job's death: the line below says it
      if (( now_s - up_since[$name] < 60 )); then
        delay=$(( ${backoff[$name]:-0} * 2 )); (( delay >= 1 )) || delay=1; (( delay <= 60 )) || delay=60
      else
        delay=1
      fi
      backoff[$name]=$delay restart_at[$name]=$(( now_s + delay )) restarts[$name]=$(( restarts[$name] + 1 ))
      printf '%s %s %s\n' "${restarts[$name]}" "$code" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$STATE/restarts/$name"
      say "$name exited with status $code (log: $(rel "$LOGS")/$name.log); starting it again in $delay s" \
          "(restart ${restarts[$name]})"
    done
    for name in "${STARTED[@]}"; do
      [[ -f $STATE/requests/start-$name ]] || continue
      rm -f "$STATE/requests/start-$name"
      kill -0 "${PID[$name]}" 2>/dev/null && continue
      wait "${PID[$name]}" 2>/dev/null
      start_process "$name"
      up_since[$name]=$(date +%s)
      rm -f "$STATE/requests/stopped-$name"
      write_facts "$started_at" "$ready_seconds"
      say "$name started again (pid ${PID[$name]})"
    done
    sleep 1
  done
}

# ./myriad stop <name> and ./myriad start <name>: one service, or Kafka, Neo4j or Redis, of the running fleet stopped
# and started again by its supervisor (an operator's restart, a dependency outage of a chosen length in a fault test),
# without the supervisor taking the exit for a failure.
STOPPABLE=("${SERVICES[@]}" kafka neo4j redis)
service_arg() {
  [[ -n ${1:-} && " ${STOPPABLE[*]} " == *" $1 "* ]] || die "name one of: ${STOPPABLE[*]}"
  [[ -n $(supervisor_pid) ]] || die "no fleet is running: ./myriad up first"
}

stop_service() {
  local name=$1 pid
  service_arg "$name"
  pid=$(cat "$PIDS/$name.pid" 2>/dev/null)
  ours "$pid" || die "$name is not running"
  touch "$STATE/requests/stopped-$name"
  kill -TERM -- "-$pid" 2>/dev/null
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || { say "$name stopped"; return 0; }; sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null
  say "$name killed (still running 30 s after SIGTERM)"
}

start_one() {
  local name=$1 t0
  service_arg "$name"
  [[ -f $STATE/requests/stopped-$name ]] || die "$name was not stopped with ./myriad stop"
  t0=$(now)
  touch "$STATE/requests/start-$name"
  # The supervisor takes the request within a second; until then the log of the stopped process (Kafka's, Neo4j's,
  # Redis's readiness is a line in it) still says ready.
  for _ in $(seq 1 50); do [[ -f $STATE/requests/start-$name ]] || break; sleep 0.2; done
  for _ in $(seq 1 240); do
    if is_ready "$name"; then
      say "$name ready after $(elapsed "$t0") s"; return 0
    fi
    sleep 0.5
  done
  die "$name was not ready within 120 s (log: $(rel "$LOGS/$name.log"))"
}

