#!/usr/bin/env bash
# Differential test of the terminal's kubectl against the real kubectl v1.32.
#   tests/kubectl/diff.sh KUBETAB [KUBECTL] [CORPUS] [MIN_IDENTICAL]
# Every line of the corpus (tests/kubectl/diff_corpus.txt: `kubectl ...` command
# lines; `#` comments and blank lines skipped) runs twice, in order, on two sandboxes
# started alike (default scenario, seed 1, virtual time frozen):
#   ours:  all lines as one `kubetab run --think 0` script (the terminal's kubectl)
#   real:  each line through the real kubectl against `kubetab serve --speed 0`
# Writes in the corpus go through both, so both clusters move on together. Output
# (stdout and stderr together) and success (exit status zero or not) must be
# identical, byte for byte. Prints each difference, then the identical share
# ("N/M identical"); exits non-zero when fewer than MIN_IDENTICAL lines (default:
# all) are identical, so a known gap can be registered without hiding regressions.
# KT_KEEP=1 keeps the work directory.
set -u

KUBETAB=${1:?usage: diff.sh KUBETAB [KUBECTL] [CORPUS] [MIN_IDENTICAL]}
KUBECTL=${2:-/usr/bin/kubectl}
HERE=$(cd "$(dirname "$0")" && pwd)
CORPUS=${3:-$HERE/diff_corpus.txt}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kubetab-diff.XXXXXX")
SERVER_PID=

cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  if [ -n "${KT_KEEP:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

mapfile -t LINES < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$CORPUS")
MARK='@@kt-diff-rc='

# ---- ours: one transcript, each command followed by its status marker ----------------
for line in "${LINES[@]}"; do
  printf '%s && echo %s0 || echo %s1\n' "$line" "$MARK" "$MARK"
done >"$WORK/script"
"$KUBETAB" run --think 0 "$WORK/script" >"$WORK/ours.transcript" 2>&1
# Split the transcript at the markers: prompt lines are dropped, each command's
# output goes to ours.N, its status to ours.N.rc. Output that does not end in a
# newline (jsonpath) has the marker on its last line.
awk -v dir="$WORK" -v mark="$MARK" '
  BEGIN { n = 0; printf "" > (dir "/ours.0") }
  index($0, "[root@") == 1 && index($0, "]# ") > 0 { next }
  {
    f = dir "/ours." n
    p = index($0, mark)
    if (p == 0) { print >> f; close(f); next }
    if (p > 1) { printf "%s", substr($0, 1, p - 1) >> f; close(f) }
    print substr($0, p + length(mark)) > (f ".rc"); close(f ".rc")
    n++
    printf "" > (dir "/ours." n)
  }
' "$WORK/ours.transcript"

# ---- real: kubectl against kubetab serve -------------------------------------------------
"$KUBETAB" serve --port 0 --quiet --speed 0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER_PID=$!
URL=
for _ in $(seq 1 100); do
  URL=$(head -n 1 "$WORK/serve.out" 2>/dev/null)
  [ -n "$URL" ] && break
  sleep 0.1
done
if [ -z "$URL" ]; then
  echo "kubetab serve did not start:"
  cat "$WORK/serve.err"
  exit 1
fi
for _ in $(seq 1 100); do
  curl -sf "$URL/version" >/dev/null 2>&1 && break
  sleep 0.1
done
# A kubeconfig names the server, so command lines need no connection flags (flags in
# front of an unknown command would make kubectl look for a plugin, flags at the end
# would be taken as a missing flag value); HOME gives a fresh discovery cache.
export KUBECONFIG="$WORK/kubeconfig"
cat >"$KUBECONFIG" <<END
apiVersion: v1
kind: Config
clusters:
- name: kubetab
  cluster:
    server: $URL
contexts:
- name: kubetab
  context:
    cluster: kubetab
current-context: kubetab
END
export HOME="$WORK/home"
mkdir -p "$HOME"
kubectl() { timeout 30 "$KUBECTL" "$@"; }

same=0
total=${#LINES[@]}
for i in "${!LINES[@]}"; do
  line=${LINES[$i]}
  real=$(eval "$line" 2>&1; echo "$MARK$?")
  real_rc=${real##*"$MARK"}
  real=${real%"$MARK"*}
  [ "$real_rc" = 0 ] || real_rc=1
  ours=$(cat "$WORK/ours.$i" 2>/dev/null; echo x)
  ours=${ours%x}
  ours_rc=$(cat "$WORK/ours.$i.rc" 2>/dev/null || echo missing)
  if [ "$real" == "$ours" ] && [ "$real_rc" == "$ours_rc" ]; then
    same=$((same + 1))
  else
    echo "DIFF $((i + 1)): $line"
    echo "  --- real (status $real_rc)"
    printf '%s' "$real" | sed 's/^/  | /'
    echo "  --- ours (status $ours_rc)"
    printf '%s' "$ours" | sed 's/^/  | /'
  fi
done
echo "$same/$total identical"
[ "$same" -ge "${4:-$total}" ]
