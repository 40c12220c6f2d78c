package io.uv4j;

import io.uv4j.internal.Native;
import java.io.UncheckedIOException;

/**
 * A handle that runs its callback once per loop iteration, right before the loop polls for I/O ({@code uv_prepare_t}).
 * All methods must be called on the loop's thread.
 */
public final class Prepare extends LoopWatcher<Prepare> {
  /**
   * Creates a stopped handle.
   *
   * @param loop the loop it belongs to
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   * @throws UncheckedIOException wrapping a {@link UvException} if {@code uv_prepare_init} fails
   *     with another error (unchecked, so that existing callers still compile; libuv 1.50 has
   *     no such error for it)
   */
  public Prepare(Loop loop) {
    super(loop, LoopTracer.Phase.PREPARE, Native::prepareNew, "uv_prepare_init", Native::prepareStart, Native::prepareStop);
  }
}
