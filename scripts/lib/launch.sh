# Shared by the launchers in scripts/: find the project, build it on first use (or when sources changed),
# and pick the JVM. Sourced, not run.

PINGKIT_HOME="${PINGKIT_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
export PINGKIT_HOME
PINGKIT_JAR="$PINGKIT_HOME/target/pingkit.jar"
PINGKIT_CP="$PINGKIT_JAR:$PINGKIT_HOME/target/lib/*"

# Rebuild when the jar is missing or anything under src/main or the pom is newer than it. `find -quit`
# stops at the first hit, so an up-to-date check costs a few milliseconds.
pingkit_build() {
  if [ -f "$PINGKIT_JAR" ] && [ -d "$PINGKIT_HOME/target/lib" ] \
     && [ -z "$(find "$PINGKIT_HOME/src/main" "$PINGKIT_HOME/pom.xml" -newer "$PINGKIT_JAR" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    echo "pingkit: Maven (mvn) is needed to build pingkit on first use; install it (apt-get install maven)" >&2
    exit 2
  fi
  echo "pingkit: building (first use or sources changed)..." >&2
  local log
  log=$(mktemp)
  if ! (cd "$PINGKIT_HOME" && mvn -q -B -DskipTests package >"$log" 2>&1); then
    cat "$log" >&2; rm -f "$log"
    echo "pingkit: build failed (see above)" >&2
    exit 2
  fi
  rm -f "$log"
}

# The JVM: $JAVA_HOME if set, else the default java (17 or newer).
pingkit_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"
  else
    echo java
  fi
}
