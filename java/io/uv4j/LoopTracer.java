package io.uv4j;

/**
 * Watches a loop at work: which phase of an iteration runs, which callbacks run in it, when the
 * queues drain, and which pool thread runs {@link Loop#queueWork} items. Set with {@link
 * Loop#setTracer}; with none set the loop pays one null check per callback.
 *
 * <p>Every method is called on the loop thread, except the {@code poolWork...} ones, which a pool
 * thread calls (so they must be thread-safe). What one throws is reported like an error a
 * callback threw (to {@link Loop#onUncaughtException}, or {@link Loop#run()} throws it), after the
 * callback it was told of has run: a tracer never keeps an event from its callback. What a {@code
 * poolWork...} method throws is reported on the loop thread when the work completes.
 */
public interface LoopTracer {
  /** The phases of one libuv loop iteration, in order. */
  enum Phase {
    /** Due timers run. */
    TIMERS,
    /** I/O callbacks deferred from the previous iteration run. */
    PENDING,
    /** Idle handles run. */
    IDLE,
    /** Prepare handles run, just before polling. */
    PREPARE,
    /** The loop waits for I/O, then runs I/O callbacks and thread-pool completions. */
    POLL,
    /** Check handles and immediates run, just after polling. */
    CHECK,
    /** Close callbacks run. */
    CLOSING
  }

  /**
   * The loop entered a phase (seen when the phase runs a callback, and around every poll).
   *
   * @param phase the phase now running
   */
  default void phaseEntered(Phase phase) {}

  /**
   * The loop left a phase.
   *
   * @param phase the phase that ended, the one last entered
   */
  default void phaseLeft(Phase phase) {}

  /**
   * A callback is about to run.
   *
   * @param phase the phase it runs in
   * @param what what it is, such as {@code "Tcp read"} or {@code "Timeout 20 ms"}
   */
  default void callbackStarted(Phase phase, String what) {}

  /**
   * The callback started last has returned (or thrown).
   *
   * @param phase the phase it ran in, as {@link #callbackStarted} was told
   * @param what what it is, as {@link #callbackStarted} was told
   */
  default void callbackEnded(Phase phase, String what) {}

  /** The next-tick and microtask queues are about to drain after a callback. */
  default void drainStarted() {}

  /** The queues are empty again. */
  default void drainEnded() {}

  /**
   * On a pool thread: a work item starts running there.
   *
   * @param what what the item is, such as {@code "queueWork"}
   */
  default void poolWorkStarted(String what) {}

  /**
   * On a pool thread: the work item has finished there.
   *
   * @param what what the item is, as {@link #poolWorkStarted} was told
   */
  default void poolWorkEnded(String what) {}
}
