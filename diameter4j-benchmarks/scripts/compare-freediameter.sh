#!/usr/bin/env bash
# Side by side on one machine: the same load generator (d4j bench) against freeDiameter
# (Debian's freediameterd) and against d4j server, one after the other, same duration and
# concurrency. Two workloads both servers handle without extra extensions:
#   dwr  - Device-Watchdog-Request -> DWA 2001 (the base protocol path)
#   ccr  - a Gy CCR the server has no application for -> an error answer built by the routing core
#          (freeDiameter: 3002/3007; d4j server: 3002 (relay, no route) or 3001)
# Usage: diameter4j-benchmarks/scripts/compare-freediameter.sh [duration] [concurrency]
# Needs: freediameterd, openssl, a built bin/d4j. Runs only on loopback; stops what it starts.
# Secondary comparison only (unpinned, no charging decision): the like-for-like Gy comparison —
# freeDiameter with our CCR-answering extension against d4j server's OCS, pinned, interleaved,
# with CPU per answer, the tail and GC pauses — is compare-gy.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dur="${1:-10s}"
conc="${2:-64}"
d4j="$root/bin/d4j"
command -v freeDiameterd >/dev/null || { echo "freeDiameterd is not installed (apt-get install freediameterd)" >&2; exit 2; }
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

fd_port=39101; d4j_port=39102
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 \
    -subj "/CN=fd.bench.example" >/dev/null 2>&1
cat > "$work/fd.conf" <<CONF
Identity = "fd.bench.example";
Realm = "bench.example";
Port = $fd_port;
SecPort = 0;
No_SCTP;
No_IPv6;
Prefer_TCP;
TLS_Cred = "$work/cert.pem", "$work/key.pem";
TLS_CA = "$work/cert.pem";
ConnectPeer = "bench.client.example" { ConnectTo = "127.0.0.1"; Port = 39199; No_TLS; No_SCTP; Prefer_TCP; };
CONF
freeDiameterd -c "$work/fd.conf" > "$work/fd.log" 2>&1 &
pids+=($!)
"$d4j" server --origin-host d4j.bench.example --listen "127.0.0.1:$d4j_port" --apps relay > "$work/d4j.log" 2>&1 &
pids+=($!)
for port in $fd_port $d4j_port; do
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
done
sleep 1

run() { # name port kind
  "$d4j" bench "aaa://127.0.0.1:$2" --origin-host bench.client.example --send "$3" \
      --concurrency "$conc" --duration "$dur" --json 2>/dev/null | tail -n 1 > "$work/$1-$3.json" || true
  python3 - "$1" "$3" "$work/$1-$3.json" <<'PY'
import json, sys
name, kind, f = sys.argv[1:4]
try:
    s = json.load(open(f))["summary"]
except Exception as e:
    print(f"{name:14s} {kind:4s}  no result ({e})"); sys.exit()
lat = s.get("latencyMs", {})
print(f"{name:14s} {kind:4s}  {s.get('throughput', 0):>9.0f} answers/s   p50 {lat.get('p50', 0):6.2f} ms   p99 {lat.get('p99', 0):6.2f} ms   results {s.get('resultCodes', s.get('byResultCode', {}))}")
PY
}
echo "load: d4j bench, concurrency $conc, $dur each, on $(nproc) cores ($(uname -m))"
for kind in dwr ccr-event; do
  run freeDiameter $fd_port $kind
  run d4j-server $d4j_port $kind
done
