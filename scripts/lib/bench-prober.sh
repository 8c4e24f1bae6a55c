# scripts/bench's prober row (sourced by scripts/bench after its helpers: in_client, now_ns, log, fmt, median,
# sweep_targets, WORK, PINGKIT_HOME). The prober probes N sweep addresses once a second each, over one socket,
# inside the lab's client namespace; measured over a window after a warm-up:
#   CPU      (utime + stime) of the process over the window / the window, in cores
#   RSS      VmHWM (peak) and VmRSS at the end, MiB
#   lateness pingkit_probe_lateness_seconds over the window: the fraction of probes that left within 10 ms of due,
#            and the bucket holding the 99th percentile
#   scrape   wall time of GET /metrics (every series, Prometheus text), from inside the namespace over a raw
#            /dev/tcp socket, the median and the largest of several; with its size and the number of targets in it;
#            and the prober's CPU time per scrape in each format Prometheus asks for (text, OpenMetrics, protobuf,
#            each plain and gzip), scrapes 0.2 s apart so that none shares another's collect
#   lateness during the scrapes: as above, over the time the scrapes took
# Goals (issue #18, the scrape tightened by #27): CPU < 1 core, RSS < 128 MiB, p99 lateness <= 10 ms, scrape < 100 ms
# at 10 000 targets.

prober_scrape() { # port file [headers] -> prints the scrape's wall time in ms
  in_client bash -c '
    t0=$(date +%s%N)
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET /metrics HTTP/1.0\r\n%b\r\n" "$3" >&3  # 1.0: no chunk framing in the body
    cat <&3 >"$2"
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 ))' _ "$1" "$2" "${3:-}" | awk '{ printf "%.1f\n", $1 / 1000 }'
}

# The Accept headers of Prometheus 2.x: its default (OpenMetrics first) and with native histograms on (protobuf).
PROBER_FORMATS=(text "" openmetrics "Accept: application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5\r\n"
  protobuf "Accept: application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3\r\n")

# prober_scrape_cpu PID PORT N -> "format X gzip Y (size)" for each format: the prober's CPU time (all threads, ms)
# over one scrape, the median of N each, probing included (~0.1 cores at 10 000 targets over the scrape's wall
# time); the scrapes 0.2 s apart, so none shares another's collect.
prober_scrape_cpu() {
  local pid=$1 port=$2 n=$3 f i c0 c1 enc out=() name headers
  for ((f = 0; f < ${#PROBER_FORMATS[@]}; f += 2)); do
    name=${PROBER_FORMATS[f]}
    local line="$name"
    for enc in "" "Accept-Encoding: gzip\r\n"; do
      headers="${PROBER_FORMATS[f + 1]}$enc"
      : >"$WORK/scpu"
      for ((i = 0; i < n; i++)); do
        sleep 0.2
        c0=$(prober_cpu_ns "$pid")
        prober_scrape "$port" "$WORK/m-$name" "$headers" >/dev/null
        c1=$(prober_cpu_ns "$pid")
        awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.0f\n", (b - a) / 1e6 }' >>"$WORK/scpu"
      done
      line="$line${enc:+ gzip} $(median <"$WORK/scpu")"
    done
    out+=("$line ($(wc -c <"$WORK/m-$name") B gzip)")
  done
  local joined
  joined=$(printf '%s, ' "${out[@]}")
  echo "${joined%, }"
}

# The first N IPv4 addresses of the lab's largest sweep range (sweep-16 where the lab has it, else sweep).
prober_addresses() {
  local range
  range=$("$PINGKIT_HOME/scripts/netlab" ranges | awk '$1 == "sweep-16" { r = $2 } $1 == "sweep" && !r { s = $2 } END { print r ? r : s }')
  awk -v n="$1" -v range="$range" 'BEGIN {
    split(range, p, "/"); split(p[1], o, "."); base = ((o[1] * 256 + o[2]) * 256 + o[3]) * 256 + o[4]
    size = 2 ^ (32 - p[2]); if (n > size) n = size
    for (i = 0; i < n; i++) { v = base + i; printf "%d.%d.%d.%d\n", int(v / 16777216) % 256, int(v / 65536) % 256, int(v / 256) % 256, v % 256 }
  }'
}

prober_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# The CPU time of all the process's threads in ns (schedstat: a tick is 10 ms, too coarse for one scrape).
prober_cpu_ns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { printf "%.0f\n", s }'; }

# The lateness histogram's cumulative counts as "le count" lines.
prober_lateness() { grep '^pingkit_probe_lateness_seconds_bucket' "$1" | sed 's/.*le="\([^"]*\)"} /\1 /'; }

# prober_row N WARMUP WINDOW SCRAPES [HOME [LABEL]]: fills PROBER_ROW (a markdown table line) and PROBER_NOTE;
# HOME's scripts/prober (another checkout, run with its own PINGKIT_HOME; default this one), LABEL in the row.
prober_row() {
  local n=$1 warmup=$2 window=$3 scrapes=$4 home=${5:-$PINGKIT_HOME} label=${6:+, $6} port pid line t0 c0 c1 hz cpu hwm rss i times within p99
  prober_addresses "$n" >"$WORK/prober-targets"
  n=$(wc -l <"$WORK/prober-targets")
  port=$((20000 + RANDOM % 40000))
  # ip netns exec, env and scripts/prober all exec: $! is the prober's JVM.
  ip netns exec "$CLIENT_NS" env -u PINGKIT_HOME "$home/scripts/prober" -f "$WORK/prober-targets" \
    --listen "127.0.0.1:$port" -i 1 >"$WORK/prober.out" 2>"$WORK/prober.err" &
  pid=$!
  for ((i = 0; i < 600; i++)); do
    grep -q 'metrics at http://' "$WORK/prober.err" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if ! grep -q 'metrics at http://' "$WORK/prober.err" 2>/dev/null; then
    log "prober did not start"; cat "$WORK/prober.err" >&2
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    PROBER_ROW="| 7 | prober, $n targets at 1/s$label | did not start | | | |"; PROBER_NOTE=; return 0
  fi
  sleep "$warmup"
  hz=$(getconf CLK_TCK)
  prober_scrape "$port" "$WORK/m0" >/dev/null
  c0=$(prober_cpu_ticks "$pid"); t0=$(now_ns)
  sleep "$window"
  c1=$(prober_cpu_ticks "$pid")
  cpu=$(awk -v a="$c0" -v b="$c1" -v hz="$hz" -v t0="$t0" -v t1="$(now_ns)" 'BEGIN { printf "%.2f", (b - a) / hz / ((t1 - t0) / 1e9) }')
  prober_scrape "$port" "$WORK/m1" >/dev/null
  : >"$WORK/scrapes"
  local s0 s1 scpu
  s0=$(prober_cpu_ticks "$pid")
  for ((i = 0; i < scrapes; i++)); do prober_scrape "$port" "$WORK/m2" >>"$WORK/scrapes"; done
  s1=$(prober_cpu_ticks "$pid")
  local formats
  formats=$(prober_scrape_cpu "$pid" "$port" "$scrapes")
  prober_scrape "$port" "$WORK/m3" >/dev/null
  # The prober's own CPU time per scrape (probing goes on meanwhile: ~1/10 of it over the scrapes' wall time is
  # probing at 10 000 targets), less at the mercy of the machine's load than the wall time.
  scpu=$(awk -v a="$s0" -v b="$s1" -v hz="$hz" -v n="$scrapes" 'BEGIN { printf "%.0f", (b - a) * 1000 / hz / n }')
  hwm=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  rss=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" || log "prober exited nonzero after SIGTERM"
  # Lateness over the window: the difference of two scrapes' cumulative buckets.
  join <(prober_lateness "$WORK/m0") <(prober_lateness "$WORK/m1") >"$WORK/late"
  within=$(awk '{ d[NR] = $3 - $2; le[NR] = $1 } END { t = d[NR]; for (i = 1; i <= NR; i++) if (le[i] == "0.01") w = d[i]; if (t > 0) printf "%.4f", w / t; else print "nan" }' "$WORK/late")
  # And over the scrapes (m1 before the first, m3 after the last).
  join <(prober_lateness "$WORK/m1") <(prober_lateness "$WORK/m3") >"$WORK/late-scrapes"
  local during
  during=$(awk '{ d[NR] = $3 - $2; le[NR] = $1 } END { t = d[NR]; for (i = 1; i <= NR; i++) if (le[i] == "0.01") w = d[i]; if (t > 0) printf "%.4f", w / t; else print "nan" }' "$WORK/late-scrapes")
  p99=$(awk '{ d[NR] = $3 - $2; le[NR] = $1 } END { t = d[NR]; for (i = 1; i <= NR; i++) if (t > 0 && d[i] >= 0.99 * t) { print "≤ " le[i] * 1000 " ms"; exit } print "-" }' "$WORK/late")
  local probes series bytes smed smax
  probes=$(awk '{ t = $3 - $2 } END { print t + 0 }' "$WORK/late")
  series=$(grep -c '^smokeping_requests_total{' "$WORK/m2" || true)
  bytes=$(wc -c <"$WORK/m2")
  smed=$(median <"$WORK/scrapes"); smax=$(sort -g "$WORK/scrapes" | tail -1)
  PROBER_ROW="| 7 | prober, $n targets at 1/s each$label | CPU $(fmt "$cpu" 2) cores, RSS $rss MiB (peak $hwm), $(fmt "$within" 4) of probes ≤ 10 ms late (p99 $p99), scrape $(fmt "$smed" 1) ms wall (max $(fmt "$smax" 1)), $scpu ms CPU; CPU ms per scrape: $formats; $(fmt "$during" 4) of probes ≤ 10 ms late during the scrapes | | | CPU < 1, RSS < 128, p99 ≤ 10 ms, scrape < 100 ms |"
  PROBER_NOTE="Prober row: ${warmup} s warm-up, ${window} s window, $probes probes in it; scrape of $series targets' series, $bytes bytes, $scrapes scrapes; load average at the end $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs."
}
