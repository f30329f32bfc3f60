#!/usr/bin/env bash
# Transcript tests: each tests/transcripts/*.script runs through `kubetab run` and
# must print exactly the matching *.expected file. KT_UPDATE_GOLDEN=1 rewrites the
# expected files instead (then review the diff before committing it).
set -u
kubetab=${1:?usage: run.sh path/to/kubetab}
dir=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
for script in "$dir"/*.script; do
  name=$(basename "$script" .script)
  expected="$dir/$name.expected"
  args=()
  # A first line "# kubetab-args: --seed 7" passes options to kubetab run.
  first=$(head -n1 "$script")
  case "$first" in "# kubetab-args:"*) read -r -a args <<<"${first#\# kubetab-args:}" ;; esac
  actual=$("$kubetab" run "${args[@]}" "$script" 2>&1; echo "[exit $?]")
  if [ "${KT_UPDATE_GOLDEN:-}" = 1 ]; then
    printf '%s\n' "$actual" >"$expected"
    echo "updated $name"
    continue
  fi
  if diff -u "$expected" <(printf '%s\n' "$actual") >/tmp/kt_transcript_diff.$$; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name"
    cat /tmp/kt_transcript_diff.$$
  fi
done
rm -f /tmp/kt_transcript_diff.$$
echo "transcripts: $pass passed, $fail failed"
[ "$fail" = 0 ]
