package io.uv4j;

import io.uv4j.internal.Native;

/**
 * What uv4j knows of libuv's thread pool: libuv sizes it from {@code UV_THREADPOOL_SIZE} once, at
 * its first use in the process, so every submission to it passes through {@link #using()} first
 * and a size may only be set before that.
 */
final class ThreadPool {
  /** libuv's {@code MAX_THREADPOOL_SIZE}. */
  static final int MAX_SIZE = 1024;
  /** libuv's size when the variable is not set. */
  private static final int DEFAULT_SIZE = 4;

  /** The size libuv read at the pool's first use; 0 before. */
  private static volatile int started;

  private ThreadPool() {}

  /** Called before anything is submitted to the pool: from now on its size is fixed. */
  static void using() {
    if (started == 0) start();
  }

  private static synchronized void start() {
    if (started == 0) started = configured();
  }

  /**
   * Sets the size libuv will give the pool.
   *
   * @throws IllegalArgumentException if {@code size} is outside 1..1024
   * @throws IllegalStateException if the pool has started
   */
  static synchronized void setSize(int size) {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("thread pool size must be 1.." + MAX_SIZE + ", got " + size);
    }
    if (started != 0) {
      throw new IllegalStateException(
          "libuv's thread pool has started already, with " + started + " threads; set its size before its first use");
    }
    int rc = Native.threadPoolSizeSet(size);
    if (rc < 0) throw new IllegalStateException(new UvException(rc, "setenv", "UV_THREADPOOL_SIZE", null));
  }

  /** The pool's size: the one it started with, or the one it will start with. */
  static synchronized int size() {
    return started != 0 ? started : configured();
  }

  /** The size libuv's rule makes of the variable as it is now: atoi, 0 counting as 1, at most 1024. */
  private static int configured() {
    String value = Native.threadPoolSizeVariable();
    if (value == null) return DEFAULT_SIZE;
    long n = leadingInteger(value.strip());
    // libuv keeps the count unsigned: a negative one wraps round to more than the maximum
    if (n < 0 || n > MAX_SIZE) return MAX_SIZE;
    return n == 0 ? 1 : (int) n;
  }

  /** The integer at the start of {@code s}, as C's atoi reads it (0 when there is none), capped past int's range. */
  private static long leadingInteger(String s) {
    int i = 0;
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) negative = s.charAt(i++) == '-';
    long n = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && n <= Integer.MAX_VALUE) {
      n = n * 10 + (s.charAt(i++) - '0');
    }
    return negative ? -n : n;
  }
}
