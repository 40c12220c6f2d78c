#!/usr/bin/env bash
# Runs each ordering scenario of test/conformance with `node` (Node.js, the reference) and checks
# that it prints exactly the stored NN-name.expected and exits with NN-name.exitcode (0 when there
# is none). An .expected file may list several accepted outputs, separated by a line
# '=== OR ===' (for scenarios whose order Node itself does not fix). stderr is not compared.
# When NN-name.flags exists, its one line holds node command-line options (such as
# --unhandled-rejections=warn), passed to node before the script.
#
# Usage: ci/conformance-node.sh [PREFIX...]   (only the scenarios whose names start so)
set -uo pipefail
cd "$(dirname "$0")/../test/conformance"
node=${NODE:-node}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=()

selected() {
  [ $# -eq 1 ] && return 0
  local name=$1 prefix
  shift
  for prefix in "$@"; do
    case $name in "$prefix"*) return 0 ;; esac
  done
  return 1
}

for script in [0-9][0-9]*-*.js; do
  name=${script%.js}
  selected "$name" "$@" || continue
  flags=()
  [ -f "$name.flags" ] && read -r -a flags < "$name.flags"
  timeout 30 "$node" "${flags[@]}" "$script" > "$work/out" 2> /dev/null
  status=$?
  wanted=0
  [ -f "$name.exitcode" ] && wanted=$(< "$name.exitcode")
  # one file per accepted output
  rm -f "$work"/accepted.*
  awk -v dir="$work" 'BEGIN { n = 0; printf "" > (dir "/accepted." n) }
       $0 == "=== OR ===" { n++; printf "" > (dir "/accepted." n); next }
       { print > (dir "/accepted." n) }' "$name.expected"
  matched=0
  for accepted in "$work"/accepted.*; do
    cmp -s "$accepted" "$work/out" && matched=1
  done
  if [ "$status" = "$wanted" ] && [ "$matched" = 1 ]; then
    passed=$((passed + 1))
  else
    echo "conformance: $name: exit $status (wanted $wanted), output $([ "$matched" = 1 ] && echo matches || echo differs)"
    diff "$work/accepted.0" "$work/out" | head -20
    failed+=("$name")
  fi
done
echo "${passed} passed, ${#failed[@]} failed (node $("$node" --version))"
[ ${#failed[@]} -eq 0 ]
