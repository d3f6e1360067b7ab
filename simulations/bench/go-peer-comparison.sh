#!/usr/bin/env bash
# Side by side with a Go peer fleet emulator (one nats.go connection per node, as Choria's emulator; a measuring tool
# kept OUTSIDE this repository, given by path): A B A = Go peer, this project's injector, Go peer, one after the other,
# all three against the same nats-server configuration and PKI (the peer's nats.conf: tls verify: true, timeout 5; the
# peer serves it on 127.0.0.1:44222, B on 127.0.0.1:$B_PORT, default 24422), N nodes,
# 48 handshakes in flight, no ramp limit. Prints per run: connect rate, client and server CPU per handshake, RSS per
# node, discovery; then ours / Go (mean of the two Go runs). Heavy: run it alone, under the shared lock:
#   GO_FLEET=<dir of the peer's run.sh> flock /tmp/mconats-heavy.lock simulations/bench/go-peer-comparison.sh [ec-p256|rsa-2048] [nodes]
# GO_FLEET defaults to ../shared/peers/go-fleet, as in storm-benchmark.sh. The peer must be built and have its
# certificates ($GO_FLEET/run.sh build; $GO_FLEET/run.sh certs: /tmp/go-fleet/{ec,rsa}).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
key="${1:-ec-p256}"
nodes="${2:-19000}"
case "$key" in
  ec-p256) kt=ec ;;
  rsa-2048) kt=rsa ;;
  *) echo "error: key type must be ec-p256 or rsa-2048 (the Go peer's two PKIs)" >&2; exit 2 ;;
esac
go_fleet="${GO_FLEET:-$(cd .. && pwd)/shared/peers/go-fleet}"
go_fleet="${go_fleet%/run.sh}/run.sh"   # the folder, or its run.sh
[ -x "$go_fleet" ] || { echo "error: no Go peer at $go_fleet (set GO_FLEET to its folder)" >&2; exit 2; }
peer=/tmp/go-fleet
[ -x "$peer/bin/go-fleet" ] && [ -f "$peer/$kt/nats.conf" ] || { echo "error: build the peer and its certs first: $go_fleet build; $go_fleet certs" >&2; exit 2; }
command -v jq >/dev/null || { echo "error: needs jq (apt-get install -y jq)" >&2; exit 2; }
ulimit -n 20000
reports="simulations/target/bench-reports"
log=$(mktemp -d /tmp/go-peer-comparison.XXXXXX)
echo "== A B A, $key, $nodes nodes, logs in $log"

quiesce() { # let earlier runs' TIME_WAIT sockets expire so runs start alike
  local i; for i in $(seq 65); do [ "$(ss -tan state time-wait | wc -l)" -lt 200 ] && return; sleep 1; done
}

go_run() { # $1 = label
  echo "-- $1: Go peer, uptime: $(uptime)"
  "$go_fleet" bench "$nodes" "$kt" 48 > "$log/$1.txt" 2>&1 || { cat "$log/$1.txt"; exit 1; }
  echo "   uptime after: $(uptime)"
  grep -E "^(CONNECT|\[after|ROUND|RESULT)" "$log/$1.txt" | sed 's/^/   /'
}

SPID=
stop_server() { if [ -n "$SPID" ]; then kill "$SPID" 2>/dev/null || true; wait "$SPID" 2>/dev/null || true; SPID=; fi; }
trap stop_server EXIT

# B's server: the peer's configuration and PKI, on ports of its own below the ephemeral range
port="${B_PORT:-24422}"
http_port="${B_HTTP_PORT:-28422}"
ours_run() { # the nodes present the peer's client certificate, as the peer's nodes do
  quiesce
  echo "-- B: this project's injector, uptime: $(uptime)"
  if ss -ltn | grep -q -E "127.0.0.1:($port|$http_port) "; then echo "error: port $port or $http_port already in use" >&2; exit 1; fi
  sed -e "s/^listen: .*/listen: 127.0.0.1:$port/" -e "s/^http: .*/http: 127.0.0.1:$http_port/" \
      -e "s#^log_file: .*#log_file: \"$log/B-server.log\"#" "$peer/$kt/nats.conf" > "$log/B-nats.conf"
  nats-server -c "$log/B-nats.conf" > "$log/B-server.out" 2>&1 &
  SPID=$!
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$http_port/varz" && break; sleep 0.1; done
  curl -sf -o /dev/null "http://127.0.0.1:$http_port/varz" || { echo "error: nats-server did not come up:" >&2; cat "$log/B-server.out" >&2; exit 1; }
  cat > "$log/target.conf" <<EOF
target {
  name = "go-peer-server-$kt"
  servers = ["127.0.0.1:$port"]
  monitor = ["http://127.0.0.1:$http_port"]
  tls { ca = "$peer/$kt/ca.pem", cert = "$peer/$kt/client.pem", key = "$peer/$kt/client.key" }
}
EOF
  set +e
  ${MCO_NATS:-./mco-nats} load --simulation SingleServerScaling --target "$log/target.conf" --preset fleet --nodes "$nodes" \
    --ramp-rate 100000 --param connect-concurrency=48 --param server-pids="$SPID" --results-dir "$reports" > "$log/B.txt" 2>&1
  rc=$?
  set -e
  stop_server
  echo "   uptime after: $(uptime)"
  run="$(ls -d "$reports"/runs/*-load* | sort | tail -n 1)"
  [ -f "$run/load-summary.json" ] || { tail -n 20 "$log/B.txt"; exit 1; }
  cp "$run/load-summary.json" "$log/B-summary.json"
  echo "   run $run (load exit code $rc)"
}

go_run A1
ours_run
go_run A2

# Go: "CONNECT n/N nodes in Ts = R conn/s, failed attempts F, emulator CPU Cs, server CPU Ss"
go_fig() { # file -> rate client_ms server_ms kb_per_node last_reply_max_s
  awk '
    /^CONNECT/ { split($2, n, "/"); for (i = 1; i <= NF; i++) { if ($i == "conn/s,") r = $(i-1); if ($i == "emulator") ec = $(i+2); if ($i == "server") sc = $(i+2) }
                 sub("s,", "", ec); sub("s", "", sc); live = n[1] }
    /^\[after connect\]/ { if (match($0, /\([0-9.]+ KB\/node/)) { kb = substr($0, RSTART + 1, RLENGTH - 1); sub(/ KB\/node/, "", kb) } }
    /^ROUND/ { for (i = 1; i <= NF; i++) if ($i == "last") { v = $(i+1); sub("s", "", v); if (v + 0 > mx) mx = v + 0 } }
    END { printf "%s %.3f %.3f %s %.2f\n", r, ec * 1000 / live, sc * 1000 / live, kb, mx }' "$1"
}
read -r a1_rate a1_cpu a1_scpu a1_kb a1_last < <(go_fig "$log/A1.txt")
read -r a2_rate a2_cpu a2_scpu a2_kb a2_last < <(go_fig "$log/A2.txt")
s="$log/B-summary.json"
b_rate=$(jq '.connect.handshakes_per_s' "$s")
b_cpu=$(jq '.connect.injector_cpu_ms_per_handshake' "$s")
b_scpu=$(jq '.connect.server_cpu_ms_per_handshake // 0' "$s")
b_kib=$(jq '.injector_memory.steady_state.rss_per_node_bytes / 1024' "$s")
echo "== figures ($key, $nodes nodes; Go = mean of A1 and A2)"
awk -v a1r="$a1_rate" -v a2r="$a2_rate" -v br="$b_rate" -v a1c="$a1_cpu" -v a2c="$a2_cpu" -v bc="$b_cpu" \
    -v a1s="$a1_scpu" -v a2s="$a2_scpu" -v bs="$b_scpu" -v a1k="$a1_kb" -v a2k="$a2_kb" -v bk="$b_kib" 'BEGIN {
  gr = (a1r + a2r) / 2; gc = (a1c + a2c) / 2; gs = (a1s + a2s) / 2
  printf "%-34s %10s %10s %10s %8s\n", "", "Go A1", "ours B", "Go A2", "B / Go"
  printf "%-34s %10.0f %10.0f %10.0f %7.2fx\n", "connect rate (handshakes/s)", a1r, br, a2r, br / gr
  printf "%-34s %10.3f %10.3f %10.3f %7.2fx\n", "client CPU per handshake (ms)", a1c, bc, a2c, bc / gc
  printf "%-34s %10.3f %10.3f %10.3f %7.2fx\n", "server CPU per handshake (ms)", a1s, bs, a2s, bs / gs
  printf "%-34s %10s %10.1f %10s  (Go: KB after connect; ours: KiB at steady state)\n", "RSS per node", a1k, bk, a2k }'
jq -r '"ours: nodes live \(.fleet.max_live) of \(.fleet.nodes), discovery rounds ok/ko \(.requests.discovery.ok)/\(.requests.discovery.ko), missing replies \(.discovery.missing_replies), time-to-all p50/p99 \(.requests.discovery.p50_ms)/\(.requests.discovery.p99_ms) ms, warm-up \(.requests["discovery (warm-up)"].max_ms // "none") ms, node TLS: \(.fleet.node_tls // "?")"' "$s"
echo "Go: last reply, worst round: A1 $a1_last s, A2 $a2_last s"
