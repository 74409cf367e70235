#!/usr/bin/env bash
# PowerShell 7.6 (the dotnet global tool) and Pester (a NuGet PackageDownload) for the Pester stage.
# Idempotent: checks the installed versions first. Writes build/pwsh.env (PWSH=..., PESTER_MODULE=...)
# for scripts/stages/80-pester.sh and scripts/bench.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PWSH_VERSION=7.6.9
PESTER_VERSION=$(sed -nE 's/.*Include="Pester" Version="\[([0-9.]+)\]".*/\1/p' \
  "$ROOT/powershell/install/PesterDownload.csproj")
TOOLS="${DOTNET_TOOLS_DIR:-$HOME/.dotnet/tools}"
PWSH="$TOOLS/pwsh"

pwsh_version() { "$PWSH" -NoLogo -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null || true; }

have=$(pwsh_version)
if [ "$have" != "$PWSH_VERSION" ]; then
  if dotnet tool list --global | grep -qi '^powershell '; then
    dotnet tool update --global PowerShell --version "$PWSH_VERSION" >/dev/null
  else
    dotnet tool install --global PowerShell --version "$PWSH_VERSION" >/dev/null
  fi
  have=$(pwsh_version)
fi
[ "$have" = "$PWSH_VERSION" ] || { echo "50-pwsh: pwsh $PWSH_VERSION not runnable at $PWSH" >&2; exit 1; }

# NuGet's global packages folder: $NUGET_PACKAGES or ~/.nuget/packages, asked of dotnet only when neither
# holds Pester (asking costs a second).
PESTER_DIR="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
PESTER_DIR="${PESTER_DIR%/}/pester/$PESTER_VERSION"
find_psd1() { find "$PESTER_DIR" -maxdepth 3 -name Pester.psd1 2>/dev/null | head -n1; }
if [ -z "$(find_psd1)" ]; then
  PKGS=$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: *//')
  PESTER_DIR="${PKGS%/}/pester/$PESTER_VERSION"
fi
if [ -z "$(find_psd1)" ]; then
  work="$ROOT/build/pester-restore"
  mkdir -p "$work"
  cp "$ROOT/powershell/install/PesterDownload.csproj" "$work/"
  dotnet restore "$work/PesterDownload.csproj" --verbosity quiet >/dev/null
fi
PSD1=$(find_psd1)
[ -n "$PSD1" ] || { echo "50-pwsh: Pester $PESTER_VERSION not found under $PESTER_DIR" >&2; exit 1; }

mkdir -p "$ROOT/build"
printf 'PWSH=%q\nPESTER_MODULE=%q\n' "$PWSH" "$PSD1" > "$ROOT/build/pwsh.env"
echo "pwsh $PWSH_VERSION, Pester $PESTER_VERSION"
