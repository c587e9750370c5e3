#!/usr/bin/env bash
# PostgreSQL and Redis on 127.0.0.1, started when stopped and installed from the distribution's
# packages when missing (Debian or Ubuntu). Sourced by .ci/run and scripts/run-local.sh.
# Run as root, or with sudo available.

log() { printf '\n== %s\n' "$*"; }
if [ "$(id -u)" -eq 0 ]; then as_root() { "$@"; }; else as_root() { sudo "$@"; }; fi
apt_install() { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return; fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    log "installing PostgreSQL"
    apt_install postgresql postgresql-client
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  if [ -z "$version" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    as_root pg_createcluster "$version" main >/dev/null
  fi
  # Local connections without a password, as the tests expect (a throwaway CI database).
  local hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust' "$hba"
  fi
  log "starting PostgreSQL $version (it was not answering on 127.0.0.1:5432)"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || as_root pg_ctlcluster --skip-systemctl-redirect "$version" main restart
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && { echo "PostgreSQL answers on 127.0.0.1:5432"; return; }; sleep 1; done
  echo "PostgreSQL did not start" >&2
  exit 1
}

ensure_redis() {
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then return; fi
  if ! command -v redis-server >/dev/null 2>&1; then
    log "installing Redis"
    apt_install redis-server
  fi
  log "starting Redis (it was not answering on 127.0.0.1:6379)"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && { echo "Redis answers on 127.0.0.1:6379"; return; }; sleep 1; done
  echo "Redis did not start" >&2
  exit 1
}


# pdftotext (Debian's poppler-utils) reads the decision documents' PDFs back in the tests.
ensure_poppler() {
  if command -v pdftotext >/dev/null 2>&1; then return; fi
  log "installing poppler-utils"
  apt_install poppler-utils
}
