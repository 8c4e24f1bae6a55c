# The execution engine of an interactive scripts/jshell, started by the launcher at the same moment as the tool
# (both JVMs boot at once on two cores), instead of JShell's default: a JVM the tool launches only once it is up,
# under the JDWP agent, and waits for (about 0.7 s of a 1.3 s start on JDK 25). Sourced by scripts/jshell.
#
# The engine is dev.pingkit.jshell.EngineAgent, listening on a Unix socket in a directory of the user's own
# (mktemp -d: mode 0700, so no one else can hand it code); the tool reaches it through JShell's execution SPI,
# `--execution pingkit:socket(PATH),pid(PID)` (dev.pingkit.jshell.EngineProvider, on the tool's class path). Ctrl-C
# still stops a runaway loop and keeps the session: JShell's own local stop, run in the engine (JDK 20+: the
# snippets' classes are instrumented to check for a stop at each method entry and backward branch, and a snippet
# that waits is interrupted; JDK 17: its thread is stopped). Only the first session uses it; /reset, /env and an
# engine that ended (System.exit) get JShell's default engine, as a plain jshell would.
#
# What it does not stop on JDK 20+: a pingkit call blocked in library code (a capture's collect, a long sendAll)
# runs to its own end, as the stop only reaches the snippets' own code and waits; JShell's default engine throws
# into any frame through the debugger. `scripts/jshell --execution jdi` asks for that engine.
#
# JShell's default stays when the user's arguments shape the snippets' JVM (-R..., --class-path, --execution, ...:
# the engine would have to be started exactly as JShell would), on JDKs whose local stop is unknown here (18, 19),
# or when the socket's path would not fit (length, characters the spec cannot hold).

# Whether the pre-started engine can serve a session with these user arguments, on $PINGKIT_JAVA_FEATURE.
pingkit_jshell_engine_ok() {
  local a
  [ "$PINGKIT_JAVA_FEATURE" = 17 ] || [ "$PINGKIT_JAVA_FEATURE" -ge 20 ] || return 1
  for a in "$@"; do
    case $a in
      -R*|--class-path*|-cp|-classpath|--module-path*|-p|--add-modules*|--add-exports*|--enable-preview|\
      --execution*|--enable-native-access*) return 1 ;;
    esac
  done
}

# Starts the engine in the background with JVM flags "$@" (before the class path and main class); sets
# PINGKIT_JSHELL_ENGINE to the jshell arguments that use it (PINGKIT_JSHELL_ENGINE_PID to its process), or leaves
# both empty when it cannot be started. The engine is a child of this shell, which becomes the tool by exec: when
# the tool goes, so does the engine (its stop channel ends). As a background job of a script it ignores SIGINT:
# Ctrl-C reaches the tool, which sends the stop itself.
pingkit_jshell_engine_start() {
  PINGKIT_JSHELL_ENGINE=() PINGKIT_JSHELL_ENGINE_PID=
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/pingkit-jshell.XXXXXX" 2>/dev/null) || return 0
  if [[ ! $dir =~ ^[A-Za-z0-9/._-]+$ ]] || [ ${#dir} -gt 90 ]; then
    rmdir "$dir" 2>/dev/null || true
    return 0
  fi
  "$PINGKIT_JAVA" "$@" --enable-native-access=ALL-UNNAMED -Dpingkit.java="$PINGKIT_JAVA" -cp "$PINGKIT_CP" \
    dev.pingkit.jshell.EngineAgent "$dir/engine" </dev/null >/dev/null 2>&1 &
  PINGKIT_JSHELL_ENGINE_PID=$!
  PINGKIT_JSHELL_ENGINE=(--execution "pingkit:socket($dir/engine),pid($PINGKIT_JSHELL_ENGINE_PID)")
}

# The tool's own class path: the engine's provider (in the jar, or the classes under test).
pingkit_jshell_tool_cp() {
  PINGKIT_JSHELL_TOOL_CP=(-J-cp "-J${PINGKIT_CLASSPATH:-$PINGKIT_JAR}")
}
