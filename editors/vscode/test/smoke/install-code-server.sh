#!/usr/bin/env bash
# Install code-server (real VS Code server + web workbench) from npm, offline except Debian apt + npm.
# Copied from the shared vscode-smoke tool; changes: PREFIX is required, and the apt step and the
# install are skipped when what they would install is already there (CI runs this every time).
# Usage: install-code-server.sh PREFIX
# Result: $PREFIX/node_modules/.bin/code-server
# Env: CODE_SERVER_VERSION (default 4.100.3 = VS Code 1.100.3; needs node 20. 4.103+ needs node 22, 4.133+ node 24)
#      SKIP_APT=1 to skip the apt-get step.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 PREFIX" >&2; exit 2; }
PREFIX="$1"
VERSION="${CODE_SERVER_VERSION:-4.100.3}"

have_apt_deps() {
  command -v chromium && command -v rg && command -v g++ && command -v make && command -v python3 \
    && command -v pkg-config && dpkg -s libkrb5-dev
} >/dev/null 2>&1
if [ "${SKIP_APT:-0}" != 1 ] && ! have_apt_deps; then
  # chromium: the browser that hosts the workbench; libkrb5-dev: native module `kerberos`
  # (gssapi/gssapi.h); ripgrep: replaces the GitHub download of @vscode/ripgrep;
  # g++/make/python3: node-gyp rebuilds node-pty, spdlog, kerberos, argon2... for the local node.
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium libkrb5-dev ripgrep g++ make python3 pkg-config >/dev/null
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
want_major="$(npm view "code-server@$VERSION" engines.node)"
if [ "$node_major" != "$want_major" ]; then
  echo "code-server@$VERSION wants node $want_major, this is node $node_major" >&2
  exit 1
fi

cs="$PREFIX/node_modules/.bin/code-server"
if [ -x "$cs" ] && XDG_CONFIG_HOME="$(mktemp -d)" "$cs" --version 2>/dev/null | grep -q "^$VERSION "; then
  echo "code-server $VERSION already installed in $PREFIX"
  exit 0
fi

mkdir -p "$PREFIX"
cd "$PREFIX"
[ -f package.json ] || npm init -y >/dev/null

# 1. Fetch the tarball so we can read which @vscode/ripgrep it pins.
tgz="$(npm pack "code-server@$VERSION" --silent)"
rg_ver="$(tar -xzOf "$tgz" package/lib/vscode/npm-shrinkwrap.json \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).packages["node_modules/@vscode/ripgrep"];console.log(p?p.version:"")})')"

# 2. @vscode/ripgrep's postinstall downloads a prebuilt rg from api.github.com (unreachable).
#    It first looks in $TMPDIR/vscode-ripgrep-cache-<pkgver>/ripgrep-<tag>-<target>.tar.gz,
#    so seed that cache with Debian's rg. (Newer code-server, e.g. 4.139.x, uses
#    @vscode/ripgrep-universal, which ships the binaries in the npm tarball: nothing to do.)
# A private TMPDIR for the install keeps that cache (and node-gyp scratch files) out of /tmp.
export TMPDIR="$(mktemp -d)"
trap 'rm -rf "$TMPDIR"' EXIT
if [ -n "$rg_ver" ]; then
  rg_dir="$(mktemp -d)"
  (cd "$rg_dir" && npm pack "@vscode/ripgrep@$rg_ver" --silent >/dev/null && tar xzf ./*.tgz)
  rg_tag="$(sed -n "s/^const VERSION = '\(.*\)';/\1/p" "$rg_dir/package/lib/postinstall.js")"
  cache="$TMPDIR/vscode-ripgrep-cache-$rg_ver"
  mkdir -p "$cache" "$rg_dir/bin"
  cp "$(command -v rg)" "$rg_dir/bin/rg"
  tar czf "$cache/ripgrep-$rg_tag-x86_64-unknown-linux-musl.tar.gz" -C "$rg_dir/bin" rg
  rm -rf "$rg_dir"
fi

# 3. Install. Gotchas:
#    - root needs --unsafe-perm (postinstall.sh checks npm_config_unsafe_perm)
#    - node-pty's postinstall runs `npx node-gyp`, which aborts non-interactively without npm_config_yes
#    - npm_config_nodedir=/usr: use the installed node headers instead of downloading them
#      (nodesource node ships /usr/include/node; Debian's nodejs needs libnode-dev)
export npm_config_yes=true npm_config_nodedir="${npm_config_nodedir:-/usr}"
npm install --no-audit --no-fund --unsafe-perm "./$tgz"   # keep the .tgz: package.json points at it

# code-server writes ~/.config/code-server/config.yaml on every start unless XDG_CONFIG_HOME/--config say otherwise.
XDG_CONFIG_HOME="$TMPDIR" "$PREFIX/node_modules/.bin/code-server" --version
