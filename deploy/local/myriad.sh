#!/usr/bin/env bash
# The whole Myriad fleet on this machine, no Docker: a KRaft Kafka broker, Neo4j with Bolt, Redis, Zipkin and the
# six services, each its own process. Run it as ./myriad (the root launcher); deploy/local/README.md explains it.
# This file only dispatches: each concern is a file of lib/ (the fleet and its ports, the JVMs, the build, the
# infrastructure, tokens, processes, status, load, the metrics catalog), tested by fleet-tests'
# io.myriad.fleet.launcher without a fleet.
set -uo pipefail # no -e: whatever fails, the supervisor must still stop what it started

LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib"
# shellcheck source=lib/common.sh
source "$LIB/common.sh"
# shellcheck source=lib/jvm.sh
source "$LIB/jvm.sh"
# shellcheck source=lib/build.sh
source "$LIB/build.sh"
# shellcheck source=lib/infra.sh
source "$LIB/infra.sh"
# shellcheck source=lib/token.sh
source "$LIB/token.sh"
# shellcheck source=lib/processes.sh
source "$LIB/processes.sh"
# shellcheck source=lib/status.sh
source "$LIB/status.sh"
# shellcheck source=lib/load.sh
source "$LIB/load.sh"
# shellcheck source=lib/catalog.sh
source "$LIB/catalog.sh"

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
  metrics-catalog [--output docs/metrics.md] [--expect docs/metrics.md] [--timeout 90]
                          drive a fixed round of traffic, wait until every family the --expect catalog lists is
                          exposed (failing after --timeout seconds), then write the catalog of every metric exposed
  stop <name> / start <name>
                          stop one service, or kafka, neo4j or redis, of the running fleet, and start it again
                          (the rest keeps running)
  test [maven args]       every test (./mvnw -B verify) with a JDK 21+ found as for up; extra arguments go to Maven
  ask [--format text|markdown|json] [--user id] "question"
                          ask the running fleet a question; prints the answer, who answered, and the trace id;
                          a reminder asked for is that user's (default \$MYRIAD_USER, else your login name)
  remind-load [--count 500] [--users 10] [--spread 60]
                          that many reminders due within --spread seconds of one minute (0: all at once), delivered
                          to the users' inboxes: prints how many arrived, how many twice, and the lag from due time
                          to delivery (p50/p95/p99/max)
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
Ports: contracts/src/main/resources/myriad-fleet.properties, each overridden by MYRIAD_FLEET_<NAME>_PORT or
MYRIAD_FLEET_<NAME>_MANAGEMENT_PORT. JVM flags: deploy/jvm/*.args; MYRIAD_JIT=c1|full (default c1).
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
  help | -h | --help) usage; exit 0 ;;
esac
check_jit
load_ports
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
  *) usage >&2; exit 2 ;;
esac
