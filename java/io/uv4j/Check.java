package io.uv4j;

import io.uv4j.internal.Native;
import java.io.UncheckedIOException;

/**
 * A handle that runs its callback once per loop iteration, right after the loop has polled for I/O ({@code uv_check_t}).
 * All methods must be called on the loop's thread.
 */
public final class Check extends LoopWatcher<Check> {
  /**
   * Creates a stopped handle.
   *
   * @param loop the loop it belongs to
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   * @throws UncheckedIOException wrapping a {@link UvException} if {@code uv_check_init} fails
   *     with another error (unchecked, so that existing callers still compile; libuv 1.50 has
   *     no such error for it)
   */
  public Check(Loop loop) {
    super(loop, LoopTracer.Phase.CHECK, Native::checkNew, "uv_check_init", Native::checkStart, Native::checkStop);
  }
}
