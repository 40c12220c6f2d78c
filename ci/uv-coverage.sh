#!/usr/bin/env bash
# The uv.h coverage gate: every function libuv exports (each UV_EXTERN declaration of the bundled
# libuv's include/uv.h and include/uv/*.h) is either used by the shim (named in the code of
# native/*.c or native/*.h, outside comments and string literals: called, or passed to a helper
# that calls it; names a macro builds with ## count where the macro is invoked) or listed in
# native/UNBOUND.md with the reason it is left out. Prints
#   uv-coverage: bound N of M, unbound-with-reason K, missing X
# and fails if any function is missing, or if native/UNBOUND.md has an entry that is malformed,
# has no reason, names a function uv.h does not export, names one the shim calls, or repeats one.
# Needs only bash and POSIX tools (awk, sed, grep, sort, comm, cut); runs on Linux, macOS and
# Windows (Git Bash), in well under a second.
#
# Usage: ci/uv-coverage.sh [--self-test] [--libuv DIR] [--native DIR] [--unbound FILE]
#   --self-test     first run the gate's own tests (ci/uv-coverage-test.sh), then check the tree
#   --libuv DIR     the libuv source tree; default $UV4J_LIBUV_SOURCE, else the one ci/setup.sh gets
#   --native DIR    the shim's sources; default native/
#   --unbound FILE  the list of functions left out; default native/UNBOUND.md
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)

usage() {
  echo "usage: ci/uv-coverage.sh [--self-test] [--libuv DIR] [--native DIR] [--unbound FILE]" >&2
  exit 2
}

self_test=
libuv=
native=$root/native
unbound=$root/native/UNBOUND.md
while [ $# -gt 0 ]; do
  case $1 in
    --self-test) self_test=1; shift ;;
    --libuv) [ $# -ge 2 ] || usage; libuv=$2; shift 2 ;;
    --native) [ $# -ge 2 ] || usage; native=$2; shift 2 ;;
    --unbound) [ $# -ge 2 ] || usage; unbound=$2; shift 2 ;;
    *) usage ;;
  esac
done

if [ -n "$self_test" ]; then
  bash "$root/ci/uv-coverage-test.sh"
fi
if [ -z "$libuv" ]; then
  if [ -z "${UV4J_LIBUV_SOURCE:-}" ]; then
    source "$root/ci/setup.sh"
  fi
  libuv=$UV4J_LIBUV_SOURCE
fi

[ -f "$libuv/include/uv.h" ] || { echo "uv-coverage: no include/uv.h in $libuv" >&2; exit 2; }
[ -f "$unbound" ] || { echo "uv-coverage: $unbound does not exist" >&2; exit 2; }
shim_files=()
for file in "$native"/*.c "$native"/*.h; do
  [ -f "$file" ] && shim_files+=("$file")
done
[ ${#shim_files[@]} -gt 0 ] || { echo "uv-coverage: no C sources in $native" >&2; exit 2; }

# Reads C source line by line: removes comments, empties string and character literals, and joins
# lines continued with a backslash, so that each #define is one line. Calls code(line) for each
# such line and end_file() after each file (the variable file names it).
c_reader='
function reset_file() { in_comment = 0; pending = "" }
function strip(line,    out, rest, at, c, quote, i, n) {
  out = ""
  rest = line
  while (rest != "") {
    if (in_comment) {
      at = index(rest, "*/")
      if (at == 0) return out
      rest = substr(rest, at + 2)
      in_comment = 0
      out = out " "
      continue
    }
    if (!match(rest, /[\/"'"'"']/)) return out rest
    out = out substr(rest, 1, RSTART - 1)
    c = substr(rest, RSTART, 1)
    rest = substr(rest, RSTART + 1)
    if (c == "/") {
      if (substr(rest, 1, 1) == "*") { in_comment = 1; rest = substr(rest, 2); continue }
      if (substr(rest, 1, 1) == "/") return out
      out = out c
      continue
    }
    quote = c
    n = length(rest)
    for (i = 1; i <= n && substr(rest, i, 1) != quote; i++) {
      if (substr(rest, i, 1) == "\\") i++
    }
    out = out quote quote
    rest = substr(rest, i + 1)
  }
  return out
}
FNR == 1 { if (NR > 1) end_file(); reset_file(); file = FILENAME }
{
  sub(/\r$/, "")
  line = strip($0)
  if (line ~ /\\[ \t]*$/) {
    sub(/\\[ \t]*$/, "", line)
    pending = pending line " "
    next
  }
  code(pending line)
  pending = ""
}
END { if (NR > 0) end_file() }
'

# Prints the name of each UV_EXTERN function the headers declare, one per line; a UV_EXTERN
# declaration it cannot read is an error.
exported_functions() {
  awk "$c_reader"'
function code(line) { if (line !~ /^[ \t]*#/) text = text " " line }
function end_file(    statements, count, i, s, at, name) {
  count = split(text, statements, /[;{}]/)
  for (i = 1; i <= count; i++) {
    s = statements[i]
    gsub(/[ \t]+/, " ", s)
    s = " " s " "
    at = index(s, " UV_EXTERN ")
    if (at == 0) continue
    # The declaration starts at UV_EXTERN; an object-like macro may stand before it without a
    # semicolon (UV_PRIVATE_REQ_TYPES, empty on most platforms).
    s = substr(s, at + 1)
    sub(/ $/, "", s)
    name = s
    if (index(substr(s, 10), "UV_EXTERN") == 0 && sub(/ ?\(.*/, "", name)) {
      sub(/.*[ *]/, "", name)
      if (name ~ /^uv_[A-Za-z0-9_]*$/) { print name; continue }
    }
    printf "uv-coverage: %s: cannot read this UV_EXTERN declaration: %s\n", file, s > "/dev/stderr"
    failed = 1
  }
  text = ""
}
END { if (failed) exit 1 }
' "$@"
}

# Prints each uv_ name the shim's code uses, one per line: every identifier outside comments and
# string literals, so a function called or passed as a callback to a helper that calls it; and
# the names a #define builds with ## from its parameters, for each invocation of that macro in
# the same file (UV4J_LOOP_WATCHER(idle, Idle) calls uv_idle_init).
called_functions() {
  awk "$c_reader"'
function code(line,    name, params, body, count, token, i) {
  if (line !~ /^[ \t]*#[ \t]*define[ \t]+[A-Za-z_][A-Za-z0-9_]*\(/) {
    text = text line "\n"
    return
  }
  sub(/^[ \t]*#[ \t]*define[ \t]+/, "", line)
  name = substr(line, 1, index(line, "(") - 1)
  params = substr(line, index(line, "(") + 1)
  body = substr(params, index(params, ")") + 1)
  params = substr(params, 1, index(params, ")") - 1)
  gsub(/[ \t]/, "", params)
  gsub(/[ \t]*##[ \t]*/, "##", body)
  count = split(body, token, /[^A-Za-z0-9_#]+/)
  for (i = 1; i <= count; i++) {
    if (index(token[i], "##") > 0) {
      templates[name] = templates[name] " " token[i]
      macro_params[name] = params
    }
  }
  text = text body "\n"
}
function split_args(args, value,    depth, i, n, c, count, current) {
  depth = 0
  count = 0
  current = ""
  n = length(args)
  for (i = 1; i <= n; i++) {
    c = substr(args, i, 1)
    if (c == "(") depth++
    else if (c == ")") depth--
    if (c == "," && depth == 0) { value[++count] = current; current = ""; continue }
    current = current c
  }
  value[++count] = current
  for (i = 1; i <= count; i++) {
    gsub(/^[ \t\n]+/, "", value[i])
    gsub(/[ \t\n]+$/, "", value[i])
  }
  return count
}
function expand(name, args,    param, nparams, value, count, pasted, npasted, t, parts, nparts, i, j, result) {
  nparams = split(macro_params[name], param, ",")
  count = split_args(args, value)
  npasted = split(templates[name], pasted, " ")
  for (t = 1; t <= npasted; t++) {
    nparts = split(pasted[t], parts, "##")
    result = ""
    for (j = 1; j <= nparts; j++) {
      for (i = 1; i <= nparams && i <= count; i++) {
        if (parts[j] == param[i]) { parts[j] = value[i]; break }
      }
      result = result parts[j]
    }
    if (result ~ /^uv_/) print result
  }
}
function end_file(    count, token, i, name, rest, at, before, depth, n, c) {
  count = split(text, token, /[^A-Za-z0-9_]+/)
  for (i = 1; i <= count; i++) if (token[i] ~ /^uv_/) print token[i]
  for (name in templates) {
    rest = text
    while ((at = index(rest, name)) > 0) {
      before = at > 1 ? substr(rest, at - 1, 1) : " "
      rest = substr(rest, at + length(name))
      if (before ~ /[A-Za-z0-9_]/ || !match(rest, /^[ \t\n]*\(/)) continue
      rest = substr(rest, RLENGTH + 1)
      n = length(rest)
      depth = 1
      for (i = 1; i <= n && depth > 0; i++) {
        c = substr(rest, i, 1)
        if (c == "(") depth++
        else if (c == ")") depth--
      }
      expand(name, substr(rest, 1, i - 2))
    }
  }
  text = ""
  for (name in templates) delete templates[name]
}
' "$@"
}

# Reads the list of functions left out. Prints "name<TAB>line" for each entry with a reason, and
# reports on standard error each malformed line and each entry without a reason.
listed_functions() {
  awk -v file="$1" '
{ sub(/\r$/, "") }
/^- / {
  if (!match($0, /^- `uv_[A-Za-z0-9_]+`/)) {
    printf "uv-coverage: %s:%d: not an entry (- `uv_name`: reason): %s\n", file, FNR, $0 > "/dev/stderr"
    failed = 1
    next
  }
  name = substr($0, 4, RLENGTH - 4)
  reason = substr($0, RLENGTH + 1)
  if (reason !~ /^:/ || reason ~ /^:[ \t]*$/) {
    printf "uv-coverage: %s:%d: %s has no reason (- `%s`: reason)\n", file, FNR, name, name > "/dev/stderr"
    failed = 1
    next
  }
  if (name in seen) {
    printf "uv-coverage: %s:%d: %s is listed already on line %d\n", file, FNR, name, seen[name] > "/dev/stderr"
    failed = 1
    next
  }
  seen[name] = FNR
  printf "%s\t%d\n", name, FNR
}
END { if (failed) exit 1 }
' "$1"
}

work=$(mktemp -d "${TMPDIR:-/tmp}/uv-coverage.XXXXXX")
trap 'rm -rf "$work"' EXIT
export LC_ALL=C
problems=0

headers=("$libuv/include/uv.h")
for header in "$libuv"/include/uv/*.h; do
  [ -f "$header" ] && headers+=("$header")
done
exported_functions "${headers[@]}" >"$work/exported.raw" || problems=$((problems + 1))
sort -u "$work/exported.raw" >"$work/exported"
called_functions "${shim_files[@]}" | sort -u >"$work/called"
listed_functions "$unbound" >"$work/listed.lines" || problems=$((problems + 1))
cut -f1 "$work/listed.lines" | sort >"$work/listed"

comm -12 "$work/exported" "$work/called" >"$work/bound"
comm -23 "$work/exported" "$work/called" >"$work/uncalled"
comm -12 "$work/uncalled" "$work/listed" >"$work/unbound"
comm -23 "$work/uncalled" "$work/listed" >"$work/missing"

while IFS="$(printf '\t')" read -r name line; do
  if ! grep -qx "$name" "$work/exported"; then
    echo "uv-coverage: $unbound:$line: $name is not a UV_EXTERN function of uv.h; remove the entry" >&2
    problems=$((problems + 1))
  elif grep -qx "$name" "$work/called"; then
    echo "uv-coverage: $unbound:$line: $name is called by the shim; remove the entry" >&2
    problems=$((problems + 1))
  fi
done <"$work/listed.lines"

count() { wc -l <"$1" | tr -d ' '; }
echo "uv-coverage: bound $(count "$work/bound") of $(count "$work/exported")," \
  "unbound-with-reason $(count "$work/unbound"), missing $(count "$work/missing")"
if [ -s "$work/missing" ]; then
  echo "uv-coverage: neither called in $native nor listed in $unbound:" >&2
  sed 's/^/  /' "$work/missing" >&2
  problems=$((problems + 1))
fi
[ "$problems" -eq 0 ]
