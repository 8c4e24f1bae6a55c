# Shared by the launchers in scripts/: find the project, build it on first use (or when sources changed), pick the
# JVM and the start-up flags. Sourced, not run. A new launcher is four lines (see scripts/ping):
#
#   #!/usr/bin/env bash
#   set -euo pipefail
#   self=${BASH_SOURCE[0]}; [ -L "$self" ] && self=$(readlink -f "$self"); [[ $self == */* ]] || self=./$self
#   . "${self%/*}/lib/launch.sh"
#   pingkit_exec NAME MAIN-CLASS [JVM flags...] -- "$@"
#
# (the third line lets `ln -s .../scripts/ping ~/bin/pkping` work; a launcher that loads only some of the jars
# names them first, after the `.` line: PINGKIT_JARS="jna commons-cli", see pingkit_prepare). The older form still works:
#   pingkit_prepare; pingkit_jvm_opts NAME [JVM flags...]
#   exec "$PINGKIT_JAVA" "${PINGKIT_JVM_OPTS[@]}" -cp "$PINGKIT_CP" MAIN-CLASS "$@"
#
# Start-up costs matter (a one-packet ping takes ~0.1 s): an up-to-date start uses builtins only, with no subshell
# and no other program (each fork and exec costs a millisecond or more, several on a loaded machine).

# A closed fd 0, 1 or 2 would be taken by the first file the JVM opens: with fd 0 closed that is the JDK's
# lib/modules, which fping then read as targets (a resolver query per garbage line) and the REPL as a script, until
# the JVM crashed. So each closed one is held on /dev/null, opened read-only: stdin reads as empty, and a write to
# stdout or stderr still fails with EBADF as on the closed descriptor (ping's "write error" for >&-, as iputils).
# The probe duplicates onto fd 9 (bash takes `0<&0` as a no-op that never fails); the probe of fd 2 is not
# redirected, as its complaint goes to fd 2, the one that is closed.
{ : 9<&0; } 2>/dev/null || exec 0</dev/null
{ : 9<&1; } 2>/dev/null || exec 1</dev/null
: 9<&2 || exec 2</dev/null

# The project's physical path (symbolic links resolved, so every run names the jars and archives alike). `cd -P`
# in this shell and back is builtins only, where `$(cd ... && pwd -P)` forked a subshell (~1.5 ms); it is taken
# only when the way back is sure (the current directory still reachable by its name, and searchable), and
# leaves PWD and OLDPWD as they were, as the JVM inherits them. Otherwise, the subshell.
pingkit_home() {
  local dir=$1 here=$PWD before=${OLDPWD-} had_old=${OLDPWD+1}
  if [ -n "$here" ] && [ "$here" -ef . ] && [ -x . ] && CDPATH='' cd -P -- "$dir" 2>/dev/null; then
    PINGKIT_HOME=$PWD
    CDPATH='' cd -- "$here" || pingkit_die "cannot return to $here"
    if [ -n "$had_old" ]; then OLDPWD=$before; else unset OLDPWD; fi
  else
    PINGKIT_HOME=$(CDPATH= cd -P -- "$dir" && pwd -P)
  fi
}
if [ -z "${PINGKIT_HOME:-}" ]; then
  PINGKIT_HOME=${BASH_SOURCE[0]}
  [ -L "$PINGKIT_HOME" ] && PINGKIT_HOME=$(readlink -f "$PINGKIT_HOME")
  [[ $PINGKIT_HOME == */* ]] || PINGKIT_HOME=./$PINGKIT_HOME
  pingkit_home "${PINGKIT_HOME%/*}/../.."
fi
export PINGKIT_HOME
PINGKIT_TARGET="$PINGKIT_HOME/target"
PINGKIT_JAR="$PINGKIT_TARGET/pingkit.jar"
# Written after each build the launchers run (its time is the build's start; its lines say what was built):
# staleness is judged against it, never against the jar, whose bytes and time stay the same when a rebuild changes
# nothing (reproducible builds).
PINGKIT_STAMP="$PINGKIT_TARGET/launch.stamp"
PINGKIT_CP=
PINGKIT_NATIVE=
unset PINGKIT_JARS # a launcher's own choice (pingkit_prepare), never inherited

# One line on stderr and exit 2, as a usage error.
pingkit_die() {
  echo "pingkit: $*" >&2
  exit 2
}

# Whether FILE may be loaded: owned by the running user or by root. Anything else is refused with one line: a
# library, an archive or a jar someone else could have written would run as us.
pingkit_trust() {
  [ -O "$1" ] && return 0
  local owner
  owner=$(stat -c %u -- "$1" 2>/dev/null) || owner='?'
  [ "$owner" = 0 ] && return 0
  pingkit_die "refusing to load $1: it is owned by uid $owner, not by you (uid $EUID) or root; remove it (or run as its owner)"
}

# Whether the build is up to date: the stamp, the jar and the class-path file exist and nothing under src/main,
# the pom or the Maven wrapper settings is newer than the stamp (to the nanosecond, as `find -newer` compared). The
# glob lists directories too, and deleting or renaming a file changes its directory's time, so a deleted source
# counts as a change. A bash glob rather than `find`: no process to start (~3 ms of a one-packet ping); the
# shell's globbing options are put back as they were.
pingkit_fresh() {
  [ -f "$PINGKIT_STAMP" ] && [ -f "$PINGKIT_JAR" ] && [ -f "$PINGKIT_TARGET/classpath" ] || return 1
  local f o stale=0 off=()
  for o in globstar dotglob; do shopt -q "$o" || off+=("$o"); done
  shopt -s globstar dotglob
  # (a pattern that matches nothing stays as written and names no file, so it is never newer)
  for f in "$PINGKIT_HOME/src/main" "$PINGKIT_HOME/src/main/"** "$PINGKIT_HOME/pom.xml" "$PINGKIT_HOME/.mvn" \
           "$PINGKIT_HOME/.mvn/"**; do
    if [[ $f -nt $PINGKIT_STAMP ]]; then # [[ ]], not [ ]: no builtin's argument parsing, ~0.4 ms of ~290 tests
      stale=1
      break
    fi
  done
  [ ${#off[@]} = 0 ] || shopt -u "${off[@]}"
  [ "$stale" = 0 ]
}

# Builds with the Maven Wrapper when stale. One build at a time (a lock in target/; a second launcher waits, then
# finds the build done); the stamp is written to a temporary file and renamed, and carries the build's start time
# (to the nanosecond, from a file made then), so a source saved during the build still counts as newer.
pingkit_build() {
  pingkit_fresh && return 0
  mkdir -p "$PINGKIT_TARGET" 2>/dev/null || pingkit_die "cannot create $PINGKIT_TARGET"
  local lock_fd
  if command -v flock >/dev/null 2>&1 && exec {lock_fd}>>"$PINGKIT_TARGET/.build.lock"; then
    flock "$lock_fd"
    if pingkit_fresh; then
      exec {lock_fd}>&-
      return 0
    fi
  fi
  local log
  # The stamp's time is the build's start: a source saved while Maven runs stays newer than the stamp.
  : >"$PINGKIT_STAMP.$$"
  echo "pingkit: building (first use or sources changed)..." >&2
  log=$(mktemp)
  if ! (cd "$PINGKIT_HOME" && ./mvnw -q -B -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
          package >"$log" 2>&1); then
    cat "$log" >&2; rm -f "$log" "$PINGKIT_STAMP.$$"
    pingkit_die "build failed (see above)"
  fi
  rm -f "$log"
  pingkit_unpack_native
  { echo "built by launcher"; [ -z "$PINGKIT_NATIVE" ] || echo "native $PINGKIT_NATIVE"; } >"$PINGKIT_STAMP.new.$$"
  touch -r "$PINGKIT_STAMP.$$" "$PINGKIT_STAMP.new.$$" && mv -f "$PINGKIT_STAMP.new.$$" "$PINGKIT_STAMP"
  rm -f "$PINGKIT_STAMP.$$"
  [ -z "${lock_fd:-}" ] || exec {lock_fd}>&-
}

# JNA's native dispatcher, unpacked once per build (JNA would otherwise unpack it on every start) into a directory
# named after the JNA jar's name and checksum, so a new JNA never runs over an old library whatever the files' times.
pingkit_unpack_native() {
  PINGKIT_NATIVE=
  local arch jar= entry entries sum dir
  case "$HOSTTYPE" in x86_64) arch=linux-x86-64 ;; aarch64) arch=linux-aarch64 ;; *) return 0 ;; esac
  command -v unzip >/dev/null 2>&1 || return 0
  IFS=: read -r -a entries <"$PINGKIT_TARGET/classpath" || true # no final newline
  for entry in "${entries[@]}"; do
    case ${entry##*/} in jna-[0-9]*.jar) jar="$PINGKIT_TARGET/$entry" ;; esac
  done
  [ -n "$jar" ] && [ -f "$jar" ] || return 0
  sum=$(sha256sum "$jar") && sum=${sum%% *}
  dir="native/${jar##*/}-${sum:0:16}"
  if [ ! -s "$PINGKIT_TARGET/$dir/libjnidispatch.so" ]; then
    mkdir -p "$PINGKIT_TARGET/$dir" \
      && unzip -p "$jar" "com/sun/jna/$arch/libjnidispatch.so" >"$PINGKIT_TARGET/$dir/libjnidispatch.so.$$" 2>/dev/null \
      && mv -f "$PINGKIT_TARGET/$dir/libjnidispatch.so.$$" "$PINGKIT_TARGET/$dir/libjnidispatch.so" \
      || { rm -f "$PINGKIT_TARGET/$dir/libjnidispatch.so.$$"; return 0; }
  fi
  PINGKIT_NATIVE=$dir
}

# The class path to run, into PINGKIT_CP: PINGKIT_CLASSPATH when set (the tests run the launchers against the
# classes under test, without building a jar mid-run), else the jar plus exactly the jars of target/classpath
# (written by the build; no wildcard, so a stray jar in target/lib is never loaded), building first when needed.
# PINGKIT_JARS, when a launcher sets it, names the artifacts it needs ("jna commons-cli"): the other jars of
# target/classpath stay off its class path. Not for tidiness: JNA's first use starts java.util.logging, which looks
# for a System.LoggerFinder service by opening every jar on the class path, and the prober's (Prometheus, SnakeYAML,
# Bouncy Castle: 6 MB, signed) made that ~40 ms of a one-packet ping (issue 24).
pingkit_prepare() {
  if [ -n "${PINGKIT_CLASSPATH:-}" ]; then
    PINGKIT_CP="$PINGKIT_CLASSPATH"
    return 0
  fi
  pingkit_build
  local key value entry entries want keep
  PINGKIT_NATIVE=
  while read -r key value; do
    case $key in native) PINGKIT_NATIVE=$value ;; esac
  done <"$PINGKIT_STAMP"
  case $PINGKIT_NATIVE in native/*/*|*..*|*[!A-Za-z0-9._/-]*) PINGKIT_NATIVE= ;; native/?*) ;; *) PINGKIT_NATIVE= ;; esac
  pingkit_trust "$PINGKIT_JAR"
  PINGKIT_CP=$PINGKIT_JAR
  IFS=: read -r -a entries <"$PINGKIT_TARGET/classpath" || true # no final newline
  for entry in "${entries[@]}"; do
    case $entry in lib/*) ;; *) pingkit_die "unexpected entry '$entry' in $PINGKIT_TARGET/classpath; remove target/ and retry" ;; esac
    if [ -n "${PINGKIT_JARS:-}" ]; then
      keep=0
      for want in $PINGKIT_JARS; do
        case ${entry#lib/} in "$want"-[0-9]*.jar) keep=1; break ;; esac
      done
      [ "$keep" = 1 ] || continue
    fi
    pingkit_trust "$PINGKIT_TARGET/$entry"
    PINGKIT_CP+=":$PINGKIT_TARGET/$entry"
  done
}

# The JVM, as an absolute path into PINGKIT_JAVA, and its feature version into PINGKIT_JAVA_FEATURE: $JAVA_HOME if
# set; else a JDK 25 or newer under /usr/lib/jvm when there is one (its AOT cache starts pingkit faster than 17's
# class-data archive); else the `java` on PATH. Anything older than 17 is refused with one line.
pingkit_java() {
  local release v best=24 found=
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    found="$JAVA_HOME/bin/java"
  else
    for release in /usr/lib/jvm/*/release; do
      [ -x "${release%/release}/bin/java" ] || continue
      pingkit_feature_version "$release"
      v=$PINGKIT_FEATURE
      if [ "$v" -gt "$best" ]; then
        best=$v; found="${release%/release}/bin/java"
      fi
    done
    if [ -z "$found" ]; then
      local on_path dir dirs
      IFS=: read -r -a dirs <<<"$PATH"
      for dir in "${dirs[@]}"; do
        [ -x "${dir:-.}/java" ] && [ ! -d "${dir:-.}/java" ] && { on_path=${dir:-.}/java; break; }
      done
      [ -n "${on_path:-}" ] \
        || pingkit_die "no java found; pingkit needs a JDK 17 or newer (set JAVA_HOME, or apt-get install openjdk-17-jdk)"
      # The JDK it belongs to, for its release file: usually a link (via /etc/alternatives) into /usr/lib/jvm,
      # matched there by -ef (the same file) without running readlink.
      for release in /usr/lib/jvm/*/release; do
        [ "${release%/release}/bin/java" -ef "$on_path" ] && { found=${release%/release}/bin/java; break; }
      done
      [ -n "$found" ] || found=$(readlink -f "$on_path")
    fi
  fi
  PINGKIT_JAVA=$found
  pingkit_feature_version "${found%/bin/java}/release"
  PINGKIT_JAVA_FEATURE=$PINGKIT_FEATURE
  if [ "$PINGKIT_JAVA_FEATURE" = 0 ]; then
    # No release file (an unusual layout): ask the JVM itself, once.
    v=$("$found" -version 2>&1) || true
    v=${v#*version \"}; v=${v%%[.\"]*}; [ "$v" = 1 ] && v=8
    case $v in ''|*[!0-9]*) v=0 ;; esac
    PINGKIT_JAVA_FEATURE=$v
  fi
  if [ "$PINGKIT_JAVA_FEATURE" -lt 17 ]; then
    pingkit_die "$found is Java ${PINGKIT_JAVA_FEATURE/#0/(unknown version)}; pingkit needs 17 or newer (set JAVA_HOME to a JDK 17+)"
  fi
}

# The feature version (17, 25, ...) from a JDK's release file into PINGKIT_FEATURE; 0 when unknown. Builtins only,
# and a variable rather than output: `$(...)` would fork a subshell per JDK looked at.
pingkit_feature_version() {
  local line v=0
  if [ -f "$1" ]; then
    while IFS= read -r line; do
      case $line in JAVA_VERSION=*) v=${line#JAVA_VERSION=\"}; v=${v%%[.\"]*} ;; esac
    done <"$1"
  fi
  case $v in ''|*[!0-9]*) v=0 ;; esac
  PINGKIT_FEATURE=$v
}

# A finished archive a JVM wrote at exit under NAME.<pid> (the JVM writes in place, so it gets a name of its own):
# once that process is gone, the newest such file becomes NAME by rename; files of a build older than the stamp go.
pingkit_adopt() {
  local final=$1 f pid
  for f in "$final".[0-9]*; do
    [ -f "$f" ] || continue
    pid=${f##*.}
    case $pid in *[!0-9]*) continue ;; esac
    kill -0 "$pid" 2>/dev/null && continue
    if [ -O "$f" ] && [ "$f" -nt "$PINGKIT_STAMP" ]; then
      mv -f "$f" "$final" 2>/dev/null || true
    else
      rm -f "$f" 2>/dev/null || true
    fi
  done
}

# Start-up flags for launcher NAME into the array PINGKIT_JVM_OPTS and the JVM into PINGKIT_JAVA (call after
# pingkit_prepare; further arguments are the launcher's own JVM flags, which come first because an AOT cache must be
# created with the same GC and compiler choices):
# - JDK 25+: an AOT cache per launcher (JEP 483/514). Two steps, because the one-step -XX:AOTCacheOutput prints
#   "Picked up JAVA_TOOL_OPTIONS" from its child JVM: a run records, the next creates the cache (about 0.7 s, once
#   per build) before it starts. Older JDKs: a class-data-sharing archive, written when a run exits and mapped by the
#   runs after it. Either is rewritten after the next build; each is written under a name of its own and renamed.
# - the JNA dispatcher unpacked by the build (pingkit_unpack_native).
# - native access allowed for JNA and JLine (Java 22+ warns without it; 17 accepts the flag). -Xshare:auto is the
#   default already, and JDK 25 refuses it next to the AOT flags.
# - -XX:-UsePerfData: no hsperfdata file to create and map at start (only jps/jstat would read it).
# - JDK 25+, a cache and C1 only (-XX:TieredStopAtLevel=1, the one-shot commands): -XX:-AOTReplayTraining. The
#   cache's training data (method profiles, compile decisions) is for a JIT that warms up through the tiers; a
#   C1-only start gains nothing from replaying it and was measured faster without (issue 24).
# - -XX:-DisplayVMOutput: HotSpot's own messages (a thread dump on SIGQUIT, "AOTConfiguration recorded: ...")
#   would land in the command's stdout.
# - pingkit.java names the JVM actually used, for messages that tell the user what to run or grant.
# - The archive keeps the classes of the run that recorded it, until the next build: a run that only prints its
#   version or help (pingkit_informational) records nothing, or a one-packet ping would load JNA, the engine and
#   the printer from the jar ever after (measured 1.6-1.8x slower, JDK 25). Such a run sets PINGKIT_NO_TRAINING.
# Everything loaded from target/ must belong to the running user or root (pingkit_trust).
pingkit_jvm_opts() {
  local name=$1 flag c1_only=0
  shift
  for flag in "$@"; do [ "$flag" = -XX:TieredStopAtLevel=1 ] && c1_only=1; done
  pingkit_java
  PINGKIT_JVM_OPTS=("$@" --enable-native-access=ALL-UNNAMED -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput
    -XX:-UsePerfData -Dpingkit.java="$PINGKIT_JAVA" -Dpingkit.launcher="$name")
  if [ -n "$PINGKIT_NATIVE" ] && [ -f "$PINGKIT_TARGET/$PINGKIT_NATIVE/libjnidispatch.so" ]; then
    pingkit_trust "$PINGKIT_TARGET/$PINGKIT_NATIVE/libjnidispatch.so"
    PINGKIT_JVM_OPTS+=(-Djna.boot.library.path="$PINGKIT_TARGET/$PINGKIT_NATIVE" -Djna.nounpack=true)
  fi
  [ -z "${PINGKIT_CLASSPATH:-}" ] || return 0 # classes under test: no archive
  local home=${PINGKIT_JAVA%/bin/java} archive quiet=(-Xlog:cds=off)
  # One archive per launcher and JDK: an archive maps only into the JVM that wrote it. A launcher's PINGKIT_JARS is
  # in the name too: an archive made over another class path would be refused, silently, until the next build.
  archive="$PINGKIT_TARGET/$name-${home##*/}"
  [ -z "${PINGKIT_JARS:-}" ] || archive+=".${PINGKIT_JARS// /+}"
  if [ "$PINGKIT_JAVA_FEATURE" -ge 25 ]; then
    quiet+=(-Xlog:aot=off)
    pingkit_adopt "$archive.aotconf"
    if { [ ! -f "$archive.aot" ] || [ "$PINGKIT_STAMP" -nt "$archive.aot" ]; } \
       && [ -f "$archive.aotconf" ] && [ "$archive.aotconf" -nt "$PINGKIT_STAMP" ]; then
      pingkit_trust "$archive.aotconf"
      "$PINGKIT_JAVA" "${PINGKIT_JVM_OPTS[@]}" -XX:AOTMode=create -XX:AOTConfiguration="$archive.aotconf" \
        -XX:AOTCache="$archive.aot.$$" -cp "$PINGKIT_CP" >/dev/null 2>&1 \
        && mv -f "$archive.aot.$$" "$archive.aot" || rm -f "$archive.aot.$$"
    fi
    if [ -f "$archive.aot" ] && [ "$archive.aot" -nt "$PINGKIT_STAMP" ]; then
      pingkit_trust "$archive.aot"
      PINGKIT_JVM_OPTS+=(-XX:AOTCache="$archive.aot" "${quiet[@]}")
      [ "$c1_only" = 0 ] || PINGKIT_JVM_OPTS+=(-XX:-AOTReplayTraining)
    elif [ -w "$PINGKIT_TARGET" ]; then
      # exec keeps the pid: $$ is the JVM's pid, which pingkit_adopt checks before taking the file.
      [ -n "${PINGKIT_NO_TRAINING:-}" ] \
        || PINGKIT_JVM_OPTS+=(-XX:AOTMode=record -XX:AOTConfiguration="$archive.aotconf.$$" "${quiet[@]}")
    fi
  else
    quiet+=(-Xlog:cds+dynamic=off)
    pingkit_adopt "$archive.jsa"
    if [ -f "$archive.jsa" ] && [ "$archive.jsa" -nt "$PINGKIT_STAMP" ]; then
      pingkit_trust "$archive.jsa"
      PINGKIT_JVM_OPTS+=(-XX:SharedArchiveFile="$archive.jsa" "${quiet[@]}")
    elif [ -w "$PINGKIT_TARGET" ]; then
      [ -n "${PINGKIT_NO_TRAINING:-}" ] || PINGKIT_JVM_OPTS+=(-XX:ArchiveClassesAtExit="$archive.jsa.$$" "${quiet[@]}")
    fi
  fi
}

# Into the array PINGKIT_INT_RESET: `env --default-signal=INT` when this shell started with SIGINT ignored (a
# script's background job does), empty otherwise. The JVM keeps an inherited ignored SIGINT ignored, while ping,
# fping and traceroute take Ctrl-C whatever they inherited; env is one exec more (~2 ms), so only when needed. The
# mask comes from /proc (builtins only), read whole in one `read` (line by line it took ~0.7 ms); without /proc,
# or without a SigIgn line there, env always.
pingkit_int_reset() {
  local status= ignored=1
  PINGKIT_INT_RESET=(env --default-signal=INT)
  if [ -r /proc/$$/status ]; then
    IFS= read -r -d '' status </proc/$$/status || true # -d '': to the end (read then says "no delimiter")
    if [[ $status =~ SigIgn:[[:blank:]]*([0-9a-fA-F]+) ]]; then
      ignored=$(( 0x${BASH_REMATCH[1]} >> 1 & 1 ))
    fi
  fi
  [ "$ignored" = 1 ] || PINGKIT_INT_RESET=()
}

# Whether the program arguments only ask for the version or the help (or are none: a usage message), so the run
# is no sample of real work for an archive to keep. Sets PINGKIT_NO_TRAINING when they do.
pingkit_informational() {
  local a
  for a in "$@"; do
    case $a in -V|--version|-h|--help) ;; *) return 1 ;; esac
  done
  PINGKIT_NO_TRAINING=1
}

# The whole launcher: pingkit_exec NAME MAIN-CLASS [JVM flags...] -- [program arguments...]. Builds when needed,
# picks the JVM and its flags, and replaces the shell with the JVM (so signals reach Java directly).
pingkit_exec() {
  local name=$1 main=$2 flags=()
  shift 2
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    flags+=("$1"); shift
  done
  [ $# -gt 0 ] && shift
  pingkit_informational "$@" || true
  pingkit_prepare
  pingkit_jvm_opts "$name" ${flags[@]+"${flags[@]}"}
  exec "$PINGKIT_JAVA" "${PINGKIT_JVM_OPTS[@]}" -cp "$PINGKIT_CP" "$main" "$@"
}
