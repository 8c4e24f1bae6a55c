# Shared by the launchers in scripts/: find the project, build it on first use (or when sources changed),
# pick the JVM and the start-up flags. Sourced, not run.

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

# The class path to run: PINGKIT_CLASSPATH when set (the tests run the launchers against the classes under test,
# without building a jar mid-run), else the built jar, building it first when needed.
pingkit_prepare() {
  if [ -n "${PINGKIT_CLASSPATH:-}" ]; then
    PINGKIT_CP="$PINGKIT_CLASSPATH"
  else
    pingkit_build
  fi
}

# The JVM: $JAVA_HOME if set, else the default java (17 or newer).
pingkit_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"
  else
    echo java
  fi
}

# Start-up flags for launcher NAME into the array PINGKIT_JVM_OPTS (call after pingkit_prepare):
# - a class-data-sharing archive per launcher and JVM (an archive maps only into the JVM that wrote it), written
#   when a run exits and mapped by the runs after it; a stale one is rewritten after the next build;
# - JNA's native dispatcher unpacked once next to the build (JNA would otherwise unpack it on every start);
# - native access allowed for JNA and JLine (Java 22+ warns without it; 17 accepts the flag).
pingkit_jvm_opts() {
  local name=$1 java
  java=$(pingkit_java)
  PINGKIT_JVM_OPTS=(-Xshare:auto --enable-native-access=ALL-UNNAMED)
  if [ -z "${PINGKIT_CLASSPATH:-}" ]; then
    local jvm_id archive
    jvm_id=$(readlink -f "$(command -v "$java")" 2>/dev/null | cksum | cut -d' ' -f1)
    archive="$PINGKIT_HOME/target/$name-$jvm_id.jsa"
    if [ -f "$archive" ] && [ "$archive" -nt "$PINGKIT_JAR" ]; then
      PINGKIT_JVM_OPTS+=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
    elif [ -w "$PINGKIT_HOME/target" ]; then
      PINGKIT_JVM_OPTS+=(-XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
    fi
  fi
  local arch jar dir="$PINGKIT_HOME/target/native"
  case "$(uname -m)" in x86_64) arch=linux-x86-64 ;; aarch64) arch=linux-aarch64 ;; *) return 0 ;; esac
  jar=$(ls "$PINGKIT_HOME"/target/lib/jna-[0-9]*.jar 2>/dev/null | head -n 1 || true)
  if [ -n "$jar" ] && command -v unzip >/dev/null 2>&1; then
    if [ ! -s "$dir/libjnidispatch.so" ] || [ "$jar" -nt "$dir/libjnidispatch.so" ]; then
      mkdir -p "$dir" 2>/dev/null && unzip -p "$jar" "com/sun/jna/$arch/libjnidispatch.so" \
        > "$dir/libjnidispatch.so.$$" 2>/dev/null && mv -f "$dir/libjnidispatch.so.$$" "$dir/libjnidispatch.so" \
        || rm -f "$dir/libjnidispatch.so.$$"
    fi
    if [ -s "$dir/libjnidispatch.so" ]; then
      PINGKIT_JVM_OPTS+=(-Djna.boot.library.path="$dir" -Djna.nounpack=true)
    fi
  fi
}
