#!/usr/bin/env bash
# CI for the VS Code extension: install what the test needs (apt + npm only), then build,
# package and run test/run.sh against the copydesk binary CI built.
#
# Usage: editors/vscode/test/ci.sh [COPYDESK_BINARY]   (default: build/copydesk in the repository)
# Env:   CODE_SERVER_PREFIX  where code-server is installed (default: a folder under
#                            XDG_CACHE_HOME or ~/.cache, so later runs on the same machine reuse it)
#        SKIP_APT=1          skip the apt-get step (see smoke/install-code-server.sh)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EXT="$(dirname "$HERE")"
REPO="$(cd "$EXT/../.." && pwd)"
BIN="${1:-$REPO/build/copydesk}"
[ -x "$BIN" ] || { echo "ci.sh: no copydesk binary at $BIN (build it first: ninja -C build)" >&2; exit 2; }

# Pinned: code-server 4.100.3 is VS Code 1.100.3 and runs on node 20 (see smoke/install-code-server.sh).
export CODE_SERVER_VERSION=4.100.3
if [ -n "${XDG_CACHE_HOME:-}" ]; then CACHE="$XDG_CACHE_HOME"
elif [ -n "${HOME:-}" ]; then CACHE="$HOME/.cache"
else CACHE="$EXT/.cache"; fi
PREFIX="${CODE_SERVER_PREFIX:-$CACHE/copydesk-ci/code-server-$CODE_SERVER_VERSION}"

t0=$(date +%s)
bash "$HERE/smoke/install-code-server.sh" "$PREFIX"
export CODE_SERVER="$PREFIX/node_modules/.bin/code-server"
t1=$(date +%s)
echo "ci.sh: code-server ready in $((t1 - t0)) s"

(cd "$EXT" && npm ci --no-audit --no-fund)
bash "$HERE/run.sh" "$BIN"
echo "ci.sh: VS Code extension tests done in $(( $(date +%s) - t0 )) s"
