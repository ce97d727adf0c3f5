# shellcheck shell=bash
# The infrastructure beside the services: Kafka, Neo4j, Redis, Zipkin, and with up --monitoring Prometheus and
# Alertmanager, each started by name so that the supervisor can start one again on its own.

redis_server() {
  local arch
  case $(uname -m) in x86_64) arch=amd64 ;; aarch64 | arm64) arch=arm64 ;; i?86) arch=386 ;; *) arch=none ;; esac
  ls "$ROOT"/deploy/local/target/redis/redis-server-*-linux-$arch 2>/dev/null | head -1 | grep . ||
    command -v redis-server ||
    die "no redis-server for $(uname -m): none bundled in deploy/local/target/redis and none on PATH"
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

