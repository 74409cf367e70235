#!/usr/bin/env bash
# The Windows ABI tier's toolchain: Debian's Wine (wine wrapper + 64-bit loader, no recommends: no X, no
# gstreamer) and the Windows build of Deno at exactly the version package.json pins, from npm. Idempotent:
# a re-run only checks that both are present.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

if ! command -v wine >/dev/null || [ ! -x /usr/lib/wine/wine64 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends wine wine64 >/dev/null
fi

# The Windows deno.exe must be the same release as the Linux deno the other tiers use.
version=$(node -p 'require("./package.json").devDependencies.deno')
dir="$ROOT/build/wine"
stamp="$dir/deno.exe.version"
if [ ! -f "$dir/deno.exe" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$version" ]; then
  mkdir -p "$dir"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent --loglevel=error "@deno/win32-x64@$version" >/dev/null)
  tar -xzf "$tmp/deno-win32-x64-$version.tgz" -C "$tmp" package/deno.exe
  mv "$tmp/package/deno.exe" "$dir/deno.exe"
  echo "$version" > "$stamp"
fi
echo "wine: $(wine --version 2>/dev/null); deno.exe $(cat "$stamp")"
