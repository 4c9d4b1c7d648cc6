#!/usr/bin/env bash
# Debian packages the tests and scripts need, each checked by the command (or file) a test or script
# actually uses, never by guessing a package is there: Chromium for the end-to-end suite (Playwright
# never downloads a browser here), poppler for rendering printed PDFs to pictures, fonts for
# Azerbaijani, Russian and right-to-left scripts, PostgreSQL for the HQ suite, a C++ toolchain and
# Python for native modules built from source.
# tests/ci/system-deps.test.ts keeps this list honest: every program spawned in tests/ or scripts/
# must be named below (or be a Node tool from node_modules).
set -euo pipefail

# program → Debian package that provides it
declare -A programs=(
  [chromium]=chromium
  [pdftoppm]=poppler-utils
  [pdfinfo]=poppler-utils
  [pg_ctlcluster]=postgresql
  [pg_lsclusters]=postgresql-common
  [pg_createcluster]=postgresql-common
  [createdb]=postgresql-client
  [pg_isready]=postgresql-client
  [psql]=postgresql-client
  [pg_dump]=postgresql-client
  [sh]=dash
  [su]=login
  [git]=git
  [python3]=python3
  [make]=make
  [g++]=g++
)
# files that are not programs → package
declare -A files=(
  [/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf]=fonts-noto-core
  [/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf]=fonts-dejavu-core
)

missing=()
for program in "${!programs[@]}"; do
  command -v "$program" >/dev/null 2>&1 || missing+=("${programs[$program]}")
done
for file in "${!files[@]}"; do
  [ -e "$file" ] || missing+=("${files[$file]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  echo "installing: ${missing[*]}" >&2
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
for program in "${!programs[@]}"; do
  command -v "$program" >/dev/null 2>&1 || { echo "system-deps: $program still missing" >&2; exit 1; }
done
