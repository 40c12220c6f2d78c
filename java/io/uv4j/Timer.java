package io.uv4j;

import io.uv4j.internal.Native;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A libuv timer ({@code uv_timer_t}): runs a callback after a timeout, then optionally again at
 * a fixed repeat interval. Times are in milliseconds of the loop's clock ({@link Loop#now()}).
 * All methods must be called on the loop's thread.
 */
public final class Timer extends Handle {
  private Runnable callback;

  /**
   * Creates a stopped timer.
   *
   * @param loop the loop it belongs to
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   * @throws UncheckedIOException wrapping a {@link UvException} if {@code uv_timer_init} fails
   *     with another error (unchecked, so that existing callers still compile; libuv 1.50 has
   *     no such error for it)
   */
  public Timer(Loop loop) {
    super(Objects.requireNonNull(loop, "loop"), LoopTracer.Phase.TIMERS);
    bindNewUnchecked(Native.timerNew(loop.checkUsable(), this), "uv_timer_init");
  }

  /**
   * Starts (or restarts) the timer: {@code callback} runs once {@code timeout} ms have passed,
   * then every {@code repeat} ms if {@code repeat} is not 0.
   *
   * @param timeout delay before the first call, in ms (0 means the next timers phase)
   * @param repeat interval between later calls, in ms; 0 for a one-shot timer
   * @param callback what to run on the loop thread
   * @return this timer
   * @throws IllegalArgumentException if {@code timeout} or {@code repeat} is negative
   * @throws NullPointerException if {@code callback} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public Timer start(long timeout, long repeat, Runnable callback) {
    if (timeout < 0) throw new IllegalArgumentException("timeout must be >= 0 ms, got " + timeout);
    if (repeat < 0) throw new IllegalArgumentException("repeat must be >= 0 ms, got " + repeat);
    Objects.requireNonNull(callback, "callback");
    long p = open();
    this.callback = callback;
    Native.timerStart(p, timeout, repeat);
    return this;
  }

  /**
   * Starts a one-shot timer; same as {@code start(timeout, 0, callback)}.
   *
   * @param timeout delay before the call, in ms (0 means the next timers phase)
   * @param callback what to run on the loop thread
   * @return this timer
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws NullPointerException if {@code callback} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public Timer start(long timeout, Runnable callback) {
    return start(timeout, 0, callback);
  }

  /**
   * Stops the timer; the callback does not run until it is started again. Stopping a stopped
   * timer does nothing.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public void stop() {
    Native.timerStop(open());
  }

  /**
   * Restarts a repeating timer with its repeat interval as the timeout; stops it if the repeat
   * is 0 ({@code uv_timer_again}).
   *
   * @throws IllegalStateException if the timer was never started, is closed, or called from
   *     another thread
   */
  public void again() {
    long p = open();
    if (callback == null) throw new IllegalStateException(this + " was never started");
    // libuv documents that again() stops a one-shot timer, but uv_timer_again leaves it running
    if (Native.timerGetRepeat(p) == 0) {
      Native.timerStop(p);
    } else {
      Native.timerAgain(p);
    }
  }

  /**
   * Sets the repeat interval; it takes effect at the next expiry.
   *
   * @param repeat interval in ms; 0 turns the timer into a one-shot
   * @throws IllegalArgumentException if {@code repeat} is negative
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setRepeat(long repeat) {
    if (repeat < 0) throw new IllegalArgumentException("repeat must be >= 0 ms, got " + repeat);
    Native.timerSetRepeat(open(), repeat);
  }

  /**
   * The repeat interval in ms (0 for a one-shot).
   *
   * @return the interval last set by {@link #start(long, long, Runnable)} or {@link
   *     #setRepeat(long)}
   * @throws IllegalStateException if closed or called from another thread
   */
  public long repeat() {
    return Native.timerGetRepeat(open());
  }

  /**
   * Milliseconds until the timer fires; 0 if it is due or stopped.
   *
   * @return the time left, counted from the loop's cached time ({@link Loop#now()})
   * @throws IllegalStateException if closed or called from another thread
   */
  public long dueIn() {
    long p = open();
    // uv_timer_get_due_in keeps counting down to the old expiry of a stopped timer
    return Native.handleIsActive(p) ? Native.timerGetDueIn(p) : 0;
  }

  @Override
  void fired() {
    callback.run();
  }
}
