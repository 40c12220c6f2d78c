# Sourced by ci/sanitize.sh and ci/fuzz.sh after setup.sh (Linux, GCC). Compiles the classes and
# the normal library (target/classes), then builds libuv and the shim under AddressSanitizer and
# UBSan in a CMake build of their own (target/sanitize/cmake), and sets
#   SANITIZED_LIBRARY  the library, for -Duv4j.library.path
#   SANITIZER_PRELOAD  the ASan runtime, which has to be the first library in a process: it goes
#                      in LD_PRELOAD of the JVMs that load the library (and what they start),
#                      never of Maven
# and defines sanitizer_asan_options and sanitizer_ubsan_options.

[ "$(uname -s)" = Linux ] || { echo "ci: the sanitizer build runs on Linux only" >&2; exit 1; }

echo "ci: compiling the classes and the normal library"
mvn -B -ntp -q test-compile -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE"

echo "ci: building libuv and the shim under AddressSanitizer and UBSan in target/sanitize"
sanitizer_java_home=${JAVA_HOME:-$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p')}
mkdir -p target/sanitize
# -g and frame pointers give reports whole stacks with file and line
if ! CC=gcc cmake -S . -B target/sanitize/cmake -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DUV4J_SANITIZE=ON -DUV4J_JAVA_HOME="$sanitizer_java_home" \
    -DUV4J_JNI_HEADERS="$UV4J_ROOT/target/native-headers" \
    -DUV4J_OUTPUT_DIR="$UV4J_ROOT/target/sanitize/native" \
    -DUV4J_LIBUV_SOURCE_DIR="$UV4J_LIBUV_SOURCE" > target/sanitize/cmake.log 2>&1 ||
  ! cmake --build target/sanitize/cmake --target uv4j --parallel >> target/sanitize/cmake.log 2>&1; then
  cat target/sanitize/cmake.log >&2
  exit 1
fi
# the runtime of the compiler the build was configured with; it prints the bare name back if it
# has none
sanitizer_compiler=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' target/sanitize/cmake/CMakeCache.txt)
SANITIZER_PRELOAD=$("$sanitizer_compiler" -print-file-name=libasan.so)
[ -f "$SANITIZER_PRELOAD" ] ||
  { echo "ci: $sanitizer_compiler has no AddressSanitizer runtime (libasan.so)" >&2; exit 1; }
SANITIZED_LIBRARY=$(echo "$UV4J_ROOT"/target/sanitize/native/linux-*/libuv4j.so)
[ -f "$SANITIZED_LIBRARY" ] || { echo "ci: no sanitized library in target/sanitize/native" >&2; exit 1; }

# ASAN_OPTIONS for a JVM; ASan writes each report to <dir>/asan.<pid>. Tried under HotSpot:
#  detect_leaks=0      LeakSanitizer cannot scan a JVM: without this every JVM ends in its fatal error
#  handle_segv=0       SIGSEGV is HotSpot's (null checks, stack banging): with handle_segv=2 the
#                      JVM dies at its first null check; the default, 1, works only because HotSpot
#                      replaces ASan's handler. With 0 ASan stays out, and a fault in native code
#                      is reported by HotSpot, in an hs_err file
#  abort_on_error=1    a report ends the JVM at once, by SIGABRT, before it runs on a bad heap
#  detect_stack_use_after_return=1
#                      also catches a pointer to a native frame kept after the frame returned
sanitizer_asan_options() { # dir
  echo "detect_leaks=0:handle_segv=0:abort_on_error=1:detect_stack_use_after_return=1:log_path=$1/asan"
}

# UBSAN_OPTIONS: -fno-sanitize-recover already makes a finding fatal; these give it a stack and a
# SIGABRT like ASan's. GCC's UBSan runtime ignores log_path next to ASan's and always writes to the
# JVM's stderr, so that is where its reports are looked for.
sanitizer_ubsan_options() {
  echo "print_stacktrace=1:halt_on_error=1:abort_on_error=1"
}
