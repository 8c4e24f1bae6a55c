# JDK 25's AOT caches (JEP 483/514/515; on 17 to 24 dynamic class-data archives) for the two JVMs of an
# interactive scripts/jshell: the tool's (javac and the tool itself, the bulk of the start-up) and the execution
# engine's (jshell-engine.sh: the JVM the snippets run in). Sourced by scripts/jshell; call pingkit_jshell_aot after
# pingkit_jshell_docs with the arguments the session will get. It sets PINGKIT_JSHELL_AOT to the -J flags that map
# the tool's cache and PINGKIT_JSHELL_ENGINE_AOT to the engine's JVM flags, made first when missing or older than
# the build or than jshell-startup.jsh: one scripted session (a few snippets, then /exit) trains both JVMs, under
# names of their own, then renamed (about 10 s, said on stderr). The engine runs without a debugger agent, so its
# cache keeps the classes linked too. Nothing with PINGKIT_CLASSPATH (classes under test), or when the caches
# cannot be made: they only make the start faster. (A session on JShell's default engine, see jshell-engine.sh,
# still maps the tool's cache.)
pingkit_jshell_aot() {
  PINGKIT_JSHELL_AOT=() PINGKIT_JSHELL_ENGINE_AOT=()
  [ -z "${PINGKIT_CLASSPATH:-}" ] || return 0
  local home=${PINGKIT_JAVA%/bin/java} base tool remote lock_fd= quiet tool_flags engine ext write read q
  # JDK 25: AOT caches (written in one step as a JVM exits); 17 to 24: dynamic class-data archives (the same).
  if [ "$PINGKIT_JAVA_FEATURE" -ge 25 ]; then
    ext=aot write=-XX:AOTCacheOutput= read=-XX:AOTCache= q=(-Xlog:aot=off -Xlog:cds=off)
  else
    ext=jsa write=-XX:ArchiveClassesAtExit= read=-XX:SharedArchiveFile= q=(-Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
  base="$PINGKIT_TARGET/jshell/${home##*/}"
  tool=$base.tool.$ext remote=$base.engine.$ext
  quiet=("${q[@]/#/-J}")
  # The tool's JVM compiles a few small snippets with javac and waits for the user: C1 alone reaches its speed
  # soonest, and the serial collector starts with the least work (on 2 busy cores, about half its CPU time). The
  # snippets' JVM keeps its defaults: what a learner's loop runs on is the JDK's usual JVM.
  tool_flags=(-J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC)
  if ! pingkit_jshell_aot_fresh "$tool" "$remote"; then
    mkdir -p "$PINGKIT_TARGET/jshell" 2>/dev/null || return 0
    if command -v flock >/dev/null 2>&1 && exec {lock_fd}>>"$PINGKIT_TARGET/jshell/.aot.lock"; then
      flock "$lock_fd"
    fi
    if ! pingkit_jshell_aot_fresh "$tool" "$remote"; then
      echo "pingkit: preparing JShell's start-up caches for ${home##*/} (once per build, about 10 s)..." >&2
      rm -f "$tool.$$" "$remote.$$"
      # The training session runs as a user's does: the engine started beside the tool (jshell-engine.sh).
      # Each JVM writes its cache as it exits: the tool's by the time jshell returns, the engine's (a child of
      # this shell) by the time `wait` returns.
      pingkit_jshell_engine_start "$write$remote.$$" "${q[@]}"
      engine=${PINGKIT_JSHELL_ENGINE_PID:-}
      printf '%s\n' 'var probe = Echo.to("127.0.0.1").id(7).seq(1).payload("hi")' 'probe.toBytes()' \
          'println(probe.show())' 'int twice(int x) { return 2 * x; }' 'twice(21)' '/exit' \
        | "$PINGKIT_JSHELL" "-J$write$tool.$$" "${tool_flags[@]}" "${quiet[@]}" \
             ${PINGKIT_JSHELL_ENGINE[@]+"${PINGKIT_JSHELL_ENGINE[@]}"} "$@" >/dev/null 2>&1 || true
      [ -z "$engine" ] || wait "$engine" 2>/dev/null || true
      if [ -s "$tool.$$" ] && [ -s "$remote.$$" ]; then
        mv -f "$tool.$$" "$tool" && mv -f "$remote.$$" "$remote" || true
      else
        echo "pingkit: JShell starts without its caches: the training session made none" >&2
      fi
      rm -f "$tool.$$" "$remote.$$" "$tool.$$.config" "$remote.$$.config"
    fi
    [ -z "$lock_fd" ] || exec {lock_fd}>&-
  fi
  pingkit_jshell_aot_fresh "$tool" "$remote" || return 0
  pingkit_trust "$tool"
  pingkit_trust "$remote"
  PINGKIT_JSHELL_AOT=("-J$read$tool" "${tool_flags[@]}" "${quiet[@]}")
  PINGKIT_JSHELL_ENGINE_AOT=("$read$remote" "${q[@]}")
}

# Whether both caches exist and are newer than the build and the start-up file the training ran.
pingkit_jshell_aot_fresh() {
  local f
  for f in "$1" "$2"; do
    [ -s "$f" ] && [ ! "$PINGKIT_STAMP" -nt "$f" ] && [ ! "$PINGKIT_HOME/jshell-startup.jsh" -nt "$f" ] || return 1
  done
}
