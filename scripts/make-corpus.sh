#!/bin/sh
# Regenerates corpus/ (the demo acts imported on first start) from ../shared (or $POPRAVKA_SHARED).
# Needs LibreOffice (soffice) and fonts-liberation; the generated files are committed, so the app and
# CI never run this. See scripts/make-corpus.ts for what is generated and corpus/README.md for the result.
set -eu
cd "$(dirname "$0")/.."
exec npx tsx scripts/make-corpus.ts "$@"
