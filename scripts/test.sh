#!/usr/bin/env bash
# `npm test`: every check CI runs, in order. Each step is one line so the suite reads at a glance.
# The local stack (engine, broker, PostgreSQL when none answers) is brought up first and left running.
# The integration suite runs twice: on Camunda 7.24 (port 8080) and on Operaton (SEAM_ENGINE=operaton, port 8081,
# its own engine and ledger databases) beside it, sharing Kafka and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }
operaton() { SEAM_ENGINE=operaton SEAM_ENGINE_PORT=8081 "$@"; }

step "check";                          npm run check
step "local stack";                    node ./cli/seam.js stack up
step "unit tests";                     npx vitest run --project unit
step "browser test";                   npx vitest run --project browser
step "integration tests on Camunda";   npx vitest run --project integration
step "Operaton engine";                operaton node ./cli/seam.js stack up
step "integration tests on Operaton";  operaton npx vitest run --project integration
step "chaos suite";                    npm run test:chaos
