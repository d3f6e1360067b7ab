#!/usr/bin/env bash
# Sharded fleet benchmark: N simulated TLS nodes (EC P-256) spread over K injector JVMs against a fresh local 3-node
# cluster, one discovery client, then the fleet-wide merge. Prints connect time, discovery time-to-all-replies, missing
# replies, server and injector RSS. Heavy: run it alone, under both shared locks:
#   flock /tmp/mconats-heavy.lock flock /tmp/mconats-embedded.lock simulations/bench/fleet-shards-benchmark.sh [nodes] [injectors]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
nodes="${1:-50000}"
injectors="${2:-3}"
command -v jq >/dev/null || { echo "error: needs jq (apt-get install -y jq)" >&2; exit 2; }
reports="simulations/target/bench-reports"
set +e
${MCO_NATS:-./mco-nats} fleet --local-server ec-p256 --injectors "$injectors" --nodes "$nodes" --clients 1 --rounds 5 \
  --ramp-rate 1000 --param connect-concurrency=16 --param discovery-timeout=60 --param directed=10 --param p99-bound-ms=5000 \
  --results-dir "$reports"
rc=$?
set -e
run="$(ls -d "$reports"/runs/*-fleet* | sort | tail -n 1)"
echo "== figures ($run, fleet exit code $rc)"
jq -r '
  "nodes live (sum of injector maxima): \(.fleet.nodes_live_max) of \(.fleet.fleet_size) over \(.fleet.shards) injectors",
  "handshakes ok / failed:              \(.fleet.handshakes_ok) / \(.fleet.handshakes_failed)",
  "broadcast replies exp / recv / miss: \(.broadcast_replies.expected) / \(.broadcast_replies.received) / \(.broadcast_replies.missing)",
  "discovery rounds ok / ko:            \(.requests.discovery.ok) / \(.requests.discovery.ko)",
  "discovery time-to-all p50/p99/max:   \(.requests.discovery.p50_ms) / \(.requests.discovery.p99_ms) / \(.requests.discovery.max_ms) ms",
  "directed rpcutil ping ok / p99:      \(.requests["rpcutil ping (directed)"].ok) / \(.requests["rpcutil ping (directed)"].p99_ms) ms",
  "connect (one handshake) p50/p99:     \(.requests.connect.p50_ms) / \(.requests.connect.p99_ms) ms",
  "fleet ready (client waited):         \(.requests["fleet ready"].max_ms) ms",
  (.injectors[] | "injector \(.shard): nodes \(.nodes), max live \(.max_live), RSS at steady state \((.rss_steady_bytes // 0) / 1048576 | floor) MiB, assertions \(if .assertions_passed then "held" else "FAILED" end)")
' "$run/fleet-summary.json"
for s in "$run"/shards/*/; do
  jq -r --arg s "$(basename "$s")" '"injector \($s): connect phase \(.connect.connect_phase_s) s, \(.connect.handshakes_per_s | floor) handshakes/s, CPU/handshake injector \(.connect.injector_cpu_ms_per_handshake * 100 | round / 100) ms, servers \(.connect.server_cpu_ms_per_handshake // 0 | . * 100 | round / 100) ms"' "$s/load-summary.json"
done
# nats-server RSS: the largest /varz mem each server reported in injector 0's samples
jq -rs '[.[] | .servers[]? | select(.mem != null) | {s: .name, m: .mem, c: .connections}] | group_by(.s) | .[] | "server \(.[0].s): max connections \(map(.c) | max), max RSS \((map(.m) | max) / 1048576 | floor) MiB"' "$run/shards/0/samples.jsonl" 2>/dev/null \
  || echo "(server RSS: samples format not recognised)"
exit "$rc"
