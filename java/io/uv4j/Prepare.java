package io.uv4j;

import io.uv4j.internal.Native;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A handle that runs its callback once per loop iteration, right before the loop polls for I/O ({@code uv_prepare_t}).
 * All methods must be called on the loop's thread.
 */
public final class Prepare extends Handle {
  private Runnable callback;

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
    super(Objects.requireNonNull(loop, "loop"), LoopTracer.Phase.PREPARE);
    bindNewUnchecked(Native.prepareNew(loop.checkUsable(), this), "uv_prepare_init");
  }

  /**
   * Starts calling {@code callback} once per loop iteration. Starting a started handle replaces
   * its callback.
   *
   * @param callback what to run on the loop thread
   * @return this handle
   * @throws NullPointerException if {@code callback} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public Prepare start(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    long p = open();
    this.callback = callback;
    Native.prepareStart(p);
    return this;
  }

  /**
   * Stops calling the callback. Stopping a stopped handle does nothing.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public void stop() {
    Native.prepareStop(open());
  }

  @Override
  void fired() {
    callback.run();
  }
}
