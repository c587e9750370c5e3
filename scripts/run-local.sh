#!/usr/bin/env bash
# A fresh Debian or Ubuntu machine with Node 24 and no Docker: installs PostgreSQL and Redis from
# the distribution's packages where missing, starts them where stopped, then installs and starts
# Avustus on http://localhost:3000 (npm ci && npm start). Needs root or sudo for the services.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
ensure_postgres
ensure_redis
log "install and start Avustus"
npm ci --no-audit --no-fund
exec npm start
