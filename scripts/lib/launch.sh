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

# The JVM: $JAVA_HOME if set; else a JDK 25 or newer under /usr/lib/jvm when there is one (its AOT cache starts
# pingkit faster than 17's class-data archive); else the default java (17+). Builtins only: every fork here is paid
# on each start.
pingkit_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"
    return
  fi
  local release line v best=24 found=java
  for release in /usr/lib/jvm/*/release; do
    [ -x "${release%/release}/bin/java" ] || continue
    v=$(pingkit_feature_version "$release")
    if [ "$v" -gt "$best" ]; then
      best=$v; found="${release%/release}/bin/java"
    fi
  done
  echo "$found"
}

# The feature version (17, 25, ...) from a JDK's release file; 0 when unknown.
pingkit_feature_version() {
  local line v=0
  if [ -f "$1" ]; then
    while IFS= read -r line; do
      case $line in JAVA_VERSION=*) v=${line#JAVA_VERSION=\"}; v=${v%%[.\"]*} ;; esac
    done < "$1"
  fi
  case $v in ''|*[!0-9]*) v=0 ;; esac
  echo "$v"
}

# Start-up flags for launcher NAME into the array PINGKIT_JVM_OPTS and the JVM into PINGKIT_JAVA (call after
# pingkit_prepare; further arguments are the launcher's own JVM flags, which come first because an AOT cache must be
# created with the same GC and compiler choices):
# - JDK 25+: an AOT cache per launcher (JEP 483/514). Two steps, because the one-step -XX:AOTCacheOutput prints
#   "Picked up JAVA_TOOL_OPTIONS" from its child JVM: the first run records, the next creates the cache (about
#   0.7 s, once per build) before it starts. Older JDKs: a class-data-sharing archive, written when a run exits and
#   mapped by the runs after it. Either is rewritten after the next build.
# - JNA's native dispatcher unpacked once next to the build (JNA would otherwise unpack it on every start).
# - native access allowed for JNA and JLine (Java 22+ warns without it; 17 accepts the flag). -Xshare:auto is the
#   default already, and JDK 25 refuses it next to the AOT flags.
pingkit_jvm_opts() {
  local name=$1
  shift
  PINGKIT_JAVA=$(pingkit_java)
  PINGKIT_JVM_OPTS=("$@" --enable-native-access=ALL-UNNAMED)
  local arch jar dir="$PINGKIT_HOME/target/native"
  case "$HOSTTYPE" in x86_64) arch=linux-x86-64 ;; aarch64) arch=linux-aarch64 ;; *) arch= ;; esac
  for jar in "$PINGKIT_HOME"/target/lib/jna-[0-9]*.jar; do break; done
  if [ -n "$arch" ] && [ -f "$jar" ]; then
    if { [ ! -s "$dir/libjnidispatch.so" ] || [ "$jar" -nt "$dir/libjnidispatch.so" ]; } && command -v unzip >/dev/null; then
      mkdir -p "$dir" 2>/dev/null && unzip -p "$jar" "com/sun/jna/$arch/libjnidispatch.so" \
        > "$dir/libjnidispatch.so.$$" 2>/dev/null && mv -f "$dir/libjnidispatch.so.$$" "$dir/libjnidispatch.so" \
        || rm -f "$dir/libjnidispatch.so.$$"
    fi
    if [ -s "$dir/libjnidispatch.so" ]; then
      PINGKIT_JVM_OPTS+=(-Djna.boot.library.path="$dir" -Djna.nounpack=true)
    fi
  fi
  [ -z "${PINGKIT_CLASSPATH:-}" ] || return 0 # classes under test: no archive
  local home feature archive
  case $PINGKIT_JAVA in
    */bin/java) home=${PINGKIT_JAVA%/bin/java} ;;
    *) home=$(readlink -f "$(command -v "$PINGKIT_JAVA")"); home=${home%/bin/java} ;;
  esac
  feature=$(pingkit_feature_version "$home/release")
  # One archive per launcher and JDK: an archive maps only into the JVM that wrote it.
  archive="$PINGKIT_HOME/target/$name-${home##*/}"
  if [ "$feature" -ge 25 ]; then
    if { [ ! -f "$archive.aot" ] || [ "$PINGKIT_JAR" -nt "$archive.aot" ]; } \
       && [ -f "$archive.aotconf" ] && [ "$archive.aotconf" -nt "$PINGKIT_JAR" ]; then
      "$PINGKIT_JAVA" "${PINGKIT_JVM_OPTS[@]}" -XX:AOTMode=create -XX:AOTConfiguration="$archive.aotconf" \
        -XX:AOTCache="$archive.aot.$$" -cp "$PINGKIT_CP" >/dev/null 2>&1 \
        && mv -f "$archive.aot.$$" "$archive.aot" || rm -f "$archive.aot.$$"
    fi
    if [ -f "$archive.aot" ] && [ "$archive.aot" -nt "$PINGKIT_JAR" ]; then
      PINGKIT_JVM_OPTS+=(-XX:AOTCache="$archive.aot" -Xlog:aot=off -Xlog:cds=off)
    elif [ -w "$PINGKIT_HOME/target" ]; then
      PINGKIT_JVM_OPTS+=(-XX:AOTMode=record -XX:AOTConfiguration="$archive.aotconf" -Xlog:aot=off -Xlog:cds=off)
    fi
  else
    if [ -f "$archive.jsa" ] && [ "$archive.jsa" -nt "$PINGKIT_JAR" ]; then
      PINGKIT_JVM_OPTS+=(-XX:SharedArchiveFile="$archive.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
    elif [ -w "$PINGKIT_HOME/target" ]; then
      PINGKIT_JVM_OPTS+=(-XX:ArchiveClassesAtExit="$archive.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
    fi
  fi
}
