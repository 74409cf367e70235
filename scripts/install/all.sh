#!/usr/bin/env bash
# Installs whatever the test stages need and is missing. Each installer is idempotent and fast when the
# tool is already there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for i in [0-9]*.sh; do bash "$i"; done
