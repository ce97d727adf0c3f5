#!/usr/bin/env bash
# The whole Myriad fleet on this machine, no Docker: a KRaft Kafka broker, Neo4j with Bolt, Redis, Zipkin and the
# six services, each its own process. Run it as ./myriad (the root launcher); deploy/local/README.md explains it.
set -uo pipefail # no -e: whatever fails, the supervisor must still stop what it started

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$ROOT/.myriad"   # everything this script writes, git-ignored
DATA="$STATE/data"      # kafka, neo4j, redis: kept across runs unless --clean
LOGS="$STATE/logs"      # <name>.log is the process's stdout, <name>.stderr.log its stderr
APPS="$STATE/app"       # each JVM's jar, extracted so that its startup cache can be used
CACHES="$STATE/cds"     # each JVM's class data / AOT cache, written when it first stops
PIDS="$STATE/pids"      # one <name>.pid per process, for ./myriad down
KEYS="$STATE/keys"      # the local identity provider's RSA key pair and the webhook signing secret, made by up
ISSUER="myriad-local"   # the iss of the tokens ./myriad token signs, which every service accepts
# Each service requires its own aud: ./myriad token names the query API's and the reminders' (one token for a user),
# and the graph's only with --scope graph:write (an operator's). docs/security.md.
declare -A AUDIENCE=([orchestrator]=myriad-queries [reminder-service]=myriad-reminders [graphdb-manager]=myriad-graph)
SERVICE_ISSUER="myriad-services" # the iss of the tokens the services sign for each other, with .myriad/keys/service.key.pem
TIMEOUT="${MYRIAD_TIMEOUT:-180}" # seconds for the whole fleet to become ready

# ---- The fleet --------------------------------------------------------------------------------------------------
SERVICES=(orchestrator agents input-processor output-processor reminder-service graphdb-manager)
declare -A PORT=([orchestrator]=5000 [agents]=5001 [input-processor]=5003 [output-processor]=5004
                 [reminder-service]=5005 [graphdb-manager]=5008)
declare -A MGMT=([orchestrator]=9000 [agents]=9001 [input-processor]=9003 [output-processor]=9004
                 [reminder-service]=9005 [graphdb-manager]=9008)
# What a service waits for before it starts, and is configured to find.
declare -A NEEDS=([orchestrator]="kafka" [agents]="kafka redis" [input-processor]="kafka"
                  [output-processor]="kafka" [reminder-service]="kafka redis" [graphdb-manager]="kafka neo4j")
INFRA=(kafka neo4j redis zipkin) # plus prometheus and alertmanager with up --monitoring
KAFKA_PORT=9092 KAFKA_CONTROLLER_PORT=9093 NEO4J_PORT=7687 REDIS_PORT=6379 ZIPKIN_PORT=9411
# Alertmanager's usual 9093 is Kafka's controller here, and 9094 its cluster port; the local one runs without a cluster.
PROMETHEUS_PORT=9090 ALERTMANAGER_PORT=9095

# ---- JVM flags: the one place to tune memory and startup ----------------------------------------------------------
# Every JVM: Serial GC (no GC threads to feed on 2 cores, smallest footprint); small thread stacks and code cache;
# JVM warnings to stderr, so that a service's stdout stays one JSON object per line. On JDK 25, compact object headers
# (an object's header in 8 bytes instead of 12); from JDK 22, the JVM gives freed native memory back every 5 s
# (a C2 compiler's arenas stay with glibc otherwise: `jcmd <pid> System.trim_native_heap` freed 25 MB of one).
# The JIT: the orchestrator, input-processor and output-processor, which every query passes through, get C2; the
# others stop at C1 (MYRIAD_JIT=full gives them C2 too). C1 alone starts the fleet sooner and saves 35-55 MB per
# service, which the agents cannot spare: with C2 it reached 277-297 MB of its 256 under ./myriad load. C2 on the
# three gave 291-352 queries/s at 10 connections against 200-262 with C2 on the orchestrator alone
# (deploy/local/README.md).
# Kafka, Neo4j and Zipkin always get the full JIT: they stand in for servers that run elsewhere in a deployment, and
# under ./myriad load a C1-only Zipkin could not take the spans in as fast as the services made them.
declare -A FULL_JIT=([orchestrator]=1 [input-processor]=1 [output-processor]=1)
case ${MYRIAD_JIT:=c1} in
  c1) SERVICE_JIT=(-XX:TieredStopAtLevel=1) ;;
  full) SERVICE_JIT=() ;;
  *) echo "myriad: MYRIAD_JIT must be c1 or full, not $MYRIAD_JIT" >&2; exit 1 ;;
esac
# glibc gives threads that allocate natively their own malloc arenas (up to 8 per core), each keeping what it freed;
# two are plenty for a JVM (and harmless for the other processes this script starts). The reminder-service after
# ./myriad remind-load --count 500: 261 MB RSS with this, 280 MB without (one run each, a hint rather than a proof).
export MALLOC_ARENA_MAX=2
JVM_COMMON=(-XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=48m
            -XX:MaxDirectMemorySize=64m -Xlog:disable -Xlog:all=warning:stderr -Xlog:aot=error:stderr)
JDK_FLAGS=() # the flags of JVM_COMMON's comment that depend on the JDK's version: find_jdk sets them
# Heap and metaspace per process. Services must stay within the seed's container limits: 512 MB orchestrator and
# graphdb-manager, 256 MB the others (figures in deploy/local/README.md). A small initial heap matters most: without
# -Xms32m the services' idle RSS was 20-50 MB higher (eden starts large and gets touched). The 256 MB services live
# on 25-35 MB of heap after a full GC (agents 31 MB, reminder-service 32 MB after ./myriad load, `jcmd <pid> GC.run`),
# so 64-72 MB leaves the old generation room. Metaspace caps leave ~40 MB above what they use (78-87 MB).
declare -A MEMORY_LIMIT_MB=([orchestrator]=512 [graphdb-manager]=512 [agents]=256 [input-processor]=256
                            [output-processor]=256 [reminder-service]=256)
declare -A JVM_MEMORY=(
  [orchestrator]="-Xms32m -Xmx192m -XX:MaxMetaspaceSize=192m"
  [graphdb-manager]="-Xms32m -Xmx192m -XX:MaxMetaspaceSize=192m"
  [agents]="-Xms32m -Xmx72m -XX:MaxMetaspaceSize=128m"
  [input-processor]="-Xms32m -Xmx64m -XX:MaxMetaspaceSize=128m"
  [output-processor]="-Xms32m -Xmx64m -XX:MaxMetaspaceSize=128m"
  [reminder-service]="-Xms32m -Xmx72m -XX:MaxMetaspaceSize=128m"
  [kafka]="-Xms64m -Xmx256m"
  [neo4j]="-Xmx384m -Dmyriad.neo4j.pagecache-mb=64"
  [zipkin]="-Xmx320m" # 50,000 spans in memory; at -Xmx192m it ran out of heap under ./myriad load and stopped answering
)

# ---- What each process is built from --------------------------------------------------------------------------------
declare -A JAR MODULE INPUTS
for s in "${SERVICES[@]}"; do
  JAR[$s]="$s/target/$s.jar" MODULE[$s]="$s"
  INPUTS[$s]="$s/src $s/pom.xml contracts/src contracts/pom.xml common-observability/src common-observability/pom.xml pom.xml"
done
for i in kafka neo4j; do
  JAR[$i]="$(cd "$ROOT" && ls deploy/local/$i/target/myriad-local-$i-*-exec.jar 2>/dev/null | head -1)"
  JAR[$i]="${JAR[$i]:-deploy/local/$i/target/myriad-local-$i-exec.jar}" MODULE[$i]="deploy/local/$i"
  INPUTS[$i]="deploy/local/$i/src deploy/local/$i/pom.xml deploy/local/pom.xml pom.xml"
done
JAR[zipkin]="deploy/local/target/zipkin-server.jar" MODULE[zipkin]="deploy/local" INPUTS[zipkin]="deploy/local/pom.xml pom.xml"
JAR[redis]="deploy/local/target/redis" MODULE[redis]="deploy/local" INPUTS[redis]="deploy/local/pom.xml pom.xml"
JVMS=(kafka neo4j zipkin "${SERVICES[@]}")

# ---- Small helpers --------------------------------------------------------------------------------------------------
die() { echo "myriad: $*" >&2; exit 1; }
say() { echo "myriad: $*"; }
now() { date +%s%N; }                                   # nanoseconds
seconds_since() { echo $(( ($(now) - $1) / 1000000000 )); }
elapsed() { local ms=$(( ($(now) - $1) / 1000000 )); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
rel() { echo "${1#"$ROOT"/}"; }
json_str() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }

# The JDK: JAVA_HOME if it is 21+, else Temurin 25, else the newest JDK 21+ under /usr/lib/jvm.
find_jdk() {
  local home major
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    home=${home%/}
    [[ -n $home && -x $home/bin/java && -x $home/bin/jar ]] || continue
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
    [[ -n $major ]] || major=$("$home/bin/java" -XshowSettings:properties -version 2>&1 |
                                 sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
    if [[ -n $major ]] && (( major >= 21 )); then
      export JAVA_HOME=$home; JAVA_MAJOR=$major JDK_FLAGS=()
      (( major >= 22 )) && JDK_FLAGS+=(-XX:TrimNativeHeapInterval=5000)
      (( major >= 25 )) && JDK_FLAGS+=(-XX:+UseCompactObjectHeaders)
      return
    fi
  done
  die "no JDK 21 or newer found (JAVA_HOME, /usr/lib/jvm): install one or point JAVA_HOME at it"
}

# A process that is alive and is ours (its command line names this checkout), not a recycled PID.
ours() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF "$ROOT"; }

supervisor_pid() {
  local p
  p=$(cat "$STATE/myriad.pid" 2>/dev/null) && kill -0 "$p" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q 'myriad\.sh up' && echo "$p"
}

# ---- Build: only what is missing or older than its sources ---------------------------------------------------------
stale_modules() {
  local name jar built input modules=()
  for name in "${JVMS[@]}" redis; do
    jar="$ROOT/${JAR[$name]}" built=$jar
    if [[ ${FORCE_BUILD:-0} == 1 || ! -e $jar ]]; then
      modules+=("${MODULE[$name]}"); continue
    fi
    # Maven leaves an artifact that is already current untouched (the Zipkin jar, the Redis binaries), so the
    # last successful build of its module counts as well.
    [[ $STATE/built/$name -nt $jar ]] && built=$STATE/built/$name
    for input in ${INPUTS[$name]}; do
      if [[ -e $ROOT/$input && -n $(find "$ROOT/$input" -newer "$built" -print -quit 2>/dev/null) ]]; then
        modules+=("${MODULE[$name]}"); break
      fi
    done
  done
  printf '%s\n' "${modules[@]}" | sort -u | paste -sd, -
}

build() {
  local modules started name
  modules=$(stale_modules)
  [[ -n $modules ]] || return 0
  say "building $modules (log: $(rel "$LOGS")/build.log)"
  started=$(now)
  mkdir -p "$STATE/built"
  touch "$STATE/built/.started" # a source saved during the build must still count as newer than the build
  if ! (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl "$modules" -am >"$LOGS/build.log" 2>&1); then
    grep -E '^\[ERROR\]' "$LOGS/build.log" | head -5 >&2
    die "build failed, nothing was started: see $(rel "$LOGS")/build.log"
  fi
  JAR[kafka]=$(cd "$ROOT" && ls deploy/local/kafka/target/myriad-local-kafka-*-exec.jar | head -1)
  JAR[neo4j]=$(cd "$ROOT" && ls deploy/local/neo4j/target/myriad-local-neo4j-*-exec.jar | head -1)
  for name in "${JVMS[@]}" redis; do
    [[ ,$modules, == *",${MODULE[$name]},"* ]] && touch -r "$STATE/built/.started" "$STATE/built/$name"
  done
  say "built in $(elapsed "$started") s"
}

# A Spring Boot fat jar runs from nested jars, which class data sharing cannot cache. Extract it once per build
# into plain jars (what `java -Djarmode=tools extract` does, which the Kafka and Neo4j jars lack the tools for),
# and drop the startup cache made from the previous build or with other flags.
prepare() {
  local name=$1 jar="$ROOT/${JAR[$1]}" dir="$APPS/$1" stamp
  [[ -f $jar ]] || die "$(rel "$jar") is missing: run ./myriad up without --no-build"
  stamp="$(stat -c '%s %Y' "$jar") java=$JAVA_HOME flags=${JVM_COMMON[*]} ${JDK_FLAGS[*]} ${JVM_MEMORY[$name]}"
  [[ -f $dir/stamp && $(cat "$dir/stamp") == "$stamp" ]] && return 0
  say "unpacking $(rel "$jar")"
  rm -rf "$dir" "$CACHES/$name".*
  mkdir -p "$dir"
  (cd "$dir" && "$JAVA_HOME/bin/jar" xf "$jar" BOOT-INF META-INF/MANIFEST.MF &&
     "$JAVA_HOME/bin/jar" --create --file app.jar --manifest META-INF/MANIFEST.MF -C BOOT-INF/classes . &&
     rm -rf BOOT-INF/classes) || die "could not extract $(rel "$jar")"
  { printf -- '-cp "%s' "$dir/app.jar"
    sed -n "s|^- \"\(.*\)\"$|:$dir/\1|p" "$dir/BOOT-INF/classpath.idx" | tr -d '\n'
    echo '"'; } >"$dir/classpath.args"
  sed -n 's/^Start-Class: *\([^[:space:]]*\).*/\1/p' "$dir/META-INF/MANIFEST.MF" >"$dir/main-class"
  echo "$stamp" >"$dir/stamp"
}

redis_server() {
  local arch
  case $(uname -m) in x86_64) arch=amd64 ;; aarch64 | arm64) arch=arm64 ;; i?86) arch=386 ;; *) arch=none ;; esac
  ls "$ROOT"/deploy/local/target/redis/redis-server-*-linux-$arch 2>/dev/null | head -1 | grep . ||
    command -v redis-server ||
    die "no redis-server for $(uname -m): none bundled in deploy/local/target/redis and none on PATH"
}

# The local fleet is its own identity provider: a key pair made at the first up (kept in .myriad/keys, git-ignored),
# whose public half the services trust and whose private half ./myriad token signs with. A second pair is the
# services' own: the orchestrator signs its graphdb-manager writes with service.key.pem, the graphdb-manager trusts
# service.pub.pem, and no user token can be made with it. Likewise the secret that signs webhook deliveries, unless
# MYRIAD_REMINDERS_WEBHOOK_SECRET names one. Nothing of it is in git.
ensure_keys() {
  command -v openssl >/dev/null || die "openssl is needed to make the local signing key: apt-get install openssl"
  mkdir -p "$KEYS" && chmod 700 "$KEYS"
  local pair
  for pair in jwt service; do
    if [[ ! -s $KEYS/$pair.key.pem || ! -s $KEYS/$pair.pub.pem ]]; then
      openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/$pair.key.pem" 2>/dev/null &&
        openssl pkey -in "$KEYS/$pair.key.pem" -pubout -out "$KEYS/$pair.pub.pem" 2>/dev/null ||
        die "could not make the signing key in $(rel "$KEYS")"
      say "made the local token signing key $(rel "$KEYS")/$pair.key.pem"
    fi
  done
  [[ -s $KEYS/webhook-secret ]] || openssl rand -hex 32 >"$KEYS/webhook-secret"
  chmod 600 "$KEYS"/*
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# A user's JWT, signed with the local key: ./myriad token [user] [--ttl seconds] [--scope graph:write]. Meant for the
# query API and the reminders; with --scope graph:write also for the graphdb-manager's writes (an operator's token).
token() {
  local user=${MYRIAD_USER:-$(id -un)} ttl=3600 scope="" now header claims signature
  local audiences="\"${AUDIENCE[orchestrator]}\",\"${AUDIENCE[reminder-service]}\"" extra=""
  while (( $# )); do
    case $1 in
      --ttl) ttl=${2:-}; shift 2 || die "--ttl needs seconds" ;;
      --scope) scope=${2:-}; shift 2 || die "--scope needs a scope such as graph:write" ;;
      -*) die "unknown option for token: $1 (see ./myriad help)" ;;
      *) user=$1; shift ;;
    esac
  done
  [[ $ttl =~ ^[0-9]+$ ]] || die "--ttl needs seconds, not $ttl"
  [[ $user =~ ^[A-Za-z0-9._@-]{1,64}$ ]] || die "a user id is 1-64 letters, digits and ._@-, not '$user'"
  if [[ -n $scope ]]; then
    [[ $scope == graph:write ]] || die "the only scope is graph:write, not '$scope'"
    audiences+=",\"${AUDIENCE[graphdb-manager]}\"" extra=",\"scope\":\"$scope\""
  fi
  [[ -s $KEYS/jwt.key.pem ]] || die "no signing key yet ($(rel "$KEYS")/jwt.key.pem): ./myriad up makes it"
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  claims=$(printf '{"iss":"%s","aud":[%s],"sub":"%s"%s,"iat":%d,"exp":%d}' "$ISSUER" "$audiences" "$user" "$extra" \
    "$now" $((now + ttl)) | b64url)
  signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$KEYS/jwt.key.pem" -binary | b64url) ||
    die "could not sign with $(rel "$KEYS")/jwt.key.pem"
  echo "$header.$claims.$signature"
}

# ---- Starting and stopping processes -------------------------------------------------------------------------------
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

# Startup cache (MYRIAD_STARTUP_CACHE): "cds" (default) is a dynamic class data sharing archive, written by each
# JVM as it exits after its first run from a new build, and used from then on; "aot" (JDK 25+) is an AOT cache of
# loaded and linked classes plus method profiles: a few seconds faster to start, but written by a second JVM when
# the first exits, which makes the first stop after a build a minute longer; "off" uses none.
jvm() { # name, then the program's arguments
  local name=$1 cache="$CACHES/$1" startup=(); shift
  case $MYRIAD_STARTUP_CACHE in
    off) ;;
    aot)
      if [[ -s $cache.aot ]]; then
        startup=(-XX:AOTCache="$cache.aot")
      else
        rm -f "$cache".aot*
        startup=(-XX:AOTCacheOutput="$cache.aot") TRAINING=1
      fi ;;
    cds)
      startup=(-XX:SharedArchiveFile="$cache.jsa" -XX:+AutoCreateSharedArchive)
      [[ -s $cache.jsa ]] || TRAINING=1 ;;
  esac
  # shellcheck disable=SC2086 # the memory flags are a list of words
  local jit=()
  [[ -v PORT[$name] && ! -v FULL_JIT[$name] ]] && jit=("${SERVICE_JIT[@]}")
  launch "$name" "$JAVA_HOME/bin/java" "${JVM_COMMON[@]}" "${JDK_FLAGS[@]}" "${jit[@]}" ${JVM_MEMORY[$name]} \
    "${startup[@]}" "@$APPS/$name/classpath.args" "$(cat "$APPS/$name/main-class")" "$@"
}

# Each infrastructure process by name, so that the supervisor can start one again on its own.
start_infra_process() {
  case $1 in
    kafka) jvm kafka "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$DATA/kafka" ;;
    neo4j) jvm neo4j "$NEO4J_PORT" "$DATA/neo4j" ;;
    # The append-only file, written every second: a Redis that crashes (kill -9) loses at most a second of reminders,
    # not the minute since its last snapshot.
    redis) launch redis "$REDIS" --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA/redis" --save 60 1 \
             --appendonly yes --appendfsync everysec --daemonize no ;;
    zipkin)
      # In-memory spans, capped so that a long session does not grow the heap without bound.
      local -x MEM_MAX_SPANS=50000
      jvm zipkin "--armeria.ports[0].port=$ZIPKIN_PORT" "--armeria.ports[0].ip=127.0.0.1" \
        "--armeria.ports[0].protocols[0]=http" ;;
    # Prometheus and Alertmanager from Debian's packages (up --monitoring), with the repository's own configuration:
    # Prometheus finds the services through .myriad/prometheus-targets.json, evaluates deploy/prometheus/rules and
    # sends alerts to this Alertmanager. Their data is kept in .myriad/data like the rest.
    alertmanager)
      mkdir -p "$DATA/alertmanager"
      launch alertmanager prometheus-alertmanager --config.file="$ROOT/deploy/alertmanager/alertmanager-local.yml" \
        --web.listen-address="127.0.0.1:$ALERTMANAGER_PORT" --cluster.listen-address= \
        --storage.path="$DATA/alertmanager" ;;
    prometheus)
      mkdir -p "$DATA/prometheus"
      launch prometheus prometheus --config.file="$ROOT/deploy/prometheus/prometheus-local.yml" \
        --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" --storage.tsdb.path="$DATA/prometheus" \
        --storage.tsdb.retention.time=2d --web.enable-lifecycle --enable-feature=exemplar-storage ;;
  esac
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

# ---- up -------------------------------------------------------------------------------------------------------------
listening() { # port
  if command -v ss >/dev/null; then
    [[ -n $(ss -ltnH "sport = :$1" 2>/dev/null) ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
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

# ---- ask and load ---------------------------------------------------------------------------------------------------
ORCHESTRATOR_URL="http://127.0.0.1:${PORT[orchestrator]}"

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
  local duration=30s connections=8 warmup=10s name pid rss
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
      printf '  %-18s %4d MB of %d%s\n' "$name" "$rss" "${MEMORY_LIMIT_MB[$name]}" \
        "$( (( rss > MEMORY_LIMIT_MB[$name] )) && echo '  OVER THE LIMIT')"
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
  # Micrometer binds a Kafka client's metrics as the client creates them (per topic, per node), checking once a
  # minute: wait for the check after this traffic, so that the catalog does not depend on how long the fleet has run.
  say "waiting 65 s for the Kafka client metrics this traffic created to be bound"
  sleep 65
}

metrics_catalog() {
  local output="$ROOT/docs/metrics.md" name tmp
  while (( $# )); do
    case $1 in
      --output) output=${2:-}; shift 2 || die "--output needs a file" ;;
      *) die "unknown option for metrics-catalog: $1 (see ./myriad help)" ;;
    esac
  done
  command -v jq >/dev/null || die "jq is needed: apt-get install jq"
  [[ -n $(supervisor_pid) ]] || die "no fleet is running: ./myriad up first"
  say "driving the catalog's round of traffic"
  catalog_traffic
  tmp=$(mktemp)
  for name in "${SERVICES[@]}"; do
    curl -sf -m 10 "http://127.0.0.1:${MGMT[$name]}/actuator/prometheus" |
      awk -v service="$name" -f "$ROOT/deploy/local/exposition-families.awk" >>"$tmp" ||
      die "could not read $name's metrics at http://127.0.0.1:${MGMT[$name]}/actuator/prometheus"
  done
  {
    echo "# Metrics catalog"
    echo
    echo "Every metric family the fleet exposes on \`/actuator/prometheus\`, generated by \`./myriad metrics-catalog\` from"
    echo "the running services after a fixed round of traffic (deploy/local/myriad.sh, \`catalog_traffic\`); do not edit"
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

# ---- down and status ------------------------------------------------------------------------------------------------
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

usage() {
  cat <<EOF
usage: ./myriad <command>

  up [--clean] [--build | --no-build] [--monitoring]
                          build what is missing or stale, start Kafka, Neo4j, Redis, Zipkin and the six services,
                          wait until every readiness probe is UP, print where everything is; Ctrl-C stops it all
                            --clean     wipe .myriad/data (Kafka, Neo4j, Redis) first
                            --build     build every module even if its jar looks current
                            --no-build  start the jars as they are, even if sources changed since
                            --monitoring  also Prometheus (:9090) with deploy/prometheus and Alertmanager (:9095)
                                        with deploy/alertmanager, from Debian's packages
  metrics-catalog [--output docs/metrics.md]
                          drive a fixed round of traffic, then write the catalog of every metric the fleet exposes
  stop <name> / start <name>
                          stop one service, or kafka, neo4j or redis, of the running fleet, and start it again
                          (the rest keeps running)
  test [maven args]       every test (./mvnw -B verify) with a JDK 21+ found as for up; extra arguments go to Maven
  ask [--format text|markdown|json] [--user id] "question"
                          ask the running fleet a question; prints the answer, who answered, and the trace id;
                          a reminder asked for is that user's (default \$MYRIAD_USER, else your login name)
  remind-load [--count 500] [--users 10] [--spread 60]
                          that many reminders due within --spread seconds of one minute (0: all at once), delivered to the users' inboxes: prints how
                          many arrived, how many twice, and the lag from due time to delivery (p50/p95/p99/max)
  token [user] [--ttl 3600] [--scope graph:write]
                          a JWT for the query API and the reminder-service's API and WebSocket, signed with the key
                          up made (.myriad/keys); same default user as ask; --scope graph:write also lets it change
                          the graphdb-manager's graph (an operator's token)
  load [--duration 30s] [--connections 8] [--warmup 10s]
                          a fixed mix of questions at a fixed concurrency against the running fleet (wrk): prints
                          throughput, p50/p95/p99 latency, errors and partial answers, and each service's memory
  down                    stop a fleet that ./myriad up started (from another terminal, or in the background)
  status                  readiness, memory and restarts of each process of the running fleet (.myriad/fleet.json)
  help                    this text

Data: .myriad/data/{kafka,neo4j,redis}  Logs: .myriad/logs/<name>.log  Facts: .myriad/fleet.json
MYRIAD_TIMEOUT=<seconds> changes how long up waits for the fleet to be ready (default 180);
MYRIAD_STARTUP_CACHE=cds|aot|off picks each JVM's startup cache (default cds; see deploy/local/README.md).
EOF
}

# The README's test command: the same JDK search as up, then the whole build with its unit and integration tests.
run_tests() {
  find_jdk
  say "testing with $JAVA_HOME (Java $JAVA_MAJOR)"
  cd "$ROOT" && exec ./mvnw -B -ntp verify "$@"
}

cmd=${1:-help}
shift || true
case $cmd in
  up) up "$@" ;;
  test) run_tests "$@" ;;
  down) down ;;
  status) status ;;
  ask) ask "$@" ;;
  load) load "$@" ;;
  token) token "$@" ;;
  stop) stop_service "$@" ;;
  metrics-catalog) metrics_catalog "$@" ;;
  start) start_one "$@" ;;
  remind-load) remind_load "$@" ;;
  help | -h | --help) usage ;;
  *) usage >&2; exit 2 ;;
esac
