#!/usr/bin/env bash
# The VS Code extension's tests, in a real VS Code (code-server + headless chromium):
#   1. build and package the .vsix (npm ci first when node_modules is missing)
#   2. unit tests (node --test), including the status bar's publication date against the server's
#   3. smoke run: install the .vsix into code-server, open FILE, record the diagnostics VS Code
#      holds, hovers, code actions, a quick fix applied and reverted, and a setting round trip
#   4. check-smoke.py: those diagnostics equal `copydesk check --format json FILE`
#
# Usage: test/run.sh COPYDESK_BINARY [FILE]
#   FILE defaults to the repository's tests/corpus/examples/liveblog-runoff.md; it should hold
#   relative dates (the setting round trip watches their messages change)
# Env: CODE_SERVER (code-server executable; default `code-server` on PATH), CHROMIUM,
#      SMOKE_KEEP=1 (keep VS Code's logs and profile; see smoke/run-smoke.sh)
# Exit 0 when every check passed.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EXT="$(dirname "$HERE")"
REPO="$(cd "$EXT/../.." && pwd)"
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 COPYDESK_BINARY [FILE]" >&2; exit 2; }
BIN="$(realpath "$1")"
FILE="$(realpath "${2:-$REPO/tests/corpus/examples/liveblog-runoff.md}")"
[ -x "$BIN" ] || { echo "run.sh: not an executable: $BIN" >&2; exit 2; }

WORK="$(mktemp -d -t copydesk-vscode-test.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

cd "$EXT"
[ -d node_modules ] || npm ci --no-audit --no-fund
rm -f copydesk-*.vsix
npm run --silent build
npm run --silent package >/dev/null
VSIX="$(ls "$EXT"/copydesk-*.vsix)"
echo "run.sh: built $(basename "$VSIX")"

COPYDESK_BIN="$BIN" node --test out/test/

# A throw-away user profile: copydesk.path points at the binary under test; no autosave, so
# the quick fix the probe applies never reaches the file on disk.
python3 - "$BIN" > "$WORK/settings.json" <<'PY'
import json, sys
print(json.dumps({
    "copydesk.path": sys.argv[1],
    "files.autoSave": "off",
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": False,
    "security.workspace.trust.enabled": False,
    "extensions.autoUpdate": False,
    "extensions.autoCheckUpdates": False,
    "extensions.ignoreRecommendations": True,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
}, indent=2))
PY

"$BIN" check --format json "$FILE" > "$WORK/check.json" || [ $? -eq 1 ]  # 1: findings, as expected
DIAG_PROBE_CHECKS=1 SMOKE_SETTINGS="$WORK/settings.json" SMOKE_SOURCE=copydesk \
  "$HERE/smoke/run-smoke.sh" "$VSIX" "$FILE" > "$WORK/probe.json"
python3 "$HERE/check-smoke.py" "$WORK/probe.json" "$WORK/check.json" "$FILE"
