#!/usr/bin/env bash
# Smoke-test a VS Code extension in a REAL VS Code (code-server + headless chromium), offline.
#
# Usage: run-smoke.sh EXTENSION.vsix FILE_TO_OPEN
#
# Copied from the shared vscode-smoke tool; changes: CODE_SERVER has no machine default, the
# work folder goes under TMPDIR; the probe also runs probe/checks.js when DIAG_PROBE_CHECKS=1.
#
# Starts code-server (VS Code server + web workbench) with throw-away user-data/extensions dirs,
# installs EXTENSION.vsix plus a small probe extension (./probe), loads the workbench in headless
# chromium, lets the probe open FILE_TO_OPEN in an editor, waits until VS Code holds diagnostics
# for that file, and prints them as JSON (vscode.languages.getDiagnostics()) on stdout.
# Exit 0: diagnostics for FILE_TO_OPEN arrived.  Exit 1: none within SMOKE_TIMEOUT.  Exit 2: setup error.
#
# Env (all optional):
#   CODE_SERVER        code-server executable (default: `code-server` on PATH) -- see install-code-server.sh
#   CHROMIUM           browser executable (default: chromium)
#   SMOKE_TIMEOUT      seconds for the whole run (default 120)
#   SMOKE_WORKSPACE    folder to open as workspace (default: the file's directory)
#   SMOKE_EXTRA_VSIX   space-separated further .vsix files to install (extension dependencies)
#   SMOKE_SOURCE       count only diagnostics whose `source` equals this
#   SMOKE_SETTLE_MS    after the first diagnostics arrive, wait this long for more (default 2000)
#   SMOKE_SETTINGS     a settings.json to use as the VS Code user settings
#   SMOKE_CDP_PORT     if set, chromium listens for DevTools Protocol on this port (debugging / DOM checks)
#   SMOKE_AFTER        a shell command run after the diagnostics arrived, before teardown (env: SMOKE_CDP_PORT,
#                      SMOKE_WORK); a nonzero exit fails the run. E.g. UI check:
#                      SMOKE_CDP_PORT=9333 SMOKE_AFTER='NODE_PATH=/path/node_modules node ui-check.js'
#   SMOKE_KEEP=1       keep the temp dir (logs, user data) and print its path
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
die() { echo "run-smoke: $*" >&2; exit 2; }
[ $# -eq 2 ] || die "usage: $0 EXTENSION.vsix FILE_TO_OPEN"
VSIX="$(realpath "$1")" || die "no such vsix: $1"
FILE="$(realpath "$2")" || die "no such file: $2"
[ -f "$VSIX" ] || die "no such vsix: $VSIX"
[ -f "$FILE" ] || die "no such file: $FILE"
WS="$(realpath "${SMOKE_WORKSPACE:-$(dirname "$FILE")}")"
TIMEOUT="${SMOKE_TIMEOUT:-120}"

CS="${CODE_SERVER:-}"
[ -n "$CS" ] || CS="$(command -v code-server || true)"
[ -n "$CS" ] && [ -x "$CS" ] || die "code-server not found (set CODE_SERVER or run install-code-server.sh)"
BROWSER="${CHROMIUM:-chromium}"
command -v "$BROWSER" >/dev/null || die "browser not found: $BROWSER (apt-get install chromium)"
command -v python3 >/dev/null || die "python3 needed"

WORK="$(mktemp -d -t vscode-smoke.XXXXXX)"
CS_PID=""; BR_PID=""
cleanup() {
  # Both were started with setsid, so their pid is their process group: this also ends
  # code-server's extension host, file watcher, language servers and chromium's helpers.
  for p in $BR_PID $CS_PID; do kill -TERM -- "-$p" 2>/dev/null; done
  for p in $BR_PID $CS_PID; do
    for _ in $(seq 1 50); do kill -0 -- "-$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$p" 2>/dev/null
  done
  if [ "${SMOKE_KEEP:-0}" = 1 ]; then echo "run-smoke: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

t_start=$(date +%s.%N)
elapsed() { python3 -c "import sys;print(f'{float(sys.argv[2])-float(sys.argv[1]):.1f}s')" "$t_start" "$(date +%s.%N)"; }

# Keep code-server from writing ~/.config/code-server and ~/.local/share/code-server.
export XDG_CONFIG_HOME="$WORK/xdg-config" XDG_DATA_HOME="$WORK/xdg-data"
mkdir -p "$WORK/ext" "$WORK/data/User" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
: > "$WORK/config.yaml"
if [ -n "${SMOKE_SETTINGS:-}" ]; then cp "$SMOKE_SETTINGS" "$WORK/data/User/settings.json"
else cat > "$WORK/data/User/settings.json" <<'EOF'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none"
}
EOF
fi

python3 "$HERE/make-vsix.py" "$HERE/probe" "$WORK/diag-probe.vsix" || die "could not build probe vsix"
args=()
for v in "$WORK/diag-probe.vsix" ${SMOKE_EXTRA_VSIX:-} "$VSIX"; do args+=(--install-extension "$v"); done
"$CS" --config "$WORK/config.yaml" --user-data-dir "$WORK/data" --extensions-dir "$WORK/ext" --force "${args[@]}" \
  > "$WORK/install.log" 2>&1 || { cat "$WORK/install.log" >&2; die "extension install failed"; }
echo "run-smoke: extensions installed ($(elapsed))" >&2

PORT="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')"
export DIAG_PROBE_OUT="$WORK/diag.json" DIAG_PROBE_FILE="$FILE" \
       DIAG_PROBE_TIMEOUT_MS="$(( (TIMEOUT > 25 ? TIMEOUT - 15 : 10) * 1000 ))" \
       DIAG_PROBE_SETTLE_MS="${SMOKE_SETTLE_MS:-2000}" DIAG_PROBE_SOURCE="${SMOKE_SOURCE:-}"
setsid "$CS" --config "$WORK/config.yaml" --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --ignore-last-opened --user-data-dir "$WORK/data" --extensions-dir "$WORK/ext" \
  > "$WORK/code-server.log" 2>&1 < /dev/null &
CS_PID=$!

up=0
for _ in $(seq 1 150); do
  if python3 -c "import urllib.request,sys;urllib.request.urlopen('http://127.0.0.1:$PORT/healthz',timeout=1)" 2>/dev/null; then up=1; break; fi
  kill -0 "$CS_PID" 2>/dev/null || break
  sleep 0.2
done
[ $up = 1 ] || { cat "$WORK/code-server.log" >&2; die "code-server did not come up"; }
echo "run-smoke: code-server up on port $PORT ($(elapsed))" >&2

URL="http://127.0.0.1:$PORT/?folder=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$WS")"
cdp=(); [ -n "${SMOKE_CDP_PORT:-}" ] && cdp=(--remote-debugging-port="$SMOKE_CDP_PORT")
setsid "$BROWSER" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
  --no-default-browser-check --disable-extensions --disable-background-networking \
  --user-data-dir="$WORK/chrome" "${cdp[@]}" "$URL" > "$WORK/chromium.log" 2>&1 < /dev/null &
BR_PID=$!

deadline=$(( $(date +%s) + TIMEOUT ))
while [ ! -f "$WORK/diag.json" ] && [ "$(date +%s)" -lt "$deadline" ]; do
  kill -0 "$CS_PID" 2>/dev/null || break
  kill -0 "$BR_PID" 2>/dev/null || break
  sleep 0.5
done

if [ -f "$WORK/diag.json" ]; then
  cat "$WORK/diag.json"; echo
  python3 - "$WORK/diag.json" "$FILE" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
n = sum(len(e["diagnostics"]) for e in r["diagnostics"] if e["fsPath"] == sys.argv[2])
sys.exit(0 if r["status"] == "ok" and n > 0 else 1)
EOF
  rc=$?
  if [ $rc = 0 ] && [ -n "${SMOKE_AFTER:-}" ]; then
    (cd "$HERE" && SMOKE_WORK="$WORK" bash -c "$SMOKE_AFTER") >&2 || rc=1
  fi
else
  echo '{"status":"no-result","diagnostics":[]}'
  rc=1
fi
echo "run-smoke: finished in $(elapsed), rc=$rc" >&2
if [ $rc != 0 ]; then
  {
    echo "---- probe log"; cat "$WORK/diag.json.log" 2>/dev/null
    echo "---- code-server log (tail)"; tail -30 "$WORK/code-server.log"
    # remoteexthost.log = extension activation/errors; output_logging_*/N-<Channel>.log = the
    # extensions' output channels (e.g. the language client's channel, incl. the server's stderr);
    # <publisher.name>/*.log = LogOutputChannels.
    echo "---- extension host logs"
    find "$WORK/data/logs" -path '*exthost*' -name '*.log' ! -name '*Telemetry*' \
      -exec sh -c 'echo "== $1"; tail -30 "$1"' _ {} \; 2>/dev/null
  } >&2
fi
exit $rc
