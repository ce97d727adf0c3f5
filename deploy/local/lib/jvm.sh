# shellcheck shell=bash
# The JDK and each JVM's flags. The flags themselves live in argfiles under deploy/jvm (`java @file`), which images and
# manifests read too; this file only picks which of them a process gets, and keeps each JVM's extracted jar and
# startup cache.

JVM_ARGS_DIR="$ROOT/deploy/jvm"
# The services every query passes through get C2; the others stop at C1 (deploy/jvm/c1.args says why).
declare -A FULL_JIT=([orchestrator]=1 [input-processor]=1 [output-processor]=1)
# glibc gives threads that allocate natively their own malloc arenas (up to 8 per core), each keeping what it freed;
# two are plenty for a JVM (and harmless for the other processes this script starts). The reminder-service after
# ./myriad remind-load --count 500: 261 MB RSS with this, 280 MB without (one run each, a hint rather than a proof).
export MALLOC_ARENA_MAX=2

# MYRIAD_JIT: c1 (default) or full, checked before any command runs.
check_jit() {
  case ${MYRIAD_JIT:=c1} in
    c1 | full) ;;
    *) die "MYRIAD_JIT must be c1 or full, not $MYRIAD_JIT" ;;
  esac
}

# The JDK: JAVA_HOME if it is 21+, else Temurin 25, else the newest JDK 21+ under /usr/lib/jvm. Sets JAVA_HOME and
# JAVA_MAJOR.
find_jdk() {
  local home major
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    home=${home%/}
    [[ -n $home && -x $home/bin/java && -x $home/bin/jar ]] || continue
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
    [[ -n $major ]] || major=$("$home/bin/java" -XshowSettings:properties -version 2>&1 |
                                 sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
    if [[ -n $major ]] && (( major >= 21 )); then
      export JAVA_HOME=$home; JAVA_MAJOR=$major
      return
    fi
  done
  die "no JDK 21 or newer found (JAVA_HOME, /usr/lib/jvm): install one or point JAVA_HOME at it"
}

# jvm_argfiles <name>: the argfiles a JVM of that name gets, one path a line, for JAVA_MAJOR and MYRIAD_JIT.
jvm_argfiles() {
  local name=$1 file
  echo "$JVM_ARGS_DIR/common.args"
  (( JAVA_MAJOR >= 22 )) && echo "$JVM_ARGS_DIR/jdk22.args"
  (( JAVA_MAJOR >= 25 )) && echo "$JVM_ARGS_DIR/jdk25.args"
  if [[ ${MYRIAD_JIT:-c1} == c1 && " ${SERVICES[*]} " == *" $name "* && ! -v FULL_JIT[$name] ]]; then
    echo "$JVM_ARGS_DIR/c1.args"
  fi
  file="$JVM_ARGS_DIR/$name.args"
  [[ -f $file ]] || die "no JVM flags for $name: $(rel "$file") is missing"
  echo "$file"
}

# A service's container limit, which ./myriad load checks its memory against: the "# memory-limit-mb:" line of its
# argfile.
memory_limit_mb() {
  sed -n 's/^# memory-limit-mb: *\([0-9]*\).*/\1/p' "$JVM_ARGS_DIR/$1.args" 2>/dev/null | head -1 | grep . ||
    die "no '# memory-limit-mb:' line in $(rel "$JVM_ARGS_DIR/$1.args")"
}

# A Spring Boot fat jar runs from nested jars, which class data sharing cannot cache. Extract it once per build
# into plain jars (what `java -Djarmode=tools extract` does, which the Kafka and Neo4j jars lack the tools for),
# and drop the startup cache made from the previous build or with other flags.
prepare() {
  local name=$1 jar="$ROOT/${JAR[$1]}" dir="$APPS/$1" stamp files
  [[ -f $jar ]] || die "$(rel "$jar") is missing: run ./myriad up without --no-build"
  files=$(jvm_argfiles "$name") || exit 1
  # shellcheck disable=SC2086 # one argfile per word
  stamp="$(stat -c '%s %Y' "$jar") java=$JAVA_HOME flags=$(cat $files | grep -v '^#' | tr '\n' ' ')"
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

# Startup cache (MYRIAD_STARTUP_CACHE): "cds" (default) is a dynamic class data sharing archive, written by each
# JVM as it exits after its first run from a new build, and used from then on; "aot" (JDK 25+) is an AOT cache of
# loaded and linked classes plus method profiles: a few seconds faster to start, but written by a second JVM when
# the first exits, which makes the first stop after a build a minute longer; "off" uses none.
startup_cache_flags() { # name; prints the flags one a line, sets TRAINING=1 when this run writes the cache
  local cache="$CACHES/$1"
  case $MYRIAD_STARTUP_CACHE in
    off) ;;
    aot)
      if [[ -s $cache.aot ]]; then
        echo "-XX:AOTCache=$cache.aot"
      else
        rm -f "$cache".aot*
        echo "-XX:AOTCacheOutput=$cache.aot"
      fi ;;
    cds)
      echo "-XX:SharedArchiveFile=$cache.jsa"
      echo "-XX:+AutoCreateSharedArchive" ;;
  esac
}

# jvm_command <name> [program arguments]: the java command line of that process, one word a line.
jvm_command() {
  local name=$1 file; shift
  echo "$JAVA_HOME/bin/java"
  while IFS= read -r file; do echo "@$file"; done < <(jvm_argfiles "$name")
  startup_cache_flags "$name"
  echo "@$APPS/$name/classpath.args"
  cat "$APPS/$name/main-class" 2>/dev/null
  printf '%s\n' "$@"
}

jvm() { # name, then the program's arguments
  local name=$1 command_line=()
  case $MYRIAD_STARTUP_CACHE in
    aot) [[ -s $CACHES/$name.aot ]] || TRAINING=1 ;;
    cds) [[ -s $CACHES/$name.jsa ]] || TRAINING=1 ;;
  esac
  jvm_argfiles "$name" >/dev/null || exit 1
  mapfile -t command_line < <(jvm_command "$@")
  launch "$name" "${command_line[@]}"
}
