# Row 8 of scripts/bench: scripts/jshell's start-up beside the bare jshell of the same JDK, sourced by bench (after
# its helpers: pair-free here, the two sides alternate in one loop). Each run is a whole session to a first result,
# as a learner meets it: start, the DEFAULT and pingkit start-up, one expression evaluated and printed, /exit; and a
# script (the same expression from a file, `scripts/jshell FILE.jsh` vs `jshell FILE` with its /exit). The caches
# scripts/jshell prepares once per build are made before the timed runs. Sets JSHELL_ROW (table lines) and
# JSHELL_NOTE.
jshell_row() {
  local n=$1 i a p jdk bare s
  jdk=${PINGKIT_JAVA%/bin/java}
  bare=$jdk/bin/jshell
  JSHELL_ROW= JSHELL_NOTE=
  if [ ! -x "$bare" ]; then
    JSHELL_ROW="| 8 | jshell start-up | - | - | - | ≤ 0.7 |"
    JSHELL_NOTE="Row 8: no jshell in $jdk."
    return 0
  fi
  s=$WORK/jshell
  mkdir -p "$s"
  printf 'System.out.println(6 * 7)\n' >"$s/first.jsh"
  printf 'System.out.println(6 * 7)\n/exit\n' >"$s/bare.jsh"
  # the one-time work (build, docs overlay, AOT caches, the script launcher's cache) outside the timed runs
  for i in 1 2; do
    printf '6 * 7\n/exit\n' | "$PINGKIT_HOME/scripts/jshell" >/dev/null 2>&1 || true
    "$PINGKIT_HOME/scripts/jshell" "$s/first.jsh" >/dev/null 2>&1 || true
  done
  R[js.bare]= R[js.pk]= R[jss.bare]= R[jss.pk]=
  for ((i = 0; i < n; i++)); do
    a=$(jshell_time sh -c "printf '6 * 7\n/exit\n' | '$bare' -q") && add js.bare "$a"
    p=$(jshell_time sh -c "printf '6 * 7\n/exit\n' | '$PINGKIT_HOME/scripts/jshell' -q") && add js.pk "$p"
    p=$(jshell_time "$PINGKIT_HOME/scripts/jshell" "$s/first.jsh") && add jss.pk "$p"
    a=$(jshell_time "$bare" -q "$s/bare.jsh") && add jss.bare "$a"
  done
  a=$(vals js.bare | median); p=$(vals js.pk | median)
  JSHELL_ROW="| 8 | jshell to a first result (s): a session, start-up to 6 * 7 printed and /exit | $(fmt "$p") | $(fmt "$a") (jshell of ${jdk##*/}) | $(ratio "$p" "$a") | ≤ 0.7 |"
  a=$(vals jss.bare | median); p=$(vals jss.pk | median)
  JSHELL_ROW+=$'\n'"| 8 | jshell FILE.jsh (s): a one-line script, start to exit | $(fmt "$p") | $(fmt "$a") (jshell FILE, /exit in it) | $(ratio "$p" "$a") | |"
  JSHELL_NOTE="Row 8: medians of $n alternating runs; scripts/jshell starts the snippets' JVM (EngineAgent, no debugger agent) beside the tool's instead of after it, and maps caches for both (JDK 25: AOT caches; 17: class-data archives; made once per build); a script runs in one JVM."
}

# The wall time of a command in seconds, its output discarded; fails when the command does.
jshell_time() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 </dev/null || return 1
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}
