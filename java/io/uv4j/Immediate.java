package io.uv4j;

/**
 * A callback queued by {@link Loop#setImmediate}: Node's {@code Immediate}. It runs in the loop's
 * check phase, right after the poll for I/O; immediates queued while that phase runs wait for the
 * next iteration. Every method must be called on the loop's thread.
 */
public final class Immediate {
  final Scheduler scheduler;
  Runnable callback;
  Immediate prev;
  Immediate next;
  boolean destroyed;
  /** True or false while queued; null once it ran or was cleared, as in Node. */
  Boolean refed = Boolean.TRUE;

  Immediate(Scheduler scheduler, Runnable callback) {
    this.scheduler = scheduler;
    this.callback = callback;
  }

  /**
   * Cancels it if it has not run (Node's {@code clearImmediate}). Cancelling works at any time,
   * also once the loop is closing or closed.
   *
   * @throws IllegalStateException if called from another thread
   */
  public void close() {
    scheduler.loop.checkThread();
    scheduler.clear(this);
  }

  /**
   * Lets it keep the loop alive until it runs (the default).
   *
   * @return this immediate
   * @throws IllegalStateException if the loop is closing or closed, or called from another thread
   */
  public Immediate ref() {
    scheduler.loop.checkUsable();
    scheduler.ref(this, true);
    return this;
  }

  /**
   * Stops it from keeping the loop alive.
   *
   * @return this immediate
   * @throws IllegalStateException if the loop is closing or closed, or called from another thread
   */
  public Immediate unref() {
    scheduler.loop.checkUsable();
    scheduler.ref(this, false);
    return this;
  }

  /**
   * Whether it keeps the loop alive (false once it ran or was cleared).
   *
   * @return true while it waits to run, unless {@link #unref()} was called and no {@link #ref()}
   *     since
   * @throws IllegalStateException if called from another thread
   */
  public boolean hasRef() {
    scheduler.loop.checkThread();
    return Boolean.TRUE.equals(refed);
  }

  @Override
  public String toString() {
    return destroyed ? "Immediate[done]" : "Immediate[queued]";
  }
}
