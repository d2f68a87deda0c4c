#!/usr/bin/env bash
# Peak memory of `./beton import` of N generated events (default 10,000,000) into a fresh data dir,
# against the goal "peak RSS below the warehouse memory budget + 512 MiB" (issue 16 §4).
# The events file is generated once into target/bench/ (one PostHog event per line, v4 uuids,
# 2,000 users in 200 companies over 60 days) and reused; the data dir is made by one `serve` start.
# Usage: bench/import.sh [events]   (BETON_WAREHOUSE_MEMORY_LIMIT / BETON_JAVA_OPTS apply as usual)
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-10000000}
mkdir -p target/bench
file="target/bench/events-$events.jsonl"
if [ ! -f "$file" ]; then
  echo "Generating $file ..." >&2
  python3 - "$events" "$file" <<'EOF'
import random, sys, time, uuid
n, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(16)
names = ["feature_used", "report_viewed", "pricing_viewed", "invite_sent", "export_done"]
start = 1_767_225_600  # 2026-01-01T00:00:00Z
with open(path, "w") as out:
    for i in range(n):
        user = rnd.randrange(2000)
        t = start + (i * 60 * 86400) // n
        ts = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
        out.write('{"event":"%s","distinct_id":"user-%d","uuid":"%s","timestamp":"%s",'
                  '"properties":{"$groups":{"company":"company-%d"},"n":%d}}\n'
                  % (names[i % 5], user, uuid.UUID(int=rnd.getrandbits(128), version=4), ts, user % 200, i % 7))
EOF
fi

export BETON_ADMIN_EMAIL=admin@example.com BETON_ADMIN_PASSWORD=correct-horse-battery-staple
export BETON_ENCRYPTION_KEY=${BETON_ENCRYPTION_KEY:-$(./beton keygen 2>/dev/null)}
dir=$(mktemp -d)
port=18766
./beton serve --port "$port" --host 127.0.0.1 --data-dir "$dir" >"$dir/serve.log" 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; do sleep 0.2; done
kill "$pid"; wait "$pid" 2>/dev/null || true

# The budget as Beton computes it (WarehouseProperties): the setting, or auto = 40 % of memory, at most 2 GiB.
budget_mib=$(python3 - "${BETON_WAREHOUSE_MEMORY_LIMIT:-auto}" <<'EOF'
import re, sys
v = sys.argv[1].strip().upper().replace("IB", "B")
if v == "AUTO":
    total_kb = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")))
    print(min(2048, total_kb * 2 // 5 // 1024))
else:
    num, unit = re.fullmatch(r"(\d+)\s*([KMGT]?B?)", v).groups()
    print(int(num) * {"": 1, "MB": 1, "M": 1, "GB": 1024, "G": 1024, "TB": 1 << 20, "KB": 0, "K": 0}[unit])
EOF
)

load_before=$(cut -d' ' -f1 /proc/loadavg)
/usr/bin/time -f "%M %e" -o "$dir/time" ./beton import --workspace default --data-dir "$dir" "$file" >"$dir/import.log" 2>&1
read -r peak_kb wall <"$dir/time"
peak_mib=$((peak_kb / 1024))
limit=$((budget_mib + 512))
verdict=$([ "$peak_mib" -le "$limit" ] && echo within || echo OVER)
printf 'import %d events in %.1f s (%d ev/s): peak RSS %d MiB, warehouse budget %d MiB, goal < %d MiB: %s (load %s -> %s)\n' \
  "$events" "$wall" "$(echo "$events / $wall" | bc)" "$peak_mib" "$budget_mib" "$limit" "$verdict" \
  "$load_before" "$(cut -d' ' -f1 /proc/loadavg)"
grep -a -o "Imported .*" "$dir/import.log" || tail -c 400 "$dir/import.log"
rm -rf "$dir"
