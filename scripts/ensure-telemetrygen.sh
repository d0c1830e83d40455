#!/usr/bin/env bash
# Makes sure the OpenTelemetry Collector's load generator, telemetrygen, is in the tools cache
# (outside the repository) and prints its path: `npm run bench:ingest -- --sender telemetrygen` uses
# it as a second, foreign sender. Builds it with Go only when missing; quick when cached.
set -euo pipefail

version="${SPANLIGHT_TELEMETRYGEN_VERSION:-v0.161.0}"
tools_dir="${SPANLIGHT_TOOLS_DIR:-${HOME:-/tmp}/.cache/spanlight-tools}"
dir="$tools_dir/telemetrygen-$version"
binary="$dir/telemetrygen"

if [ -x "$binary" ]; then
  echo "$binary"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "Go is not installed, so telemetrygen could not be built (install Go 1.24 or newer)" >&2
  exit 1
fi
mkdir -p "$dir"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "ensure-telemetrygen: building telemetrygen $version into $dir; this takes minutes once" >&2
if GOBIN="$dir" go install \
  "github.com/open-telemetry/opentelemetry-collector-contrib/cmd/telemetrygen@$version" >"$log" 2>&1; then
  echo "$binary"
else
  echo "building telemetrygen $version failed:" >&2
  tail -n 20 "$log" >&2
  exit 1
fi
