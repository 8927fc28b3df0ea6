#!/usr/bin/env bash
# `npm test`: every check CI runs, in order. Each step is one line so the suite reads at a glance.
# The local stack (engine, broker, PostgreSQL when none answers) is brought up first and left running.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "check";              npm run check
step "local stack";        node ./cli/seam.js stack up
step "unit tests";         npx vitest run --project unit
step "browser test";       npx vitest run --project browser
step "integration tests";  npx vitest run --project integration
