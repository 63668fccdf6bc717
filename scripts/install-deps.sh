#!/usr/bin/env bash
# Installs what building and testing copydesk needs, from Debian 12's packages.
set -eu
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends \
    build-essential meson ninja-build pkg-config python3 \
    libjansson-dev libpcre2-dev libuv1-dev libcmocka-dev
# Tests drive a real editor too (headless Neovim); skip with COPYDESK_NO_EDITORS=1.
if [ -z "${COPYDESK_NO_EDITORS:-}" ]; then
    $SUDO apt-get install -y -q --no-install-recommends neovim
fi
