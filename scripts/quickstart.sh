#!/usr/bin/env bash
# Quick start: install the dependencies, build, and check the example draft.
set -eu
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
[ -f build/build.ninja ] || meson setup build
ninja -C build
echo
echo "\$ build/copydesk check examples/council-vote.md"
status=0
build/copydesk check examples/council-vote.md || status=$?
echo
case $status in
    0) echo "copydesk check: nothing at or above warning (exit status 0)" ;;
    1) echo "copydesk check: findings at or above warning (exit status 1, as expected for this draft)" ;;
    *) echo "copydesk check failed (exit status $status)"; exit "$status" ;;
esac
