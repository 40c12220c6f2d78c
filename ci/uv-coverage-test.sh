#!/usr/bin/env bash
# Tests of the coverage gate, ci/uv-coverage.sh, each against its own small fixture: a libuv
# include tree, one shim source file and an UNBOUND.md of a few lines. Prints a line per test and
# fails if any fails. Run by `ci/uv-coverage.sh --self-test`; needs what the gate needs.
set -euo pipefail

gate=$(cd "$(dirname "$0")" && pwd)/uv-coverage.sh
scratch=$(mktemp -d "${TMPDIR:-/tmp}/uv-coverage-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# A fresh fixture named for the test: an empty include tree, shim and UNBOUND.md.
fixture=
new_fixture() {
  fixture=$scratch/$1
  mkdir -p "$fixture/libuv/include/uv" "$fixture/native"
  : >"$fixture/libuv/include/uv.h"
  : >"$fixture/native/shim.c"
  : >"$fixture/UNBOUND.md"
}
uv_h() { cat >"$fixture/libuv/include/uv.h"; }
shim_c() { cat >"$fixture/native/shim.c"; }
unbound_md() { cat >"$fixture/UNBOUND.md"; }

# Runs the gate on the fixture and checks its exit status (pass or fail) and that its output
# holds the given text.
failures=0
expect() {
  local outcome=$1 text=$2 output status=0
  output=$(bash "$gate" --libuv "$fixture/libuv" --native "$fixture/native" \
    --unbound "$fixture/UNBOUND.md" 2>&1) || status=$?
  if { [ "$outcome" = pass ] && [ "$status" -ne 0 ]; } ||
     { [ "$outcome" = fail ] && [ "$status" -ne 1 ]; }; then
    echo "FAIL ${FUNCNAME[1]}: expected the gate to $outcome, it exited with $status:"
    echo "$output" | sed 's/^/     /'
    failures=$((failures + 1))
  elif [[ "$output" != *"$text"* ]]; then
    echo "FAIL ${FUNCNAME[1]}: expected \"$text\" in the output:"
    echo "$output" | sed 's/^/     /'
    failures=$((failures + 1))
  else
    echo "ok   ${FUNCNAME[1]}"
  fi
}

test_a_function_the_shim_calls_is_bound() {
  echo 'UV_EXTERN int uv_run(uv_loop_t* loop, uv_run_mode mode);' | uv_h
  echo 'int run(uv_loop_t *loop) { return uv_run (loop, UV_RUN_DEFAULT); }' | shim_c
  expect pass "bound 1 of 1, unbound-with-reason 0, missing 0"
}

test_a_function_named_only_in_a_comment_is_missing() {
  echo 'UV_EXTERN int uv_run(uv_loop_t* loop, uv_run_mode mode);' | uv_h
  shim_c <<'C'
/* Runs the loop: uv_run(loop, UV_RUN_DEFAULT),
   once uv_run(loop, UV_RUN_ONCE) */
int run(uv_loop_t *loop) { return 0; } // not uv_run(loop, mode)
C
  expect fail "missing 1"
}

test_a_function_named_only_in_a_string_is_missing() {
  echo 'UV_EXTERN int uv_run(uv_loop_t* loop, uv_run_mode mode);' | uv_h
  echo 'const char *name(void) { return "uv_run(loop)"; }' | shim_c
  expect fail "missing 1"
}

test_missing_functions_are_listed_by_name() {
  echo 'UV_EXTERN int uv_run(uv_loop_t* loop, uv_run_mode mode);' | uv_h
  expect fail "  uv_run"
}

test_a_function_listed_with_a_reason_is_unbound_with_reason() {
  echo 'UV_EXTERN void uv_sleep(unsigned int msec);' | uv_h
  echo '- `uv_sleep`: Thread.sleep.' | unbound_md
  expect pass "bound 0 of 1, unbound-with-reason 1, missing 0"
}

test_an_entry_without_a_reason_fails() {
  echo 'UV_EXTERN void uv_sleep(unsigned int msec);' | uv_h
  echo '- `uv_sleep`:' | unbound_md
  expect fail "UNBOUND.md:1: uv_sleep has no reason"
}

test_an_entry_without_a_colon_fails() {
  echo 'UV_EXTERN void uv_sleep(unsigned int msec);' | uv_h
  echo '- `uv_sleep`' | unbound_md
  expect fail "UNBOUND.md:1: uv_sleep has no reason"
}

test_a_malformed_entry_fails() {
  echo 'UV_EXTERN void uv_sleep(unsigned int msec);' | uv_h
  echo '- uv_sleep: Thread.sleep.' | unbound_md
  expect fail "UNBOUND.md:1: not an entry"
}

test_an_entry_for_a_function_uv_h_does_not_export_fails() {
  echo 'UV_EXTERN void uv_sleep(unsigned int msec);' | uv_h
  unbound_md <<'MD'
- `uv_sleep`: Thread.sleep.
- `uv_nap`: no such function.
MD
  expect fail "UNBOUND.md:2: uv_nap is not a UV_EXTERN function of uv.h"
}

test_an_entry_for_a_function_the_shim_calls_fails() {
  echo 'UV_EXTERN void uv_sleep(unsigned int msec);' | uv_h
  echo 'void nap(void) { uv_sleep(1); }' | shim_c
  echo '- `uv_sleep`: Thread.sleep.' | unbound_md
  expect fail "UNBOUND.md:1: uv_sleep is called by the shim"
}

test_an_entry_listed_twice_fails() {
  echo 'UV_EXTERN void uv_sleep(unsigned int msec);' | uv_h
  unbound_md <<'MD'
- `uv_sleep`: Thread.sleep.
- `uv_sleep`: Thread.sleep again.
MD
  expect fail "UNBOUND.md:2: uv_sleep is listed already on line 1"
}

test_a_declaration_spanning_lines_is_read() {
  uv_h <<'H'
UV_EXTERN int uv_write(uv_write_t* req,
                       uv_stream_t* handle,
                       const uv_buf_t bufs[],
                       unsigned int nbufs,
                       uv_write_cb cb);
H
  expect fail "  uv_write"
}

test_a_declaration_after_a_macro_without_semicolon_is_read() {
  uv_h <<'H'
#define UV_PRIVATE_REQ_TYPES /* empty */
UV_PRIVATE_REQ_TYPES
UV_EXTERN int uv_shutdown(uv_shutdown_t* req, uv_stream_t* handle, uv_shutdown_cb cb);
H
  expect fail "  uv_shutdown"
}

test_a_declaration_returning_a_pointer_is_read() {
  echo 'UV_EXTERN const char *uv_version_string(void);' | uv_h
  expect fail "  uv_version_string"
}

test_a_declaration_in_a_uv_subheader_is_read() {
  echo '#include "uv/extra.h"' | uv_h
  echo 'UV_EXTERN int uv_extra(void);' >"$fixture/libuv/include/uv/extra.h"
  expect fail "  uv_extra"
}

test_a_declaration_in_a_header_comment_is_not_a_function() {
  uv_h <<'H'
/* Formerly: UV_EXTERN int uv_gone(void); */
UV_EXTERN void uv_sleep(unsigned int msec);
H
  echo 'void nap(void) { uv_sleep(1); }' | shim_c
  expect pass "bound 1 of 1"
}

test_the_definitions_of_UV_EXTERN_are_not_functions() {
  uv_h <<'H'
#ifdef _WIN32
# define UV_EXTERN __declspec(dllexport)
#else
# define UV_EXTERN __attribute__((visibility("default")))
#endif
UV_EXTERN void uv_sleep(unsigned int msec);
H
  echo 'void nap(void) { uv_sleep(1); }' | shim_c
  expect pass "bound 1 of 1"
}

test_a_call_built_by_token_pasting_in_a_macro_is_bound() {
  uv_h <<'H'
UV_EXTERN int uv_idle_start(uv_idle_t* idle, uv_idle_cb cb);
UV_EXTERN int uv_check_start(uv_check_t* check, uv_check_cb cb);
H
  shim_c <<'C'
#define START(kind)                                   \
  int kind##_begin(uv_##kind##_t *handle) {           \
    return uv_ ## kind ## _start(handle, kind##_cb);  \
  }
START(idle)
START(check)
C
  expect pass "bound 2 of 2"
}

test_sources_with_crlf_line_ends_read_as_with_lf() {
  echo 'UV_EXTERN int uv_idle_start(uv_idle_t* idle, uv_idle_cb cb);' | uv_h
  printf '#define START(kind) \\\r\n  uv_##kind##_start(h, kind##_cb)\r\nSTART(idle)\r\n' | shim_c
  expect pass "bound 1 of 1"
}

test_an_unbound_list_with_crlf_line_ends_reads_as_with_lf() {
  echo 'UV_EXTERN void uv_sleep(unsigned int msec);' | uv_h
  printf -- '- `uv_sleep`:\r\n' | unbound_md
  expect fail "UNBOUND.md:1: uv_sleep has no reason"
}

test_a_token_pasting_macro_never_invoked_binds_nothing() {
  echo 'UV_EXTERN int uv_idle_start(uv_idle_t* idle, uv_idle_cb cb);' | uv_h
  echo '#define START(kind, h) uv_##kind##_start(h, kind##_cb)' | shim_c
  expect fail "  uv_idle_start"
}

test_a_function_passed_to_a_helper_that_calls_it_is_bound() {
  echo 'UV_EXTERN int uv_pipe_getsockname(const uv_pipe_t* h, char* buf, size_t* len);' | uv_h
  echo 'int sockname(uv_pipe_t *p) { return name_of(p, uv_pipe_getsockname); }' | shim_c
  expect pass "bound 1 of 1"
}

tests=$(declare -F | awk '$3 ~ /^test_/ {print $3}')
count=0
for test in $tests; do
  new_fixture "$test"
  "$test"
  count=$((count + 1))
done
echo "uv-coverage-test: $count tests, $failures failed"
[ "$failures" -eq 0 ]
