#!/usr/bin/env bash
# Fleet benchmark: one injector JVM holding N simulated TLS nodes on one fresh local nats-server, next to
# `openssl speed` for the same key type measured in the same run. The "fleet" preset with its ramp limit lifted
# (--ramp-rate 100000): the 48 handshakes in flight, not a ramp, decide the connect rate. Heavy: run it alone, under the shared lock:
#   flock /tmp/mconats-heavy.lock simulations/bench/fleet-benchmark.sh [ec-p256|rsa-2048|rsa-4096] [nodes]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
key="${1:-ec-p256}"
nodes="${2:-19000}"
case "$key" in
  ec-p256) algo=ecdsap256 ;;
  rsa-2048) algo=rsa2048 ;;
  rsa-4096) algo=rsa4096 ;;
  *) echo "error: key type must be ec-p256, rsa-2048 or rsa-4096" >&2; exit 2 ;;
esac
command -v jq >/dev/null || { echo "error: needs jq (apt-get install -y jq)" >&2; exit 2; }

echo "== openssl speed -seconds 5 $algo (one core)"
speed="$(openssl speed -seconds 5 "$algo" 2>/dev/null | tail -n 1)"
echo "$speed"
# last line: "<bits|256> <name> <sign s> <verify s> <sign/s> <verify/s>" (RSA lines also carry encrypt/decrypt in OpenSSL 3)
read -r sign_per_s verify_per_s < <(echo "$speed" | awk '{n=NF; if ($0 ~ /rsa/ && NF>=9) print $(NF-3), $(NF-2); else print $(NF-1), $NF}')

reports="simulations/target/bench-reports"
echo "== ./mco-nats load --local-server $key --preset fleet --nodes $nodes --ramp-rate 100000  ($(uptime))"
set +e
${MCO_NATS:-./mco-nats} load --simulation SingleServerScaling --local-server "$key" --preset fleet --nodes "$nodes" --ramp-rate 100000 \
  --results-dir "$reports" \
  | grep -v -E '^(\[|          waiting|=====|----|> |$)'
rc=${PIPESTATUS[0]}
set -e
run="$(ls -d "$reports"/runs/*-load* | sort | tail -n 1)"
s="$run/load-summary.json"
echo "== figures ($s, load exit code $rc; $(uptime))"
jq -r --arg key "$key" --arg sign "$sign_per_s" --arg verify "$verify_per_s" '
  . as $r |
  ($r.connect.injector_cpu_ms_per_handshake) as $cpu |
  ($r.connect.server_cpu_ms_per_handshake) as $scpu |
  (1000 / ($sign|tonumber)) as $signms |
  [
    "key type:                        \($key) (node certificate: \($r.fleet.node_key_type), node TLS: \($r.fleet.node_tls))",
    "nodes live (max):                \($r.fleet.max_live) of \($r.fleet.nodes)",
    "handshakes ok / failed:          \($r.connect.handshakes_ok) / \($r.connect.handshakes_failed)",
    "connect rate:                    \($r.connect.handshakes_per_s | floor) handshakes/s over \($r.connect.connect_phase_s) s",
    "injector CPU per handshake:      \($cpu * 100 | round / 100) ms",
    "server CPU per handshake:        \(if $scpu then ($scpu * 100 | round / 100 | tostring) + " ms" else "n/a" end)",
    "openssl \($key) sign:            \($signms * 1000 | round / 1000) ms (\($sign) sign/s, \($verify) verify/s, one core)",
    "injector CPU / openssl sign:     \($cpu / $signms * 10 | round / 10)x",
    "injector RSS at steady state:    \($r.injector_memory.steady_state.rss_bytes / 1048576 | floor) MiB = \($r.injector_memory.steady_state.rss_per_node_bytes / 1024 | floor) KiB per node (above baseline: \($r.injector_memory.steady_state.rss_above_baseline_per_node_bytes / 1024 | floor) KiB)",
    "injector heap used / threads:    \($r.injector_memory.steady_state.heap_used_bytes / 1048576 | floor) MiB / \($r.injector_memory.steady_state.os_threads) OS threads",
    "discovery rounds ok / ko:        \($r.requests.discovery.ok) / \($r.requests.discovery.ko), missing replies: \($r.discovery.missing_replies)",
    "discovery time-to-all p50/p99:   \($r.requests.discovery.p50_ms) / \($r.requests.discovery.p99_ms) ms (max \($r.requests.discovery.max_ms))",
    "warm-up discovery (not in p99):  \($r.requests["discovery (warm-up)"].max_ms // "none") ms, ok \($r.requests["discovery (warm-up)"].ok // 0)",
    "heap collections between rounds: \($r.injector_memory.settle_collections // 0), longest \($r.injector_memory.settle_max_ms // 0) ms",
    "replies sent by nodes:           \($r.fleet.replies_sent)",
    "gatling assertions passed:       \($r.gatling.assertions_passed)"
  ] | .[]' "$s"
exit "$rc"
