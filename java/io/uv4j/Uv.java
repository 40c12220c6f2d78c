package io.uv4j;

import io.uv4j.internal.Native;
import java.util.Objects;

/** Facts about the linked libuv, and its clock. */
public final class Uv {
  private Uv() {}

  /**
   * libuv's version as {@code (major << 16) | (minor << 8) | patch}.
   *
   * @return the linked libuv's version number, such as {@code 0x013200} for 1.50.0
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static int version() {
    return Native.version();
  }

  /**
   * libuv's version as text, such as {@code "1.50.0"}.
   *
   * @return the linked libuv's version string
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static String versionString() {
    return Native.versionString();
  }

  /**
   * A monotonic clock in nanoseconds, from an arbitrary origin ({@code uv_hrtime}).
   *
   * @return the current time in nanoseconds; only differences between two readings mean anything
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static long hrtime() {
    return Native.hrtime();
  }

  /**
   * {@code n} cryptographically strong random bytes from the OS ({@code uv_random}), at once on
   * the calling thread (any thread). May block while the OS gathers entropy early in boot.
   *
   * @param n how many bytes to gather; 0 gives an empty array
   * @return a new array of {@code n} random bytes
   * @throws IllegalArgumentException if {@code n} is negative or more than a Java array holds
   * @throws UvException if the OS cannot supply them
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static byte[] randomSync(int n) throws UvException {
    checkCount(n);
    Native.ensureLoaded();
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(Math.max(n, 1));
    UvException.check(Native.random(0, null, buffer, 0, n), "uv_random");
    byte[] out = new byte[n];
    buffer.get(out);
    return out;
  }

  /**
   * {@code n} cryptographically strong random bytes, gathered on libuv's thread pool.
   *
   * @param loop the loop whose thread pool gathers the bytes and whose thread settles the promise
   * @param n how many bytes to gather
   * @return fulfilled with the bytes on the loop thread, rejected with a {@link UvException}
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalArgumentException if {@code n} is negative or more than a Java array holds
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public static Promise<byte[]> random(Loop loop, int n) {
    Objects.requireNonNull(loop, "loop");
    checkCount(n);
    long p = loop.checkUsable();
    Promise.Resolver<byte[]> resolver = loop.promise();
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(Math.max(n, 1));
    Request request =
        new Request(loop, "uv_random", (Completion) error -> {
          if (error != null) {
            resolver.reject(error);
          } else {
            byte[] out = new byte[n];
            buffer.get(out);
            resolver.resolve(out);
          }
        }, buffer);
    int rc = Native.random(p, request, buffer, 0, n);
    if (rc < 0) request.completeLater(rc);
    return resolver.promise();
  }

  /** The bytes end up in one array: a count no array can hold is refused before any is gathered. */
  private static void checkCount(int n) {
    if (n < 0 || n > FsConvenience.MAX_ARRAY) {
      throw new IllegalArgumentException("n must be 0.." + FsConvenience.MAX_ARRAY + ", got " + n);
    }
  }
}
