package io.uv4j;

import io.uv4j.internal.Native;

/** Facts about the linked libuv, and its clock. */
public final class Uv {
  private Uv() {}

  /**
   * libuv's version as {@code (major << 16) | (minor << 8) | patch}.
   *
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static int version() {
    return Native.version();
  }

  /**
   * libuv's version as text, such as {@code "1.50.0"}.
   *
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static String versionString() {
    return Native.versionString();
  }

  /**
   * A monotonic clock in nanoseconds, from an arbitrary origin ({@code uv_hrtime}).
   *
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static long hrtime() {
    return Native.hrtime();
  }
}
