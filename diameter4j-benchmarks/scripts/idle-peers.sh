#!/usr/bin/env bash
# Memory of idle peers (issue 10): what N connected, idle Diameter peers cost `d4j server`.
#
#   diameter4j-benchmarks/scripts/idle-peers.sh [--peers 10000] [--sources K] [--settle 70s]
#       [--out DIR] [--nmt] [--in-flight 256]
#
# - Starts `d4j server` (the OCS/CDF/HSS simulators, any peer accepted) with the launcher's own
#   JVM options (bin/d4j) plus -XX:ActiveProcessorCount, pinned to CPU 0 (taskset -c 0), listening
#   on 127.0.0.1 only. With --nmt the JVM also gets -XX:NativeMemoryTracking=summary (a few % more
#   memory of its own; it says where native memory goes).
# - Before: after a 10 s start-up pause, a full GC (jcmd PID GC.run), then VmRSS from
#   /proc/PID/status, the heap used (jcmd PID GC.heap_info), a class histogram (GC.class_histogram).
# - Then N idle peers connect: the IdlePeers load generator (diameter4j-benchmarks, one Netty event
#   loop, pinned to CPU 1) opens N TCP connections from 127.0.0.2 … 127.0.0.(1+K), one per 25,000
#   peers by default (ephemeral ports are per source address), sends each one's CER and waits for
#   its CEA 2001; every peer then stays connected and answers the server's DWRs (Tw = 30 s ± 2 s,
#   the default). The script fails if a peer did not get its CEA or lost its connection.
# - After --settle (default 70 s: every peer has had at least two DWR/DWA rounds), the same
#   figures again; the difference ÷ N is the cost per idle peer: RSS bytes and heap bytes, plus
#   the classes that grew most and, with --nmt, native memory by category (NMT summary.diff).
# - Writes summary.md, results.json, the histograms, NMT reports and the logs to --out (default:
#   a temp dir, kept and printed). Every process it starts is stopped by PID on exit.
#
# File descriptors: the server and the generator need N + ~1000 each. The soft limit is raised to
# the hard one (as bin/d4j does); when the hard limit is too low and we are root it is raised too
# (ulimit -Hn, up to fs.nr_open), else the script says how (docs/benchmarks.md, "Memory").
#
# Environment: D4J_SERVER_JAVA_OPTS (extra server JVM options), SERVER_CPUS (default 0),
# PEERS_CPUS (default 1), D4J_PORT (default 39303), PEERS_JAVA_OPTS (the generator's JVM options,
# default -XX:+UseSerialGC -Xss256k). Needs: java and jcmd (a JDK 17+), python3, taskset.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
d4j="$root/bin/d4j"
jar="$root/diameter4j-benchmarks/target/benchmarks.jar"

peers=10000 sources=0 settle=70s out="" nmt="" in_flight=256
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --peers) peers="$2"; shift 2 ;;
    --sources) sources="$2"; shift 2 ;;
    --settle) settle="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --nmt) nmt=1; shift ;;
    --in-flight) in_flight="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "idle-peers.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

server_cpus="${SERVER_CPUS:-0}" peers_cpus="${PEERS_CPUS:-1}" port="${D4J_PORT:-39303}"
die() { echo "idle-peers.sh: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || die "$1 is not installed ($2)"; }
need java "a JDK 17 or newer"
need jcmd "a JDK 17 or newer, not only a JRE"
need python3 "apt-get install python3"
need taskset "apt-get install util-linux"
case "$peers" in ''|*[!0-9]*) die "--peers must be a number" ;; esac
secs() { case "$1" in *m) echo $(( ${1%m} * 60 )) ;; *s) echo "${1%s}" ;; *) echo "$1" ;; esac; }
settle_s="$(secs "$settle")"
ncpus() { local n=0 p; IFS=, read -ra parts <<< "$1"
          for p in "${parts[@]}"; do case "$p" in *-*) n=$(( n + ${p#*-} - ${p%-*} + 1 )) ;; *) n=$(( n + 1 )) ;; esac; done
          echo "$n"; }
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is already in use (set D4J_PORT)"; fi

# --- file descriptors: N sockets in each process, plus the JVM's own (jars, epoll, pipes) ---
want=$(( peers + 1024 ))
hard="$(ulimit -Hn)"
if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then
  if [ "$(id -u)" = 0 ]; then
    max="$(cat /proc/sys/fs/nr_open 2>/dev/null || echo 1048576)"
    [ "$want" -le "$max" ] || die "$want descriptors wanted, above fs.nr_open ($max): sysctl -w fs.nr_open=$want"
    ulimit -Hn "$want" 2>/dev/null || die "cannot raise the hard limit of open files ($hard) to $want: root without CAP_SYS_RESOURCE (a container?); raise it outside (docker run --ulimit nofile=$want:$want, LimitNOFILE=) or use --peers $(( hard - 1024 ))"
  else
    die "the hard limit of open files is $hard, $want wanted: raise it (docs/benchmarks.md, Memory) or run as root"
  fi
fi
ulimit -Sn "$(ulimit -Hn)"

work="$(mktemp -d "${TMPDIR:-/tmp}/idle-peers.XXXXXX")"
[ -n "$out" ] || out="$work"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  for f in d4j-server.log peers.out peers.err; do [ -f "$work/$f" ] && cp "$work/$f" "$out/" 2>/dev/null || true; done
  if [ "$out" != "$work" ]; then rm -rf "$work"; fi
  echo "idle-peers.sh: output in $out" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# --- the tools, built now if stale, so that no build runs under a measurement ---
"$d4j" --version >/dev/null
if [ ! -f "$jar" ] || [ -n "$(find "$root/diameter4j-benchmarks/src" -newer "$jar" -print -quit)" ]; then
  log "building diameter4j-benchmarks (the IdlePeers generator)"
  (cd "$root" && ./mvnw -q -B -ntp package -pl diameter4j-benchmarks -am -DskipTests -Dspotless.check.skip=true) \
    > "$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; die "the benchmarks build failed"; }
fi

# --- the server, with the launcher's own options for long-running commands ---
launcher="$(sed -n 's/^ *server|node|bench|client) opts="\([^"]*\)".*/\1/p' "$d4j" | head -n 1)"
[ -n "$launcher" ] || die "cannot read the launcher's JVM options from $d4j"
opts="$launcher -XX:ActiveProcessorCount=$(ncpus "$server_cpus")${nmt:+ -XX:NativeMemoryTracking=summary} ${D4J_SERVER_JAVA_OPTS:-}"
log "starting d4j server with: $opts (open files: $(ulimit -Sn))"
(cd "$work" && exec env D4J_JAVA_OPTS="$opts" taskset -c "$server_cpus" "$d4j" server \
    --origin-host ocs.example.net --listen "127.0.0.1:$port" --lines-per-second 0 \
    > /dev/null 2> "$work/d4j-server.log") &
server=$!; pids+=("$server")
for _ in $(seq 1 300); do
  kill -0 "$server" 2>/dev/null || die "d4j server exited during start-up (log in $out)"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.1
done
[ "$(cat "/proc/$server/comm")" = java ] || die "d4j server's pid $server is not the JVM"
sleep 10

rss() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$server/status"; }
# G1: " garbage-first heap   total 393216K, used 24567K [...]"; others print "used NK" likewise
heap_used() { jcmd "$server" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -n 1; }
snapshot() { # name
  jcmd "$server" GC.run >/dev/null
  sleep 2
  jcmd "$server" GC.class_histogram > "$out/histogram-$1.txt"
  echo "$(rss) $(heap_used)"
}

log "before: full GC, RSS, heap"
read -r rss0 heap0 <<< "$(snapshot before)"
[ -n "${heap0:-}" ] || die "could not read the server's RSS and heap (/proc/$server/status, jcmd GC.heap_info)"
[ -z "$nmt" ] || jcmd "$server" VM.native_memory baseline >/dev/null
log "before: RSS $rss0 kB, heap used $heap0 kB"

# --- N idle peers ---
connect_budget=$(( 60 + peers / 100 ))
hold=$(( connect_budget + settle_s + 120 ))
log "connecting $peers peers (at most ${connect_budget} s), then holding them"
( exec timeout -k 10 "$(( hold + 30 ))" taskset -c "$peers_cpus" \
    java ${PEERS_JAVA_OPTS:--XX:+UseSerialGC -Xss256k} -cp "$jar" org.diameter4j.benchmarks.IdlePeers \
    --connect "127.0.0.1:$port" --peers "$peers" --in-flight "$in_flight" --hold "$hold" \
    $([ "$sources" -gt 0 ] && echo "--sources $sources") \
    > "$work/peers.out" 2> "$work/peers.err" ) &
gen=$!; pids+=("$gen")
t_end=$(( $(date +%s) + connect_budget ))
until grep -q '^ready ' "$work/peers.out" 2>/dev/null; do
  kill -0 "$gen" 2>/dev/null || die "the generator exited before every peer was connected (peers.err in $out)"
  kill -0 "$server" 2>/dev/null || die "d4j server exited (log in $out)"
  [ "$(date +%s)" -lt "$t_end" ] || die "not every peer connected within ${connect_budget} s: $(tail -n 1 "$work/peers.out")"
  sleep 1
done
ready_line="$(grep '^ready ' "$work/peers.out")"
log "$ready_line"
case "$ready_line" in *" failed=0 "*) ;; *) die "some peers failed: $ready_line" ;; esac

log "settling for $settle_s s (DWR/DWA every Tw = 30 s on each peer)"
sleep "$settle_s"
status="$(grep '^status ' "$work/peers.out" | tail -n 1)"
case "$status" in *"open=$peers "*" lost=0") ;; *) die "peers were lost while idle: $status" ;; esac
log "after: full GC, RSS, heap ($status)"
read -r rss1 heap1 <<< "$(snapshot after)"
[ -z "$nmt" ] || jcmd "$server" VM.native_memory summary.diff > "$out/nmt-diff.txt"
[ -z "$nmt" ] || jcmd "$server" VM.native_memory summary > "$out/nmt-after.txt"
log "after: RSS $rss1 kB, heap used $heap1 kB"

jv="$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
python3 - "$out" "$peers" "$rss0" "$rss1" "$heap0" "$heap1" "$jv" "$opts" "$status" "$ready_line" <<'PY' | tee "$out/summary.md"
import json, re, sys
out, n, rss0, rss1, heap0, heap1, jv, opts, status, ready = sys.argv[1:]
n = int(n); rss0, rss1, heap0, heap1 = (int(x) * 1024 for x in (rss0, rss1, heap0, heap1))

def histogram(path):
    h = {}
    for line in open(path):
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            h[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return h

before, after = histogram(f"{out}/histogram-before.txt"), histogram(f"{out}/histogram-after.txt")
grown = []
for cls in set(before) | set(after):
    c0, b0 = before.get(cls, (0, 0)); c1, b1 = after.get(cls, (0, 0))
    grown.append((b1 - b0, c1 - c0, cls))
grown.sort(reverse=True)
r = dict(peers=n, jdk=jv, serverOptions=opts, rssBefore=rss0, rssAfter=rss1, heapBefore=heap0,
         heapAfter=heap1, rssPerPeer=(rss1 - rss0) / n, heapPerPeer=(heap1 - heap0) / n,
         ready=ready, status=status,
         topClasses=[dict(cls=c, bytesPerPeer=b / n, instancesPerPeer=k / n) for b, k, c in grown[:25]])
json.dump(r, open(f"{out}/results.json", "w"), indent=1)
mib = lambda b: f"{b / 1048576:.1f} MiB"
print(f"## Idle peers: {n:,} connected after CER/CEA, DWR/DWA at Tw\n")
print(f"JDK {jv}; server options: `{opts}`\n")
print("| | before | after | per peer |")
print("|---|---|---|---|")
print(f"| RSS (VmRSS) | {mib(rss0)} | {mib(rss1)} | {r['rssPerPeer']:,.0f} B |")
print(f"| heap used after full GC | {mib(heap0)} | {mib(heap1)} | {r['heapPerPeer']:,.0f} B |")
print(f"\n{ready}; {status}\n")
print("Classes that grew most (after − before, per peer):\n")
print("| class | bytes / peer | instances / peer |")
print("|---|---|---|")
for b, k, c in grown[:25]:
    print(f"| `{c}` | {b / n:,.1f} | {k / n:,.2f} |")
PY
if [ -n "$nmt" ]; then
  echo; echo "Native memory, committed, after − before (NMT summary.diff, KB):"; echo
  grep -E '^-|^ *- ' "$out/nmt-diff.txt" | sed -n 's/^-* *\([A-Za-z ]*[A-Za-z]\) *(reserved=[^,]*, committed=\([0-9]*KB\)\(.*\))$/  \1: \2\3/p' | head -n 30
fi | tee -a "$out/summary.md"
