#!/usr/bin/env bash
# Where the injector's CPU goes while a fleet connects: runs the fleet benchmark's load (one fresh local nats-server,
# N nodes, 48 handshakes in flight, one discovery round) and samples the CPU time of every injector thread from
# /proc every 0.5 s; prints, for the connect window (first node live -> all nodes live, from samples.jsonl), the CPU
# seconds per thread group and per node. With PERF=1 also records the injector with perf for 15 s of the connect
# phase and prints where the node event loops spend it (BoringSSL, kernel, JVM/Java) by shared object.
# Heavy: run it alone, under the shared lock:
#   flock /tmp/mconats-heavy.lock simulations/bench/connect-profile.sh [ec-p256|rsa-2048|rsa-4096] [nodes]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
key="${1:-ec-p256}"
nodes="${2:-19000}"
command -v jq >/dev/null || { echo "error: needs jq (apt-get install -y jq)" >&2; exit 2; }
out=$(mktemp -d /tmp/connect-profile.XXXXXX)
reports="simulations/target/bench-reports"
echo "== $key, $nodes nodes; samples in $out; $(uptime)"
opts="${MCO_NATS_INJECTOR_JAVA_OPTS:-}"
if [ "${PERF:-0}" = 1 ]; then
  command -v perf >/dev/null || { echo "error: PERF=1 needs perf (apt-get install -y linux-perf)" >&2; exit 2; }
  # Java frames for perf: frame pointers and a symbol map; keep the extracted native libraries for their symbols
  opts="$opts -XX:+PreserveFramePointer -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit"
  opts="$opts -Dio.netty.native.deleteLibAfterLoading=false -Dio.netty.native.workdir=$out"
fi

sample_threads() { # $1 = injector pid: "<epoch s> <tid> <utime+stime ticks> <thread name>" every 0.5 s
  local pid=$1 t s rest
  while kill -0 "$pid" 2>/dev/null; do
    local now; now=$(date +%s.%N)
    for t in /proc/"$pid"/task/*; do
      s=$(cat "$t/stat" 2>/dev/null) || continue
      rest=${s##*) }
      set -- $rest
      echo "$now ${t##*/} $((${12} + ${13})) $(cat "$t/comm" 2>/dev/null)"
    done
    sleep 0.5
  done
}

set +e
MCO_NATS_INJECTOR_JAVA_OPTS="$opts" ${MCO_NATS:-./mco-nats} load --simulation SingleServerScaling --local-server "$key" \
  --preset fleet --nodes "$nodes" --ramp-rate 100000 --rounds 1 --results-dir "$reports" > "$out/load.log" 2>&1 &
load=$!
pid=
for _ in $(seq 600); do
  pid=$(pgrep -f "simulations/target/classes.*dev.mconats.simulations.LoadRunner SingleServerScaling $PWD/$reports" | head -n 1)
  [ -n "$pid" ] && break
  sleep 0.2
done
[ -n "$pid" ] || { echo "error: the injector did not start; see $out/load.log" >&2; wait "$load"; exit 2; }
sample_threads "$pid" > "$out/threads.txt" &
sampler=$!
if [ "${PERF:-0}" = 1 ]; then
  sleep 5
  perf record -F 499 -g -p "$pid" -o "$out/perf.data" -- sleep 15 > /dev/null 2>&1
fi
wait "$load"
rc=$?
wait "$sampler"
set -e
run="$(ls -d "$reports"/runs/*-load* | sort | tail -n 1)"
echo "== $run (load exit code $rc; $(uptime))"
jq -r '"connect: \(.connect.handshakes_ok) handshakes, \(.connect.handshakes_per_s | floor)/s, injector CPU \(.connect.injector_cpu_ms_per_handshake * 1000 | round / 1000) ms and server CPU \(.connect.server_cpu_ms_per_handshake // 0 | . * 1000 | round / 1000) ms per handshake; node TLS: \(.fleet.node_tls)"' "$run/load-summary.json"

# connect window from the samples: first live node - 1 s (sampling interval) .. all nodes live
read -r t0 t1 < <(jq -rs --argjson n "$nodes" '
  (map(select(.injector.live_nodes > 0)) | first | .epoch_ms / 1000 - 1) as $a
  | (map(select(.injector.live_nodes >= $n)) | first | .epoch_ms / 1000) as $b | "\($a) \($b)"' "$run/samples.jsonl")
awk -v t0="$t0" -v t1="$t1" -v n="$nodes" '
  function group(c) {
    if (c ~ /C2 Compiler/) return "JIT compiler (C2)"; if (c ~ /C1 Compiler/) return "JIT compiler (C1)"
    if (c ~ /nats-node-loop/) return "node event loops (TCP, TLS, NATS protocol, replies)"
    if (c ~ /ForkJoinPool/) return "virtual threads (jnats clients)"; if (c ~ /nats-timer/) return "shared scheduler (timers, reconnects)"
    if (c ~ /gatling/) return "Gatling"; if (c ~ /GC|VM Thread/) return "GC and VM"; if (c ~ /jit-warmup/) return "JIT warm-up"
    return "other threads" }
  { t = $1 + 0; if (first == "" || (t - t0) ^ 2 < (first - t0) ^ 2) { first = t; fk = $1 }
    if (last == "" || (t - t1) ^ 2 < (last - t1) ^ 2) { last = t; lk = $1 }
    comm = $4; for (i = 5; i <= NF; i++) comm = comm " " $i; ticks[$1, $2] = $3; name[$2] = comm }
  END {
    for (tid in name) { d = ((lk SUBSEP tid) in ticks ? ticks[lk, tid] : 0) - ((fk SUBSEP tid) in ticks ? ticks[fk, tid] : 0); if (d > 0) { g[group(name[tid])] += d; tot += d } }
    printf "connect window %.1f s; injector CPU by thread group: %.2f s = %.3f ms per node\n", last - first, tot / 100, tot * 10 / n
    for (k in g) printf "  %7.2f s  %5.1f %%  %.3f ms/node  %s\n", g[k] / 100, 100 * g[k] / tot, g[k] * 10 / n, k | "sort -rn" }' \
  "$out/threads.txt"

if [ "${PERF:-0}" = 1 ]; then
  echo "-- node event loops: where their sampled instructions are (perf, 15 s of the connect phase, leaf frame)"
  perf script -i "$out/perf.data" 2>/dev/null | awk '
    /^[^ \t]/ { loop = ($0 ~ /^nats-node-loop/); leaf = 1; next }
    /^$/ { next }
    leaf && loop { leaf = 0; n++
      if ($0 ~ /tcnative/) k = "BoringSSL (netty-tcnative)"; else if ($0 ~ /kernel/) k = "kernel (TCP, epoll, syscalls)"
      else if ($0 ~ /libjvm/) k = "JVM runtime (allocation, JNI transitions, stubs)"; else if ($0 ~ /libc\.so/) k = "libc (malloc, memcpy)"
      else if ($0 ~ /\[JIT\]|perf-[0-9]+\.map/) k = "Java (compiled or interpreted: Netty, node protocol, trust check, Gatling)"
      else k = "other"; c[k]++ }
    leaf { leaf = 0 }
    END { for (k in c) printf "  %5.1f %%  %s\n", 100 * c[k] / n, k | "sort -rn" }'
fi
