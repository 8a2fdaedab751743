#!/usr/bin/env bash
# workerd with V8 flags in its config, for MINIFLARE_WORKERD_PATH (bench/workerd-v8-flags.ts says why;
# `withV8Flags` there sets the variables). Miniflare runs `<this> serve --binary … -` and writes the
# binary config to stdin: this adds $ATLAS_V8_FLAGS (space-separated) to it and execs the real workerd
# ($ATLAS_WORKERD) with the same arguments on the patched config. exec keeps the pid Miniflare kills
# and the control pipe on fd 3, which the patcher does not get.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp "${TMPDIR:-/tmp}/workerd-config.XXXXXX")
trap 'rm -f "$tmp"' EXIT
(cd "$root" && "${ATLAS_NODE:-node}" --import tsx bench/workerd-v8-flags.ts) >"$tmp" 3>&-
# Open the patched config as stdin, then remove the file: workerd reads the open file.
exec <"$tmp"
rm -f "$tmp"
trap - EXIT
exec "${ATLAS_WORKERD:?the real workerd binary}" "$@"
