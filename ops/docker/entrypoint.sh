#!/usr/bin/env bash
# Starts one Tollgate node in the container: java with the image's JVM flags, the node jar, the mounted config.
#   TOLLGATE_CONFIG        the configuration file (default /etc/tollgate/tollgate.yaml, mount it there)
#   TOLLGATE_CLUSTER_HOST  the address the Hazelcast member binds and advertises; Kubernetes sets it to the pod IP
#                          (downward API), elsewhere it defaults to this container's first address
#   TOLLGATE_JVM_FLAGS     the flags the node needs on Java 25 (set by the image); JAVA_OPTS adds to them
# Arguments are passed to the node after --config.
set -euo pipefail

home="${TOLLGATE_HOME:-/opt/tollgate}"
config="${TOLLGATE_CONFIG:-/etc/tollgate/tollgate.yaml}"
if [ ! -r "$config" ]; then
  echo "tollgate: no configuration at $config: mount one there (or set TOLLGATE_CONFIG); see ops/README.md" >&2
  exit 2
fi

if [ -z "${TOLLGATE_CLUSTER_HOST:-}" ]; then
  # hostname -i resolves the container's name through /etc/hosts, which Docker writes with its address
  read -r first _ <<<"$(hostname -i 2>/dev/null || true)"
  if [ -z "${first:-}" ]; then
    echo "tollgate: cannot tell this container's address (hostname -i): set TOLLGATE_CLUSTER_HOST" >&2
    exit 2
  fi
  export TOLLGATE_CLUSTER_HOST="$first"
fi

# The CPUs this container may use (cgroup v2 quota, else the online CPUs). On one or two the common fork-join pool
# gets parallelism 1, and then CompletableFuture and Hazelcast's futures run every async callback on a new thread:
# keep it at 2 at least, as ./tollgate does.
cpus="$(nproc)"
if [ -r /sys/fs/cgroup/cpu.max ]; then
  read -r quota period </sys/fs/cgroup/cpu.max
  if [ "$quota" != max ] && [ "${period:-0}" -gt 0 ]; then
    cpus=$(( (quota + period - 1) / period ))
  fi
fi
extra=()
if [ "$cpus" -le 2 ]; then
  extra+=(-Djava.util.concurrent.ForkJoinPool.common.parallelism=2)
fi

# DJL unpacks its native tokenizer under DJL_CACHE_DIR: keep it in the writable working directory
# shellcheck disable=SC2086  # the flag strings are lists of words
exec "${JAVA_HOME:-/opt/java/openjdk}/bin/java" $TOLLGATE_JVM_FLAGS "${extra[@]}" -DDJL_CACHE_DIR="$PWD/djl" \
  ${JAVA_OPTS:-} -jar "$home/tollgate-node.jar" --config "$config" "$@"
