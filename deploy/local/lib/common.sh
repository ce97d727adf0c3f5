# shellcheck shell=bash
# What every part of ./myriad needs: where things are, the fleet's members and ports, small helpers. Sourced by
# deploy/local/myriad.sh and by the launcher's tests (fleet-tests, io.myriad.fleet.launcher); defines, runs nothing.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
STATE="${MYRIAD_STATE:-$ROOT/.myriad}" # everything this script writes, git-ignored (elsewhere only in its tests)
DATA="$STATE/data"      # kafka, neo4j, redis: kept across runs unless --clean
LOGS="$STATE/logs"      # <name>.log is the process's stdout, <name>.stderr.log its stderr
APPS="$STATE/app"       # each JVM's jar, extracted so that its startup cache can be used
CACHES="$STATE/cds"     # each JVM's class data / AOT cache, written when it first stops
PIDS="$STATE/pids"      # one <name>.pid per process, for ./myriad down
KEYS="$STATE/keys"      # the local identity provider's RSA key pair and the webhook signing secret, made by up
TIMEOUT="${MYRIAD_TIMEOUT:-180}" # seconds for the whole fleet to become ready
# The fleet's ports: the file the services import (spring.config.import) and the fleet tests read.
FLEET_PROPERTIES="${MYRIAD_FLEET_PROPERTIES:-$ROOT/contracts/src/main/resources/myriad-fleet.properties}"

# ---- Small helpers --------------------------------------------------------------------------------------------------
die() { echo "myriad: $*" >&2; exit 1; }
say() { echo "myriad: $*"; }
now() { date +%s%N; }                                   # nanoseconds
seconds_since() { echo $(( ($(now) - $1) / 1000000000 )); }
elapsed() { local ms=$(( ($(now) - $1) / 1000000 )); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
rel() { echo "${1#"$ROOT"/}"; }
json_str() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }

# ---- Ports ----------------------------------------------------------------------------------------------------------
# fleet_port <name> [port | management-port | controller-port]: myriad.fleet.<name>.<key> of the properties file, or
# the environment's MYRIAD_FLEET_<NAME>_<KEY> (upper-cased, - as _), the variable Spring's relaxed binding reads for
# the same key, so that one override moves the service and the launcher alike.
fleet_port() {
  local name=$1 key=${2:-port} var value
  var="MYRIAD_FLEET_${name^^}_${key^^}" var=${var//-/_}
  value=${!var:-}
  if [[ -z $value ]]; then
    [[ -r $FLEET_PROPERTIES ]] || die "cannot read the fleet's ports from $FLEET_PROPERTIES"
    value=$(sed -n "s/^[[:space:]]*myriad\.fleet\.${name//./\\.}\.${key}[[:space:]]*[=:][[:space:]]*\([0-9]*\)[[:space:]]*$/\1/p" \
              "$FLEET_PROPERTIES" | tail -1)
  fi
  if ! [[ $value =~ ^[0-9]+$ ]] || (( value < 1 || value > 65535 )); then
    die "no port for myriad.fleet.$name.$key (${var}=${!var:-}, $FLEET_PROPERTIES)"
  fi
  echo "$value"
}

# ---- The fleet ------------------------------------------------------------------------------------------------------
SERVICES=(orchestrator agents input-processor output-processor reminder-service graphdb-manager)
# What a service waits for before it starts, and is configured to find.
declare -A NEEDS=([orchestrator]="kafka" [agents]="kafka redis" [input-processor]="kafka"
                  [output-processor]="kafka" [reminder-service]="kafka redis" [graphdb-manager]="kafka neo4j")
INFRA=(kafka neo4j redis zipkin) # plus prometheus and alertmanager with up --monitoring

# PORT[service], MGMT[service] and the infrastructure's *_PORT, from fleet_port. A port that cannot be read ends the
# command here, before anything starts.
load_ports() {
  local s
  declare -gA PORT=() MGMT=()
  for s in "${SERVICES[@]}"; do
    PORT[$s]=$(fleet_port "$s") || exit 1
    MGMT[$s]=$(fleet_port "$s" management-port) || exit 1
  done
  KAFKA_PORT=$(fleet_port kafka) && KAFKA_CONTROLLER_PORT=$(fleet_port kafka controller-port) &&
    NEO4J_PORT=$(fleet_port neo4j) && REDIS_PORT=$(fleet_port redis) && ZIPKIN_PORT=$(fleet_port zipkin) &&
    PROMETHEUS_PORT=$(fleet_port prometheus) && ALERTMANAGER_PORT=$(fleet_port alertmanager) || exit 1
  ORCHESTRATOR_URL="http://127.0.0.1:${PORT[orchestrator]}"
}

# A process that is alive and is ours (its command line names this checkout), not a recycled PID.
ours() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF "$ROOT"; }

supervisor_pid() {
  local p
  p=$(cat "$STATE/myriad.pid" 2>/dev/null) && kill -0 "$p" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q 'myriad\.sh up' && echo "$p"
}

listening() { # port
  if command -v ss >/dev/null; then
    [[ -n $(ss -ltnH "sport = :$1" 2>/dev/null) ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}
