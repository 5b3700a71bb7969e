#!/usr/bin/env bash
# What a newcomer meets: the built app starts on the embedded database, prints the bootstrap admin
# password once, answers /health/ready, stops cleanly on SIGTERM, and a bad env var stops it with one
# line naming the variable, and it runs on the project's Node.js 24 LTS, refusing an old Node with one
# line. Needs `npm run build` first; run it as `npm run smoke` so `node` is the project's Node.
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

# 1b. A Node.js older than 22 (the machine's own, where it is that old): one line saying to use npm.
machine_node=$(PATH=$(echo "$PATH" | tr ':' '\n' | grep -v node_modules/.bin | paste -sd:) command -v node || true)
if [ -n "$machine_node" ] && [ "$("$machine_node" -p 'process.versions.node.split(".")[0] < 22')" = true ]; then
  if "$machine_node" dist/apps/api/src/main.js >"$data/old.log" 2>&1; then fail "an old Node did not exit non-zero"; fi
  [ "$(wc -l <"$data/old.log")" -eq 1 ] && grep -q 'npm start' "$data/old.log" || fail "old Node message: $(cat "$data/old.log")"
fi

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
head -n 1 "$data/out.log" | grep -q 'on Node.js v24\.' || fail "first line does not say Node.js 24: $(head -n 1 "$data/out.log")"
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
node_line=$(head -n 1 "$data/out.log")
rm -rf "$data"
echo "smoke: ${node_line}; first start ready in ${ms} ms; restart ok; bad env rejected in one line"
