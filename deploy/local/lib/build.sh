# shellcheck shell=bash
# What each process is built from, and building only what is missing or older than its sources.

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
unset s i
JAR[zipkin]="deploy/local/target/zipkin-server.jar" MODULE[zipkin]="deploy/local" INPUTS[zipkin]="deploy/local/pom.xml pom.xml"
JAR[redis]="deploy/local/target/redis" MODULE[redis]="deploy/local" INPUTS[redis]="deploy/local/pom.xml pom.xml"
JVMS=(kafka neo4j zipkin "${SERVICES[@]}")

# The modules to build, comma-separated: those whose artifact is missing or older than one of its inputs (every one
# with FORCE_BUILD=1).
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
  (( ${#modules[@]} )) || return 0
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
