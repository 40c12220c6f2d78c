package io.uv4j;

import io.uv4j.internal.Native;
import java.io.UncheckedIOException;

/**
 * A handle that runs its callback once per loop iteration, before the poll phase, and while active makes the poll phase not block ({@code uv_idle_t}).
 * All methods must be called on the loop's thread.
 */
public final class Idle extends LoopWatcher<Idle> {
  /**
   * Creates a stopped handle.
   *
   * @param loop the loop it belongs to
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   * @throws UncheckedIOException wrapping a {@link UvException} if {@code uv_idle_init} fails
   *     with another error (unchecked, so that existing callers still compile; libuv 1.50 has
   *     no such error for it)
   */
  public Idle(Loop loop) {
    super(loop, LoopTracer.Phase.IDLE, Native::idleNew, "uv_idle_init", Native::idleStart, Native::idleStop);
  }

  /** Starts the handle with no Java callback: it only keeps the loop's poll from blocking. */
  void startQuiet() {
    Native.idleStartQuiet(open());
  }
}
