#!/usr/bin/env bash
# A real Gy server side by side (issue 10): freeDiameter 1.2.1 answering CCRs with our own small
# C extension (fd-gy/fd_gy_answer.c: 2001 + Granted-Service-Unit, no per-message logging) against
# `d4j server` (the OCS, answering 2001 with a real debit), under the same load generator.
#
#   diameter4j-benchmarks/scripts/compare-gy.sh [--duration 20s] [--concurrency 100] [--rounds 3]
#       [--servers fd,d4j] [--out DIR] [--warmup 10s] [--bench-warmup 20s] [--c1-rounds 0]
#       [--send ccr-event]
#
# - Each server is pinned to CPU 0 (taskset -c 0), the load generator `d4j bench` to CPU 1; the
#   JVM of `d4j server` gets the launcher's own options (bin/d4j) plus -XX:ActiveProcessorCount=1
#   and a GC log. Loopback only (freeDiameter 1.2.1 cannot bind to loopback alone: it ignores
#   ListenOn = "127.0.0.1" and listens on all addresses, accepting only the bench's identity).
# - One warm-up run per server (not counted, but checked), then R interleaved rounds A,B,A,B… of
#   the given duration and concurrency, then optionally --c1-rounds rounds at 1 in flight.
# - Per run: answers/s, result codes (anything but 2001 fails the script), p50/p99/p99.9/max,
#   server CPU per answer (utime+stime from /proc/PID/stat over the run ÷ answers), server core
#   utilisation, the bench's core use (its CPU over its whole life, JVM start included, so a
#   little high), and for the JVM the GC pauses inside the run (the GC log's 'Pause' lines
#   written between the run's start and end offsets in the log file).
# - Prints one markdown row per run and a medians table; writes the raw bench JSON, each run's
#   GC log slice, results.jsonl, summary.md and the servers' logs to --out (default: a temp dir,
#   kept and printed).
#
# Environment: D4J_SERVER_JAVA_OPTS (extra server JVM options, e.g. "-XX:+UseZGC -XX:+ZGenerational";
# a -XX:+Use…GC there replaces the launcher's G1), D4J_SERVER_JAVA_HOME (the server's JDK),
# D4J_BENCH_JAVA_OPTS (extra bench JVM options), SERVER_CPUS (default 0), BENCH_CPUS (default 1),
# FD_PORT / D4J_PORT (default 39301 / 39302), FD_APPSERV_THREADS (freeDiameter dispatch threads,
# default 4 as freeDiameter's own default), GRANTED_OCTETS (default 1000000).
# Needs: freediameterd, freediameter-extensions, libfreediameter-dev, gcc, python3,
# taskset, a buildable bin/d4j. The older DWR / routing-error comparison is compare-freediameter.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/diameter4j-benchmarks/scripts"
d4j="$root/bin/d4j"

dur=20s conc=100 rounds=3 servers=fd,d4j out="" warmup=10s c1_rounds=0 send=ccr-event bench_warmup=20s
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) dur="$2"; shift 2 ;;
    --concurrency) conc="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --servers) servers="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --bench-warmup) bench_warmup="$2"; shift 2 ;;
    --c1-rounds) c1_rounds="$2"; shift 2 ;;
    --send) send="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "compare-gy.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

server_cpus="${SERVER_CPUS:-0}" bench_cpus="${BENCH_CPUS:-1}"
fd_port="${FD_PORT:-39301}" d4j_port="${D4J_PORT:-39302}"
client_host="pgw.bench.example"
fd_dict=/usr/lib/freeDiameter

die() { echo "compare-gy.sh: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || die "$1 is not installed ($2)"; }
need freeDiameterd "apt-get install freediameterd"
need gcc "apt-get install gcc"
need python3 "apt-get install python3"
need taskset "apt-get install util-linux"
[ -f /usr/include/freeDiameter/extension.h ] || die "no freeDiameter headers (apt-get install libfreediameter-dev)"
for x in dict_nasreq dict_dcca dict_dcca_3gpp; do
  [ -f "$fd_dict/$x.fdx" ] || die "no $fd_dict/$x.fdx (apt-get install freediameter-extensions)"
done
# seconds in a duration such as 20s, 2m, 500ms or 20 (for the time bound of each run)
secs() { case "$1" in *ms) echo $(( ${1%ms} / 1000 + 1 )) ;; *m) echo $(( ${1%m} * 60 )) ;;
         *s) echo "${1%s}" ;; *) echo "$1" ;; esac; }
ncpus() { local n=0 p; IFS=, read -ra parts <<< "$1"
          for p in "${parts[@]}"; do case "$p" in *-*) n=$(( n + ${p#*-} - ${p%-*} + 1 )) ;; *) n=$(( n + 1 )) ;; esac; done
          echo "$n"; }
for s in ${servers//,/ }; do case "$s" in fd|d4j) ;; *) die "unknown server '$s' (fd, d4j)" ;; esac; done
for p in $fd_port $d4j_port; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then die "port $p is already in use (set FD_PORT / D4J_PORT)"; fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/compare-gy.XXXXXX")"
[ -n "$out" ] || out="$work"
mkdir -p "$out/runs"
out="$(cd "$out" && pwd)"
# A reused --out directory starts empty of results: the medians are this campaign's only.
rm -f "$out/results.jsonl" "$out/summary.md" "$out"/runs/*
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  for f in fd.conf fd.log d4j-server.log gc-d4j.log; do [ -f "$work/$f" ] && cp "$work/$f" "$out/" 2>/dev/null || true; done
  if [ "$out" != "$work" ]; then rm -rf "$work"; fi
  echo "compare-gy.sh: output in $out" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
wait_port() { # pid port name
  for _ in $(seq 1 300); do
    kill -0 "$1" 2>/dev/null || die "$3 exited during start-up (log in $out after exit)"
    if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  die "$3 does not listen on 127.0.0.1:$2 after 30 s"
}

# --- the d4j tool (built now if stale, so no build happens under a measurement) ---
"$d4j" --version >/dev/null

# --- freeDiameter with our extension ---
fd_start() {
  log "building fd_gy_answer.fdx"
  gcc -O2 -Wall -shared -fPIC -o "$work/fd_gy_answer.fdx" "$here/fd-gy/fd_gy_answer.c" -lfdcore -lfdproto
  cat > "$work/fd.conf" <<CONF
Identity = "fd.bench.example";
Realm = "bench.example";
Port = $fd_port;
SecPort = 0;
No_SCTP;
No_IPv6;
Prefer_TCP;
NoRelay;
AppServThreads = ${FD_APPSERV_THREADS:-4};
# No TLS_Cred: with SecPort = 0 freeDiameter 1.2.1 starts with TLS disabled (one notice in its log).
LoadExtension = "$fd_dict/dict_nasreq.fdx";
LoadExtension = "$fd_dict/dict_dcca.fdx";
LoadExtension = "$fd_dict/dict_dcca_3gpp.fdx";
LoadExtension = "$work/fd_gy_answer.fdx" : "${GRANTED_OCTETS:-1000000}";
# The bench's identity: known peers only. freeDiameter also tries to connect to it (port 1, refused).
ConnectPeer = "$client_host" { ConnectTo = "127.0.0.1"; Port = 1; TcTimer = 3600; No_TLS; No_SCTP; Prefer_TCP; };
CONF
  taskset -c "$server_cpus" freeDiameterd -c "$work/fd.conf" > "$work/fd.log" 2>&1 &
  fd_pid=$!; pids+=("$fd_pid")
  wait_port "$fd_pid" "$fd_port" freeDiameterd
  fd_label="freeDiameter $(freeDiameterd --version 2>/dev/null | sed -n 's/.*version //p' | head -n 1) + fd_gy_answer"
}

# --- d4j server (the OCS) ---
d4j_start() {
  local launcher extra_gc opts jenv=()
  # The launcher's options for long-running commands (bin/d4j); a GC chosen by the caller replaces its G1.
  launcher="$(sed -n 's/^ *server|node|bench|client) opts="\([^"]*\)".*/\1/p' "$d4j" | head -n 1)"
  [ -n "$launcher" ] || launcher="-XX:+UseG1GC -XX:MaxGCPauseMillis=20"
  extra_gc=""
  case " ${D4J_SERVER_JAVA_OPTS:-} " in *" -XX:+Use"*GC*) extra_gc=1 ;; esac
  if [ -n "$extra_gc" ]; then launcher="$(echo "$launcher" | tr ' ' '\n' | grep -v -- '^-XX:+Use.*GC$' | tr '\n' ' ')"; fi
  opts="$launcher -XX:ActiveProcessorCount=$(ncpus "$server_cpus") -Xlog:gc*:file=$work/gc-d4j.log:uptime,level,tags:filecount=0 ${D4J_SERVER_JAVA_OPTS:-}"
  if [ -n "${D4J_SERVER_JAVA_HOME:-}" ]; then
    jenv=(JAVA_HOME="$D4J_SERVER_JAVA_HOME" PATH="$D4J_SERVER_JAVA_HOME/bin:$PATH")
  fi
  log "starting d4j server with: $opts"
  # cwd = the temp dir: the CDF simulator writes its records file there. stdout (one line per
  # answer) is discarded; freeDiameter logs nothing per message either.
  (cd "$work" && exec env "${jenv[@]}" D4J_JAVA_OPTS="$opts" \
      taskset -c "$server_cpus" "$d4j" server --origin-host ocs.example.net --listen "127.0.0.1:$d4j_port" \
      > /dev/null 2> "$work/d4j-server.log") &
  d4j_pid=$!; pids+=("$d4j_pid")
  wait_port "$d4j_pid" "$d4j_port" "d4j server"
  [ "$(cat "/proc/$d4j_pid/comm")" = java ] || die "d4j server's pid $d4j_pid is not the JVM"
  local jv gc=G1
  jv="$(env "${jenv[@]}" java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  case " $opts " in
    *" -XX:+UseZGC "*) gc=ZGC; case " $opts " in *" -XX:+ZGenerational "*) gc="generational ZGC" ;; esac ;;
    *" -XX:+UseShenandoahGC "*) gc=Shenandoah ;; *" -XX:+UseParallelGC "*) gc=Parallel ;; *" -XX:+UseSerialGC "*) gc=Serial ;;
  esac
  d4j_label="d4j server (OCS), JDK $jv, $gc"
}

cpu_ticks() { local s rest; s="$(cat "/proc/$1/stat")"; rest="${s##*) }"; set -- $rest; echo $(( ${12} + ${13} )); }

cat > "$work/report.py" <<'PY'
import json, re, statistics, sys
PAUSE = re.compile(r"\[(gc|gc,phases)\s*\].*\bPause\b.*?(\d+(?:\.\d+)?)ms\s*$")

def row(r):
    gc = "—" if r["gcPauses"] is None else f"{r['gcPauses']} / {r['gcTotalMs']:.0f} ms / {r['gcMaxMs']:.1f} ms"
    return (f"| {r['run']} | {r['label']} | {r['concurrency']} | {r['throughput']:,.0f} | {r['results']} "
            f"| {r['cpuPerAnswerUs']:.1f} µs | {r['serverCorePct']:.0f} % | {r['p50']:.2f} | {r['p99']:.2f} "
            f"| {r['p999']:.2f} | {r['max']:.1f} | {gc} | {r['benchCpuPct']:.0f} % |")

def run(a):
    (jsonf, run_id, label, conc, ticks, clk, gclog, gc0, gc1, gcslice, timesf, rcf, counted, wall_ms) = a
    text = open(jsonf).read().splitlines()
    lines = [l for l in text if l.startswith("{")]
    if not lines:
        sys.exit(f"run {run_id} ({label}): no JSON from d4j bench (exit {open(rcf).read().strip()}); see {jsonf}")
    s = json.loads(lines[-1])["summary"]
    ans = s["answers"]; codes = s.get("byResultCode", {}); errs = s.get("errors", {})
    results = ", ".join(f"{k}: {v}" for k, v in codes.items()) or "none"
    if ans == 0 or set(codes) != {"2001"} or errs or s.get("unfinished", 0):
        sys.exit(f"run {run_id} ({label}): expected only 2001 answers, got results {codes}, errors {errs}, "
                 f"unfinished {s.get('unfinished')}, answers {ans}")
    secs = s["durationMs"] / 1000.0
    cpu = int(ticks) / float(clk)
    pauses = None; total = mx = 0.0
    if gclog != "-":
        with open(gclog, "rb") as f:
            f.seek(int(gc0)); chunk = f.read(int(gc1) - int(gc0)).decode("utf-8", "replace")
        open(gcslice, "w").write(chunk)
        ms = [float(m.group(2)) for m in map(PAUSE.search, chunk.splitlines()) if m]
        pauses, total, mx = len(ms), sum(ms), max(ms, default=0.0)
    bench = 0.0
    t = open(timesf).read().split("\n")
    if len(t) > 1 and t[1].strip():  # bash `times`: children's user and system time
        for v in t[1].split():
            m = re.match(r"(\d+)m([\d.]+)s", v)
            if m: bench += int(m.group(1)) * 60 + float(m.group(2))
    lat = s["latencyMs"]
    r = dict(run=run_id, label=label, concurrency=int(conc), counted=counted == "1", answers=ans,
             throughput=s["throughput"], results=results, durationS=secs, serverCpuS=cpu,
             cpuPerAnswerUs=cpu / ans * 1e6, serverCorePct=cpu / secs * 100, p50=lat["p50"],
             p99=lat["p99"], p999=lat["p99.9"], max=lat["max"], gcPauses=pauses, gcTotalMs=total,
             gcMaxMs=mx, benchCpuPct=bench / (int(wall_ms) / 1000.0) * 100)
    print(json.dumps(r))

def k(v):
    return f"{v / 1000:.1f}k"

def medians(a):
    rs = [json.loads(l) for l in open(a[0]) if l.strip()]
    rs = [r for r in rs if r["counted"]]
    groups = {}
    for r in rs:
        groups.setdefault((r["concurrency"], r["label"]), []).append(r)
    print("| server | in flight | runs | answers/s (min–max) | server CPU per answer | server core | p50 ms "
          "| p99 ms | p99.9 ms | max ms | GC pauses / total / longest |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for (c, label), g in sorted(groups.items(), key=lambda x: (-x[0][0], x[0][1])):
        med = lambda key: statistics.median(r[key] for r in g)
        tp = [r["throughput"] for r in g]
        gc = "—"
        if g[0]["gcPauses"] is not None:
            gc = f"{med('gcPauses'):.0f} / {med('gcTotalMs'):.0f} ms / {med('gcMaxMs'):.1f} ms"
        print(f"| {label} | {c} | {len(g)} | {k(med('throughput'))} ({k(min(tp))}–{k(max(tp))}) "
              f"| {med('cpuPerAnswerUs'):.1f} µs | {med('serverCorePct'):.0f} % | {med('p50'):.2f} "
              f"| {med('p99'):.2f} | {med('p999'):.2f} | {med('max'):.1f} | {gc} |")

if sys.argv[1] == "run":
    run(sys.argv[2:])
elif sys.argv[1] == "row":
    print(row(json.loads(sys.argv[2])))
else:
    medians(sys.argv[2:])
PY

n=0
measure() { # server concurrency duration counted
  local srv="$1" c="$2" d="$3" counted="$4" pid port label gclog="-" gc0=0 gc1=0 t0 t1 w0 w1 f rec limit
  n=$((n + 1))
  case "$srv" in
    fd) pid="$fd_pid" port="$fd_port" label="$fd_label" ;;
    d4j) pid="$d4j_pid" port="$d4j_port" label="$d4j_label" gclog="$work/gc-d4j.log" ;;
  esac
  kill -0 "$pid" 2>/dev/null || die "$label is no longer running"
  f="$out/runs/$(printf %02d "$n")-$srv-c$c"
  [ "$counted" = 1 ] || f="$f-warmup"
  limit=$(( $(secs "$d") + 60 ))
  if [ "$counted" = 1 ]; then log "run $n: $srv, concurrency $c, $d"; else log "run $n: $srv, concurrency $c, $d (warm-up)"; fi
  limit=$(( limit + $(secs "$bench_warmup") ))
  # Every bench is a new JVM: it loads the server for --bench-warmup first (its own JIT, on one
  # core, takes 10-20 s) and says "warm-up done" on stderr; the server's CPU and GC are counted
  # from that line on, as the bench's figures are.
  local wb0; wb0=$(date +%s%N)
  ( rc=0
    timeout -k 10 "$limit" env D4J_JAVA_OPTS="$bench_opts -Xlog:gc:file=$f.bench-gc.log" \
        taskset -c "$bench_cpus" \
        "$d4j" bench "aaa://127.0.0.1:$port" --origin-host "$client_host" --send "$send" \
        --concurrency "$c" --warmup "$bench_warmup" --duration "$d" --json --progress \
        > "$f.json" 2> "$f.err" || rc=$?
    echo "$rc" > "$f.rc"; times > "$f.times" ) &
  local bpid=$!
  while kill -0 "$bpid" 2>/dev/null && ! grep -q "warm-up done" "$f.err" 2>/dev/null; do sleep 0.05; done
  [ "$gclog" = - ] || gc0=$(stat -c %s "$gclog")
  t0=$(cpu_ticks "$pid"); w0=$(date +%s%N)
  wait "$bpid" || true
  t1=$(cpu_ticks "$pid"); w1=$(date +%s%N)
  [ "$gclog" = - ] || gc1=$(stat -c %s "$gclog")
  rec="$(python3 "$work/report.py" run "$f.json" "$n" "$label" "$c" $((t1 - t0)) "$(getconf CLK_TCK)" \
      "$gclog" "$gc0" "$gc1" "$f.gc.log" "$f.times" "$f.rc" "$counted" $(( (w1 - wb0) / 1000000 )))" || die "run $n failed (see $f.err)"
  echo "$rec" >> "$out/results.jsonl"
  python3 "$work/report.py" row "$rec" | tee -a "$out/summary.md"
  sleep 1
}

bench_launcher="$(sed -n 's/^ *server|node|bench|client) opts="\([^"]*\)".*/\1/p' "$d4j" | head -n 1)"
bench_launcher="${bench_launcher:--XX:+UseG1GC -XX:MaxGCPauseMillis=20}"
case " ${D4J_BENCH_JAVA_OPTS:-} " in # a GC chosen by the caller replaces the launcher's G1
  *" -XX:+Use"*GC*) bench_launcher="$(echo "$bench_launcher" | tr ' ' '\n' | grep -v -- '^-XX:+Use.*GC$' | tr '\n' ' ')" ;;
esac
bench_opts="$bench_launcher -XX:ActiveProcessorCount=$(ncpus "$bench_cpus") ${D4J_BENCH_JAVA_OPTS:-}"
for s in ${servers//,/ }; do "${s}_start"; done
sleep 1

{
  echo "## Gy side by side, $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)), $(uname -sr)."
  echo "Load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (anything else running skews every figure)."
  echo "Server on CPU $server_cpus, \`d4j bench\` on CPU $bench_cpus; $send, $rounds × $dur per server (interleaved) after a $warmup warm-up."
  echo
  echo "| run | server | in flight | answers/s | results | server CPU per answer | server core | p50 ms | p99 ms | p99.9 ms | max ms | GC pauses / total / longest | bench core |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} | tee -a "$out/summary.md"

for s in ${servers//,/ }; do measure "$s" "$conc" "$warmup" 0; done
for r in $(seq 1 "$rounds"); do
  for s in ${servers//,/ }; do measure "$s" "$conc" "$dur" 1; done
done
for r in $(seq 1 "$c1_rounds"); do
  for s in ${servers//,/ }; do measure "$s" 1 "$dur" 1; done
done

{ echo; echo "Medians:"; echo; python3 "$work/report.py" medians "$out/results.jsonl"; } | tee -a "$out/summary.md"
