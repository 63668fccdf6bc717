#!/usr/bin/env bash
# Runs the plugin in real headless Neovim against a copydesk binary.
# usage: run.sh PATH/TO/copydesk
# exit: 0 passed, 1 failed, 77 skipped (no nvim; meson's "skipped").
set -u
exe=${1:?usage: run.sh PATH/TO/copydesk}
command -v nvim >/dev/null || { echo "nvim-plugin: nvim not installed, skipping"; exit 77; }
here=$(cd "$(dirname "$0")" && pwd)
plugin=$(cd "$here/.." && pwd)
repo=$(cd "$plugin/../.." && pwd)

[ -x "$exe" ] || { echo "nvim-plugin: $exe is not an executable" >&2; exit 1; }
exe=$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# keep Neovim's state (lsp.log, shada, swap) out of the user's home
export XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
export COPYDESK_TEST_EXE=$exe COPYDESK_TEST_OUT="$work/result"

cd "$repo" || exit 1
# The Lua side has its own time limits; `timeout` catches a blocked event loop.
timeout -k 5 120 nvim --headless --clean -n -i NONE \
  --cmd "set runtimepath^=$plugin" \
  -c "luafile $here/test_plugin.lua" </dev/null >"$work/stdout" 2>"$work/stderr"
rc=$?
cat "$work/stderr"
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
  echo "nvim-plugin: FAILED (timed out after 120 s)" >&2
  exit 1
fi
if [ $rc -ne 0 ] || ! grep -qx "ok" "$work/result" 2>/dev/null; then
  echo "nvim-plugin: FAILED (nvim exit $rc)" >&2
  exit 1
fi
echo "nvim-plugin: passed"
