package io.uv4j;

import java.util.Objects;

/**
 * What {@link Idle}, {@link Prepare} and {@link Check} share: a handle that runs one callback once
 * per loop iteration, in the phase of its kind, between libuv's start and stop for that kind.
 *
 * @param <W> the kind, which {@link #start} returns
 */
abstract class LoopWatcher<W extends LoopWatcher<W>> extends Handle {
  /** libuv's init of the kind: the new native handle for a peer, or an error. */
  @FunctionalInterface
  interface NativeNew {
    long create(long loop, Object peer);
  }

  /** libuv's start or stop of the kind. */
  @FunctionalInterface
  interface NativeCall {
    int call(long handle);
  }

  private final NativeCall nativeStart;
  private final NativeCall nativeStop;
  private Runnable callback;

  LoopWatcher(Loop loop, LoopTracer.Phase phase, NativeNew nativeNew, String init, NativeCall nativeStart,
      NativeCall nativeStop) {
    super(Objects.requireNonNull(loop, "loop"), phase);
    this.nativeStart = nativeStart;
    this.nativeStop = nativeStop;
    bindNewUnchecked(nativeNew.create(loop.checkUsable(), this), init);
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
  public W start(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    long p = open();
    this.callback = callback;
    nativeStart.call(p);
    @SuppressWarnings("unchecked")
    W self = (W) this;
    return self;
  }

  /**
   * Stops calling the callback. Stopping a stopped handle does nothing.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public void stop() {
    nativeStop.call(open());
  }

  @Override
  void fired() {
    callback.run();
  }
}
