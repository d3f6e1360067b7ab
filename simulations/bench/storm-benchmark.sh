#!/usr/bin/env bash
# Storm benchmark: ReconnectStorm and RollingRestart on a fresh local 3-node cluster with N simulated nodes, then the
# side-by-side figure in the same run, A B A: the Go peer emulator's `storm` (kill -9 its one server, restart it 3 s
# later), our ReconnectStorm against a server with the Go peer's very config and certificates (its nats.conf on a port
# below 32768, killed and restarted 3 s later through a target-file fault section), same node count and key type, and
# the Go peer's storm again; the ratio is ours over the mean of the two Go runs.
# `single` adds our ReconnectStorm against one fresh server of our own (the seed's layout: TLS timeout 2 s).
# Against the peer's server our nodes use the peer's connect timeout (nats.Timeout 10 s; Choria keeps nats.go's 2 s):
# NODE_CONNECT_TIMEOUT=<s> sets another. Each storm also prints the host's listen-queue drops (nstat
# TcpExtListenDrops): SYNs and connections a server's full accept queue dropped, which the client sees as a connect
# that needs its SYN resent (after 1 s, then 3 s, ...).
# Prints each step's figures and the recovery-time ratio ours / Go. Heavy: run it alone, under the shared lock:
#   flock /tmp/mconats-heavy.lock simulations/bench/storm-benchmark.sh [nodes] [ec-p256|rsa-2048] [parts]
# parts: any of cluster,rolling,single,go (default all); GO_FLEET=<dir of run.sh> (default ../shared/peers/go-fleet).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
nodes="${1:-10000}"
key="${2:-ec-p256}"
parts="${3:-cluster,rolling,single,go}"
case "$key" in
  ec-p256) go_key=ec ;;
  rsa-2048) go_key=rsa ;;
  *) echo "error: key type must be ec-p256 or rsa-2048 (the Go peer has no other)" >&2; exit 2 ;;
esac
command -v jq >/dev/null || { echo "error: needs jq (apt-get install -y jq)" >&2; exit 2; }
go_fleet="${GO_FLEET:-$(cd .. && pwd)/shared/peers/go-fleet}"
reports="simulations/target/bench-reports"
mco="${MCO_NATS:-./mco-nats}"

listen_drops() { nstat -saz TcpExtListenDrops 2>/dev/null | awk '/ListenDrops/ { print $2 }'; }

echo "== $(date -u +%FT%TZ) storm benchmark: $nodes nodes, $key; uptime: $(uptime)"

steps() { # summary file
  jq -r '.storm as $s |
    "storm \($s.kind) \($s.verdict): \($s.reason)",
    "  fault \($s.fault), down \($s.down_for_ms) ms, \($s.members) member(s), fleet \($s.fleet_size), bounded by injector: \($s.bounded_by_injector)",
    ($s.steps[] | "  step \(.step) \(.member) (\(.server)): nodes on it before \(.nodes_on_member_before), affected \(.affected_nodes), failed reconnect attempts \(.failed_reconnect_attempts // "-"); all reconnected \(.all_reconnected_ms // "-") ms after the fault; member back \(.member_back_ms // "-") ms, mesh whole \(.mesh_whole_ms // "-") ms after the restart; outage rounds \(.outage_rounds.count) (reply ratio \(.outage_rounds.reply_ratio // "-")); after recovery \(.after_rounds.ok)/\(.after_rounds.count) ok, \(.after_rounds.missing_replies) missing; lost replies \(.lost_replies); spread \(.spread_after | to_entries | map("\(.key)=\(.value)") | join(" ")); injector CPU \(.injector_cpu.mean_util // "-") of all cores, saturated \(.injector_cpu.saturated_fraction // "-") -> \(.verdict)")' "$1"
}

run_ours() { # label, then load arguments (a fresh local deployment unless they name a --target)
  local label="$1"; shift
  local where=(--local-server "$key")
  [[ " $* " == *" --target "* ]] && where=()
  echo "== $label: $mco load $* ${where[*]}"
  local drops0; drops0="$(listen_drops)"
  set +e
  $mco load "$@" --nodes "$nodes" "${where[@]}" --results-dir "$reports" | grep -E '^load: '
  local rc=${PIPESTATUS[0]}
  set -e
  local run; run="$(ls -d "$reports"/runs/*-load* | sort | tail -n 1)"
  echo "   exit $rc, run $run, listen-queue drops $(( $(listen_drops) - drops0 ))"
  steps "$run/load-summary.json"
  last_summary="$run/load-summary.json"
}

if [[ ",$parts," == *",cluster,"* ]]; then
  run_ours "ReconnectStorm, 3-node cluster" --simulation ReconnectStorm --fault kill --down-for 10
fi
if [[ ",$parts," == *",rolling,"* ]]; then
  run_ours "RollingRestart, 3-node cluster" --simulation RollingRestart
fi
if [[ ",$parts," == *",single,"* ]]; then
  run_ours "ReconnectStorm, one fresh server of ours" --simulation ReconnectStorm --servers 1 --fault kill --down-for 3 \
    --param recovery-timeout="${RECOVERY_TIMEOUT:-600}" --param recovery-bound-ms=600000
fi
ours_ms=""
go_storm() { # runs the Go peer's storm once; prints its figures, sets go_last (kill to all reconnected, s)
  echo "== Go peer: $go_fleet/run.sh storm $nodes $go_key; $(uptime)"
  local drops0 out
  drops0="$(listen_drops)"
  out="$(RESERVE_PORTS="${RESERVE_PORTS:-1}" "$go_fleet/run.sh" storm "$nodes" "$go_key" 2>&1 || true)"
  echo "$out" | grep -E '^(CONNECT|RESULT|STORM|kill|restart|nats-server up)' || echo "$out" | tail -n 20
  echo "   listen-queue drops $(( $(listen_drops) - drops0 ))"
  go_last="$(echo "$out" | sed -n 's/.*STORM_RESULT.* down_to_all_s=\([0-9.]*\).*/\1/p' | tail -n 1)"
}
go_a1=""
go_a2=""
if [[ ",$parts," == *",go,"* ]]; then
  [ -x /tmp/go-fleet/bin/go-fleet ] || "$go_fleet/run.sh" build
  [ -f "/tmp/go-fleet/$go_key/nats.conf" ] || "$go_fleet/run.sh" certs
  # A B A: the Go peer before and after ours, so that a drift of the shared machine shows instead of biasing the ratio
  go_storm
  go_a1="$go_last"

  # Ours against the same server: the peer's nats.conf and certificates, own log and PID file, port below 32768.
  srv="$(mktemp -d /tmp/mco-nats-goserver-XXXX)"
  sed -e "s#127.0.0.1:44222#127.0.0.1:24222#; s#127.0.0.1:48222#127.0.0.1:28222#" \
      -e "s#^log_file: .*#log_file: \"$srv/nats-server.log\"\npid_file: \"$srv/nats.pid\"#" "/tmp/go-fleet/$go_key/nats.conf" > "$srv/nats.conf"
  cat > "$srv/target.conf" <<EOT
target {
  name = "the Go peer's server config on 127.0.0.1:24222"
  servers = ["127.0.0.1:24222"]
  monitor = ["http://127.0.0.1:28222"]
  tls { ca = "/tmp/go-fleet/$go_key/ca.pem", cert = "/tmp/go-fleet/$go_key/client.pem", key = "/tmp/go-fleet/$go_key/client.key" }
  fault {
    allow-member-commands = true
    members = [{ name = "go-peer-server", server = "127.0.0.1:24222", kill = "kill -9 \$(cat $srv/nats.pid)",
                 stop = "kill \$(cat $srv/nats.pid)", start = "nats-server -c $srv/nats.conf >/dev/null 2>&1 &" }]
  }
}
EOT
  nats-server -c "$srv/nats.conf" >/dev/null 2>&1 &
  for _ in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:28222/varz && break; sleep 0.1; done
  run_ours "ReconnectStorm against the Go peer's server config, node connect timeout ${NODE_CONNECT_TIMEOUT:-10} s" \
    --simulation ReconnectStorm --target "$srv/target.conf" --fault kill --down-for 3 \
    --param node-connect-timeout="${NODE_CONNECT_TIMEOUT:-10}" --param recovery-timeout="${RECOVERY_TIMEOUT:-600}" --param recovery-bound-ms=600000
  ours_ms="$(jq -r '.storm.steps[0].all_reconnected_ms // empty' "$last_summary")"
  [ -n "$ours_ms" ] || echo "== ours: the fleet was not connected again within ${RECOVERY_TIMEOUT:-600} s"
  [ -f "$srv/nats.pid" ] && kill "$(cat "$srv/nats.pid")" 2>/dev/null || true
  go_storm
  go_a2="$go_last"
fi
if [ -n "$ours_ms" ] && [ -n "$go_a1" ] && [ -n "$go_a2" ]; then
  awk -v o="$ours_ms" -v a="$go_a1" -v b="$go_a2" 'BEGIN { g = (a + b) / 2; printf "== recovery time, kill to all %s nodes connected again: Go A1 %.1f s, ours %.1f s, Go A2 %.1f s; ratio ours / mean(Go) %.2f\n", '"$nodes"', a, o / 1000, b, (o / 1000) / g }'
fi
echo "== $(date -u +%FT%TZ) done; uptime: $(uptime)"
