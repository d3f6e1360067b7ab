#!/usr/bin/env bash
# A Docker-compatible API without a Docker engine: podman's service on a private socket, plus a locally built NATS image
# (FROM scratch with the host's nats-server binary; no registry needed). Used by .ci/run and by developers:
#   eval "$(containers/podman/podman-service.sh start)"   # prints the exports for DOCKER_HOST etc.
#   containers/podman/podman-service.sh stop
# State (config, storage, socket, PID file) lives in $MCO_NATS_PODMAN_DIR (default /tmp/mco-nats-podman).
set -euo pipefail
dir="${MCO_NATS_PODMAN_DIR:-/tmp/mco-nats-podman}"
image="${MCO_NATS_LOCAL_IMAGE:-localhost/mco-nats-server}"

exports() {
  cat <<EOT
export CONTAINERS_CONF=$dir/containers.conf
export CONTAINERS_STORAGE_CONF=$dir/storage.conf
export DOCKER_HOST=unix://$dir/podman.sock
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_CHECKS_DISABLE=true
export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
export MCO_NATS_IMAGE=$image:$(nats_version)
EOT
}

nats_bin() { command -v nats-server 2>/dev/null || echo /usr/sbin/nats-server; }
nats_version() { "$(nats_bin)" --version | sed 's/.*v//'; }

start() {
  command -v podman >/dev/null || { echo "podman-service: podman not installed (apt-get install -y podman runc)" >&2; exit 1; }
  command -v runc >/dev/null || [ -x /usr/sbin/runc ] || { echo "podman-service: runc not installed (crun cannot run on this cgroup layout)" >&2; exit 1; }
  mkdir -p "$dir"
  # podman otherwise asks for more open files than the hard limit allows; runc and cgroupfs suit this machine's cgroups.
  cat > "$dir/containers.conf" <<EOT
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=8192:8192"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOT
  cat > "$dir/storage.conf" <<EOT
[storage]
driver = "overlay"
runroot = "$dir/run"
graphroot = "$dir/graph"
EOT
  eval "$(exports)"
  if [ -f "$dir/service.pid" ] && kill -0 "$(cat "$dir/service.pid")" 2>/dev/null; then
    :
  else
    rm -f "$dir/podman.sock"
    nohup podman system service --time=0 "unix://$dir/podman.sock" >"$dir/service.log" 2>&1 &
    echo $! > "$dir/service.pid"
    for _ in $(seq 1 50); do [ -S "$dir/podman.sock" ] && break; sleep 0.2; done
    [ -S "$dir/podman.sock" ] || { echo "podman-service: the podman API did not come up, see $dir/service.log" >&2; exit 1; }
  fi
  local tag; tag="$image:$(nats_version)"
  if ! podman image exists "$tag"; then
    local ctx="$dir/image"; rm -rf "$ctx"; mkdir -p "$ctx"
    cp "$(nats_bin)" "$ctx/nats-server"
    # The Debian binary is dynamically linked: bring its loader and libc along.
    for lib in $(ldd "$(nats_bin)" | grep -o '/[^ ]*'); do mkdir -p "$ctx/root$(dirname "$lib")"; cp -L "$lib" "$ctx/root$lib"; done
    cat > "$ctx/Containerfile" <<EOT
FROM scratch
COPY root/ /
COPY nats-server /nats-server
ENTRYPOINT ["/nats-server"]
EOT
    podman build -q -t "$tag" "$ctx" >/dev/null
  fi
  exports
}

stop() {
  if [ -f "$dir/service.pid" ]; then
    pid="$(cat "$dir/service.pid")"
    if kill -0 "$pid" 2>/dev/null && grep -q podman "/proc/$pid/cmdline" 2>/dev/null; then kill "$pid"; fi
    rm -f "$dir/service.pid"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) exports ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
