package io.uv4j;

import io.uv4j.internal.Native;
import java.util.Objects;

/**
 * Wakes the loop from another thread ({@code uv_async_t}). {@link #send()} may be called from any
 * thread; the callback runs on the loop thread. Sends that arrive before the callback has run are
 * coalesced into one call, as libuv does.
 */
public final class Async extends Handle {
  private final Runnable callback;
  /** Guards {@code ptr} against a send racing with close; written under this object's lock. */
  private boolean sendable;

  /**
   * Creates an async handle; it is active (and keeps the loop alive) until closed or unref'd.
   *
   * @param loop the loop whose thread runs {@code callback}
   * @param callback run on the loop thread after one or more sends
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws UvException if libuv cannot create it (out of file descriptors)
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   */
  public Async(Loop loop, Runnable callback) throws UvException {
    this(loop, callback, false);
  }

  Async(Loop loop, Runnable callback, boolean internal) throws UvException {
    super(Objects.requireNonNull(loop, "loop"));
    this.callback = Objects.requireNonNull(callback, "callback");
    if (internal) markInternal();
    long p = Native.asyncNew(internal ? loop.pointer() : loop.checkUsable(), this);
    if (p < 0) throw initFailure(p, "uv_async_init");
    bind(p);
    synchronized (this) {
      sendable = true;
    }
  }

  /**
   * Wakes the loop so that the callback runs soon on the loop thread. Safe from any thread.
   *
   * @throws IllegalStateException if the handle is closed
   */
  public void send() {
    if (!trySend()) throw new IllegalStateException(this + " is closed");
  }

  /** Sends unless the handle is closed, atomically with respect to {@link #close()}. */
  synchronized boolean trySend() {
    if (!sendable) return false;
    Native.asyncSend(ptr);
    return true;
  }

  @Override
  synchronized void beforeClose() {
    sendable = false;
  }

  @Override
  void fired() {
    callback.run();
  }
}
