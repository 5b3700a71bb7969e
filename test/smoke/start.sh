#!/usr/bin/env bash
# What a newcomer meets: the built app starts on the embedded database, prints the bootstrap admin
# password once, answers /health/ready, stops cleanly on SIGTERM, and a bad env var stops it with one
# line naming the variable. Needs `npm run build` first.
set -euo pipefail
cd "$(dirname "$0")/../.."
data=$(mktemp -d /tmp/qoldau-smoke-XXXXXX)
chmod 755 "$data" # the embedded server runs as the postgres OS user
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
fail() { echo "smoke: FAIL: $*"; cat "$data/out.log" 2>/dev/null || true; exit 1; }

# 1. A bad environment variable: non-zero exit, one line naming it.
if PORT=not-a-port node dist/apps/api/src/main.js >"$data/bad.log" 2>&1; then fail "bad PORT did not exit non-zero"; fi
[ "$(wc -l <"$data/bad.log")" -eq 1 ] || fail "bad PORT printed more than one line: $(cat "$data/bad.log")"
grep -q 'PORT' "$data/bad.log" || fail "bad PORT message does not name the variable"

# 2. First start: embedded PostgreSQL, admin password printed, ready within seconds.
start=$(date +%s%N)
QOLDAU_DATA_DIR="$data/d" PORT=$port node dist/apps/api/src/main.js >"$data/out.log" 2>&1 &
pid=$!
for _ in $(seq 1 150); do
  if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; then break; fi
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || fail "not ready after 15 s"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
grep -q 'password: ' "$data/out.log" || fail "bootstrap admin password was not printed"
kill -TERM $pid
wait $pid || fail "did not exit 0 on SIGTERM"

# 3. Second start on the same data: no new password, still ready.
QOLDAU_DATA_DIR="$data/d" PORT=$port node dist/apps/api/src/main.js >"$data/out2.log" 2>&1 &
pid=$!
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || fail "restart not ready"
grep -q 'password: ' "$data/out2.log" && fail "password printed a second time"
kill -TERM $pid
wait $pid || fail "restart did not exit 0 on SIGTERM"
rm -rf "$data"
echo "smoke: first start ready in ${ms} ms; restart ok; bad env rejected in one line"
