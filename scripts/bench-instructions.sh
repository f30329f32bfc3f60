#!/usr/bin/env bash
# Instructions per created pod, by phase: kt_bench under callgrind.
#
# Wall-clock throughput (make bench) on a shared VM drifts by ±10% within minutes,
# more than most single changes move it. Instruction counts do not drift: run this
# before and after a change to see what it saved, and where. (They are not the
# whole story: cache misses and page faults cost time that no count shows, so a
# change is confirmed by make bench, best as paired runs of both binaries.)
#
#   scripts/bench-instructions.sh [kt_bench binary] [pods] [informers]
# Defaults: build/native/kt_bench, 20000 pods, 20 informers (~30 s).
# The bench's pods share one template, so after the first create the API server's
# create memo (core/api/create_memo.h) answers for the spec: "defaulting" (the
# strategy's apply_defaults) is then near 0 (the remembered defaulted spec is lent),
# "memo: decoded?" is the comparison of the sent members that stands in for
# decoding them again, and "memo: validated?" a pointer test on the lent spec.
set -euo pipefail

bench=${1:-build/native/kt_bench}
pods=${2:-20000}
informers=${3:-20}
command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null || {
  echo "bench-instructions: needs valgrind (apt-get install valgrind)" >&2
  exit 1
}
[[ -x $bench ]] || { echo "bench-instructions: no $bench (make native first)" >&2; exit 1; }

out=$(mktemp)
trap 'rm -f "$out"' EXIT
# Only the timed loop: the creates and the simulator steps that deliver their events.
valgrind --tool=callgrind --callgrind-out-file="$out" \
  --toggle-collect='kt::api::ApiServer::create*' --toggle-collect='kt::sim::Simulator::run_until*' \
  "$bench" "$pods" "$informers" >/dev/null 2>&1

callgrind_annotate --inclusive=yes --threshold=100 "$out" 2>/dev/null | awk -v pods="$pods" -v informers="$informers" '
  function count(s) { gsub(",", "", s); return s + 0 }
  function note(name, n) { if (n > best[name]) best[name] = n }
  /PROGRAM TOTALS/ { total = count($1) }
  /kt::api::ApiServer::create\(/ { note("create", count($1)) }
  /kt::make_frozen\(/ { note("  freeze (make_frozen)", count($1)) }
  /PodStrategy::validate_create\(/ { note("  validation", count($1)) }
  /PodStrategy::apply_defaults\(/ { note("  defaulting", count($1)) }
  /kt::api::check_fields\(/ { note("  decode check", count($1)) }
  /kt::api::CreateMemo::decoded\(/ { note("  memo: decoded?", count($1)) }
  /kt::api::CreateMemo::validated\(/ { note("  memo: validated?", count($1)) }
  /kt::sim::Simulator::run_until\(/ { note("watch delivery", count($1)) }
  END {
    printf "%d pods, %d informers: instructions per pod (callgrind)\n", pods, informers
    printf "%-34s %10.0f\n", "timed loop", total / pods
    n = split("create,  freeze (make_frozen),  validation,  defaulting,  decode check,  memo: decoded?,  memo: validated?,watch delivery", order, ",")
    for (i = 1; i <= n; ++i) printf "%-34s %10.0f\n", order[i], best[order[i]] / pods
    if (informers > 0) printf "%-34s %10.0f\n", "  per informer event", best["watch delivery"] / pods / informers
  }'
