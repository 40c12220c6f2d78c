package io.uv4j;

/**
 * A timer made by {@link Loop#setTimeout} or {@link Loop#setInterval}: Node's {@code Timeout}.
 * Timers of equal duration share one list and fire in the order they were started; all of a
 * loop's timers share one libuv timer. Every method must be called on the loop's thread.
 */
public final class Timeout {
  final Scheduler scheduler;
  Runnable callback;
  /** Duration in ms; -1 once cleared. */
  long msecs;
  /** Interval of a repeating timer, else 0. */
  final long repeat;
  long idleStart;
  Timeout prev;
  Timeout next;
  boolean linked;
  boolean destroyed;
  boolean refed = true;

  Timeout(Scheduler scheduler, Runnable callback, long msecs, boolean repeating) {
    this.scheduler = scheduler;
    this.callback = callback;
    this.msecs = msecs;
    this.repeat = repeating ? msecs : 0;
  }

  /**
   * Cancels the timer; a cancelled or fired one-shot timer is left as it is (Node's {@code
   * clearTimeout}). Cancelling works at any time, also once the loop is closing or closed.
   *
   * @throws IllegalStateException if called from another thread
   */
  public void close() {
    scheduler.loop.checkThread();
    scheduler.clear(this);
  }

  /**
   * Starts the timer's duration over from now, keeping its callback; re-arms a one-shot timer
   * that already fired. Does nothing to a cancelled timer.
   *
   * @return this timer
   * @throws IllegalStateException if the loop is closing or closed, or called from another thread
   */
  public Timeout refresh() {
    scheduler.loop.checkUsable();
    scheduler.refresh(this);
    return this;
  }

  /**
   * Lets this timer keep the loop alive (the default).
   *
   * @return this timer
   * @throws IllegalStateException if the loop is closing or closed, or called from another thread
   */
  public Timeout ref() {
    scheduler.loop.checkUsable();
    scheduler.ref(this, true);
    return this;
  }

  /**
   * Stops this timer from keeping the loop alive; it still fires if the loop runs for other
   * reasons.
   *
   * @return this timer
   * @throws IllegalStateException if the loop is closing or closed, or called from another thread
   */
  public Timeout unref() {
    scheduler.loop.checkUsable();
    scheduler.ref(this, false);
    return this;
  }

  /**
   * Whether this timer keeps the loop alive.
   *
   * @return true unless {@link #unref()} was called and no {@link #ref()} since
   * @throws IllegalStateException if called from another thread
   */
  public boolean hasRef() {
    scheduler.loop.checkThread();
    return refed;
  }

  @Override
  public String toString() {
    return (repeat > 0 ? "Interval[" : "Timeout[") + (msecs < 0 ? "cleared]" : msecs + " ms]");
  }
}
