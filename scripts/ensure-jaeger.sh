#!/usr/bin/env bash
# Makes sure a Jaeger v2 binary is in the tools cache (outside the repository) and prints its path.
# Builds it with Go only when missing; quick when cached.
#
# Jaeger v2's release tags (v2.x.y) are not valid versions of the Go module
# github.com/jaegertracing/jaeger (its path has no /v2 suffix), so the Go proxy refuses
# `go install …/cmd/jaeger@v2.x.y`. The same commit is also tagged v1.x.y; v1.76.0 is Jaeger v2.13.0,
# the newest the proxy serves. `go install …@v1.76.0` refuses too (the module's go.mod has replace
# directives), so it is built as a tool of a throwaway module, which honours them.
set -euo pipefail

module_version="${SPANLIGHT_JAEGER_MODULE_VERSION:-v1.76.0}"
release="${SPANLIGHT_JAEGER_RELEASE:-v2.13.0}"
tools_dir="${SPANLIGHT_TOOLS_DIR:-${HOME:-/tmp}/.cache/spanlight-tools}"
dir="$tools_dir/jaeger-$module_version"
binary="$dir/jaeger"
failure="$dir/build-failure.txt"

if [ -x "$binary" ]; then
  echo "$binary"
  exit 0
fi
mkdir -p "$dir"
if ! command -v go >/dev/null 2>&1; then
  echo "Go is not installed, so Jaeger could not be built (install Go 1.24 or newer)" >"$failure"
  cat "$failure" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log="$work/build.log"
echo "ensure-jaeger: building Jaeger $release (module $module_version) into $dir; this takes minutes once" >&2
if (
  cd "$work" &&
    go mod init spanlight.local/jaeger-build &&
    go get -tool "github.com/jaegertracing/jaeger/cmd/jaeger@$module_version" &&
    go build \
      -ldflags "-X github.com/jaegertracing/jaeger/internal/version.latestVersion=$release" \
      -o "$binary.partial" github.com/jaegertracing/jaeger/cmd/jaeger
) >"$log" 2>&1; then
  mv "$binary.partial" "$binary"
  rm -f "$failure"
  echo "$binary"
else
  {
    echo "building Jaeger $release (go module github.com/jaegertracing/jaeger@$module_version) failed:"
    tail -n 20 "$log"
  } >"$failure"
  cat "$failure" >&2
  rm -f "$binary.partial"
  exit 1
fi
