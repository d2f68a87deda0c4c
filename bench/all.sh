#!/usr/bin/env bash
# Runs every benchmark under bench/ and prints one table: goal vs measured, with the load average
# before each run. Each script prints a summary line; this script only greps it, so a script's own
# report stays the source of the figure. A missing script is listed as "missing", a failing one as
# "failed" (its output is kept), and scripts added later without an entry here still run and show
# their last output line.
# Usage: bench/all.sh [name ...]   e.g. bench/all.sh detection backtest   (default: all)
# Logs: target/bench/all/<name>.log; the table also goes to target/bench/all/summary.txt.
# BETON_BENCH_TIMEOUT (seconds, default 1800) bounds each script.
set -u
cd "$(dirname "$0")/.."
logs=target/bench/all
mkdir -p "$logs"
limit=${BETON_BENCH_TIMEOUT:-1800}

# name | goal (as the issue states it) | how to read the measured figure from the log
known="startup detection backtest dashboards posthog-day routing capture import startup-profile business-events cdp-sync"

goal() {
  case "$1" in
    startup) echo "demo ready <= 4 s" ;;
    detection) echo "<= 5x bare scan" ;;
    backtest) echo "<= 10x one detection" ;;
    dashboards) echo "tile p95 <= 100 ms, page <= 500 ms" ;;
    posthog-day) echo "<= 2000/h, hit >= 90 %" ;;
    routing) echo ">= 90 % of 25 writes/s" ;;
    capture) echo ">= 200k ev/s, >= 0.5 bare" ;;
    import) echo "10M import peak < budget + 512 MiB" ;;
    business-events) echo "alert p99 <= 50 ms, summary <= 300 ms" ;;
    cdp-sync) echo ">= 0.9 of the bare Attio read" ;;
    startup-profile) echo "(where serve's start goes)" ;;
    *) echo "(see script)" ;;
  esac
}

# Prints "figure|ok" where ok is yes, no or ? (not decidable from the line).
measured() {
  local name=$1 log=$2 v
  case "$name" in
    startup)
      v=$(grep -o 'ready in [0-9.]*' "$log" | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]}')
      [ -n "$v" ] && echo "median ready ${v} s|$(ok "$v <= 4")" ;;
    detection)
      v=$(grep -o 'ratio detection/bare (medians): [0-9.]*' "$log" | tail -n 1 | awk '{print $NF}')
      [ -n "$v" ] && echo "${v}x|$(ok "$v <= 5")" ;;
    backtest)
      v=$(grep -o 'ratio windowed replay / one detection run: [0-9.]*' "$log" | tail -n 1 | awk '{print $NF}')
      [ -n "$v" ] && echo "${v}x|$(ok "$v <= 10")" ;;
    dashboards)
      # the tiles' own queries on raw events, and the Account Health page as served (rollup + pass)
      local page
      v=$(grep -o 'worst tile p95 ms: [0-9]*' "$log" | tail -n 1 | awk '{print $NF}')
      page=$(grep -o 'account-health page p95 ms: [0-9]*' "$log" | tail -n 1 | awk '{print $NF}')
      [ -n "$v" ] && echo "worst tile ${v} ms, health page ${page:-?} ms|$(ok "$v <= 100 && ${page:-99999} <= 500")" ;;
    posthog-day)
      local most hit
      most=$(grep -o 'max [0-9]* in one hour' "$log" | awk '{print $2}' | sort -n | tail -n 1)
      hit=$(grep -o 'hit rate [0-9.]*' "$log" | head -n 1 | awk '{print $3}')
      [ -n "$most" ] && echo "max ${most}/h, hit ${hit} %|$(ok "$most <= 2000 && ${hit:-0} >= 90")" ;;
    routing)
      v=$(grep -o '= [0-9.]* % of the 25/s limit' "$log" | tail -n 1 | awk '{print $2}')
      [ -n "$v" ] && echo "${v} % of the limit|$(ok "$v >= 90")" ;;
    capture)
      local rate ratio
      rate=$(grep -o '^capture: [0-9]* events/s' "$log" | tail -n 1 | awk '{print $2}')
      ratio=$(grep -o 'ratio [0-9.]*' "$log" | tail -n 1 | awk '{print $2}')
      [ -n "$rate" ] && echo "${rate}/s, ${ratio}x bare|$(ok "$rate >= 200000 && $ratio >= 0.5")" ;;
    import)
      v=$(grep -o 'peak RSS [0-9]* MiB, warehouse budget [0-9]* MiB, goal < [0-9]* MiB: [A-Za-z]*' "$log" | tail -n 1)
      [ -n "$v" ] && echo "$(awk '{print $3" MiB (limit "$11" MiB)"}' <<<"$v")|$(grep -q within <<<"$v" && echo yes || echo no)" ;;
    business-events)
      local p99 summary
      # the first "alert visible" p99 of each latency line is the served path (rules beside the commit)
      p99=$(grep 'capture → in-app alert' "$log" | grep -o 'alert visible p50 [0-9.]* ms, p99 [0-9.]*' \
        | awk 'NR % 2 == 1 {print $NF}' | sort -n | tail -n 1)
      summary=$(grep -o 'summary median [0-9]* ms' "$log" | head -n 1 | awk '{print $3}')
      [ -n "$p99" ] && echo "alert p99 ${p99} ms, summary ${summary} ms|$(ok "$p99 <= 50 && ${summary:-99999} <= 300")" ;;
    cdp-sync)
      v=$(grep -o 'ratio_to_bare=[0-9.]*' "$log" | tail -n 1 | cut -d= -f2)
      [ -n "$v" ] && echo "${v} of bare|$(ok "$v >= 0.9")" ;;
    startup-profile)
      v=$(grep -o 'healthy in [0-9.]* s, cpu [0-9.]* s' "$log" | tail -n 1)
      [ -n "$v" ] && echo "${v}|?" ;;
    *)
      v=$(grep -v '^\s*$' "$log" | tail -n 1 | cut -c1-60)
      [ -n "$v" ] && echo "${v}|?" ;;
  esac
}

ok() {
  awk "BEGIN { exit !($1) }" && echo yes || echo no
}

if [ $# -gt 0 ]; then
  names="$*"
else
  names=$known
  for script in bench/*.sh; do
    n=$(basename "$script" .sh)
    case " $known all " in *" $n "*) ;; *) names="$names $n" ;; esac
  done
fi

rows=()
for name in $names; do
  script=bench/$name.sh
  log=$logs/$name.log
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  if [ ! -f "$script" ]; then
    rows+=("$name|$(goal "$name")|missing|-|$load|-")
    continue
  fi
  echo ">> $script (load $load)" >&2
  start=$(date +%s)
  if timeout "$limit" bash "$script" >"$log" 2>&1; then status=""; else status="failed (exit $?) "; fi
  took=$(( $(date +%s) - start ))
  figure=$(measured "$name" "$log")
  if [ -z "$figure" ]; then
    rows+=("$name|$(goal "$name")|${status}no summary line|-|$load|${took} s")
  else
    rows+=("$name|$(goal "$name")|${status}${figure%|*}|${figure##*|}|$load|${took} s")
  fi
done

{
  echo "Benchmarks on $(hostname), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'); ratios are to a baseline measured in the same run"
  printf '%-12s | %-24s | %-36s | %-4s | %-15s | %s\n' bench goal measured met "load before" took
  for row in "${rows[@]}"; do
    IFS='|' read -r n g m k l t <<<"$row"
    printf '%-12s | %-24s | %-36s | %-4s | %-15s | %s\n' "$n" "$g" "$m" "$k" "$l" "$t"
  done
} | tee "$logs/summary.txt"
