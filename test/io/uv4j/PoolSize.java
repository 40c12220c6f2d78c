package io.uv4j;

/** The size of libuv's thread pool in this process, by libuv's own rule. */
final class PoolSize {
  private PoolSize() {}

  /** UV_THREADPOOL_SIZE if set (0 or unreadable counting as 1, at most 1024), else 4. */
  static int get() {
    String value = System.getenv("UV_THREADPOOL_SIZE");
    if (value == null) return 4;
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      n = 0;
    }
    return Math.max(1, Math.min(1024, n));
  }
}
