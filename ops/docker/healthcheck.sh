#!/usr/bin/env bash
# The image's HEALTHCHECK: exit 0 when the node's /ready answers 200. bash's /dev/tcp, because the JRE image has no
# curl or wget and starting a JVM every few seconds costs more than the check is worth.
#   TOLLGATE_HTTP_PORT   the node's HTTP port (default 8080); TOLLGATE_HEALTH_HOST the address (default 127.0.0.1)
set -uo pipefail
host="${TOLLGATE_HEALTH_HOST:-127.0.0.1}"
port="${TOLLGATE_HTTP_PORT:-8080}"
exec 3<>"/dev/tcp/$host/$port" || exit 1
printf 'GET /ready HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$host" "$port" >&3
read -r -t 2 _ status _ <&3 || exit 1
[ "${status%$'\r'}" = 200 ]
