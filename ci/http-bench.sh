#!/usr/bin/env bash
# Loads the HTTP "hello" example (examples/.../HttpHelloServer.java, one event-loop thread) with
# 1000 keep-alive connections: first with the example's own generator (HttpLoadGenerator, one loop
# thread, every response checked byte for byte), then with wrk if it is installed. Prints
# requests per second and errors for each, and the machine's load average, since the client
# shares the machine with the server.
#
# UV4J_HTTP_CONNECTIONS (default 1000), UV4J_HTTP_REQUESTS (default 200, per connection, for the
# generator), UV4J_HTTP_SECS (default 10, for wrk), UV4J_HTTP_WRK=install: install wrk from
# Debian's apt for the run and remove it again afterwards.
source "$(dirname "$0")/setup.sh"

connections=${UV4J_HTTP_CONNECTIONS:-1000}
requests=${UV4J_HTTP_REQUESTS:-200}
secs=${UV4J_HTTP_SECS:-10}
port=9711
out=target/http-bench
mkdir -p "$out"

# both ends of every connection live on this machine, the generator's in one process
needed=$((2 * connections + 200))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$needed" ]; then
  ulimit -n "$needed" 2>/dev/null || {
    echo "http-bench: needs $needed open descriptors; 'ulimit -n' is $(ulimit -n) and cannot be raised" >&2
    exit 1
  }
fi

echo "http-bench: building uv4j and the examples"
mvn -B -ntp -q install -DskipTests -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE" -Dmaven.javadoc.skip=true
mvn -B -ntp -q -f examples/pom.xml compile
classpath=target/classes:examples/target/classes

installed() {
  dpkg-query -W -f '${db:Status-Abbrev}${Package}\n' | sed -n 's/^ii *//p' | sort
}
# the packages installing wrk added (it and its libraries), to remove again
installed_packages=()
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  if [ ${#installed_packages[@]} -gt 0 ]; then
    echo "http-bench: removing ${installed_packages[*]} again"
    as_root apt-get remove -y -qq "${installed_packages[@]}" >/dev/null
  fi
}
trap cleanup EXIT

if ! command -v wrk >/dev/null && [ "${UV4J_HTTP_WRK:-}" = install ]; then
  echo "http-bench: installing wrk for this run"
  apt_update_once
  before=$(installed)
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  mapfile -t installed_packages < <(comm -13 <(echo "$before") <(installed))
fi

java -cp "$classpath" io.uv4j.examples.HttpHelloServer "$port" > "$out/server.txt" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q listening "$out/server.txt" && break
  sleep 0.1
done
grep -q listening "$out/server.txt" || {
  echo "http-bench: the server did not start:" >&2
  cat "$out/server.txt" >&2
  exit 1
}

echo "http-bench: warming up the server"
java -cp "$classpath" io.uv4j.examples.HttpLoadGenerator "$port" 100 500 > /dev/null

echo "http-bench: generator, $connections connections x $requests requests"
generator=$(java -cp "$classpath" io.uv4j.examples.HttpLoadGenerator "$port" "$connections" "$requests")
echo "$generator"
generator_rps=$(sed -n 's/.* rps=\([0-9]*\).*/\1/p' <<< "$generator" | head -1)
generator_errors=$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' <<< "$generator" | head -1)

wrk_rps=- wrk_errors=- wrk_timeouts=-
if command -v wrk >/dev/null; then
  echo "http-bench: wrk -t2 -c$connections -d${secs}s"
  wrk -t2 -c"$connections" -d"${secs}s" "http://127.0.0.1:$port/" | tee "$out/wrk.txt"
  wrk_rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$out/wrk.txt")
  # wrk prints these lines only when they are not zero. A timeout is a response slower than
  # wrk's 2 s, which still comes: a latency, not a failure, so it is counted apart.
  wrk_errors=$(awk '/Socket errors/ { gsub(",", ""); n += $4 + $6 + $8 } /Non-2xx/ { n += $5 } END { print n + 0 }' "$out/wrk.txt")
  wrk_timeouts=$(awk '/Socket errors/ { gsub(",", ""); n += $10 } END { print n + 0 }' "$out/wrk.txt")
else
  echo "http-bench: wrk is not installed (UV4J_HTTP_WRK=install installs it for the run)"
fi

echo
echo "HTTP hello, one loop thread, $connections keep-alive connections ($(uptime | sed 's/.*load/load/'))"
printf '%-10s %12s %8s %10s\n' client "requests/s" errors "over 2 s"
printf '%-10s %12s %8s %10s\n' generator "$generator_rps" "$generator_errors" -
printf '%-10s %12s %8s %10s\n' wrk "$wrk_rps" "$wrk_errors" "$wrk_timeouts"
[ "$generator_errors" = 0 ] && { [ "$wrk_errors" = - ] || [ "$wrk_errors" = 0 ]; }
