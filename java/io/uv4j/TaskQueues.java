package io.uv4j;

import java.util.ArrayDeque;

/**
 * A loop's queues of work that runs between callbacks, as Node's: the next-tick and microtask
 * queues with the promise rejections left unhandled, drained when the outermost callback
 * returns, and the tasks other threads hand to the loop through {@link Loop#execute(Runnable)},
 * with the wake-up handle that brings the loop thread to them.
 */
final class TaskQueues {
  /** Submitted tasks run per wake-up at most, so that a flood of them does not starve I/O. */
  private static final int SUBMITTED_BATCH = 1024;

  private final Loop loop;
  private final Dispatcher dispatcher;
  private final ArrayDeque<Runnable> ticks = new ArrayDeque<>();
  /** Exit listeners are being told: as in Node, ticks they queue never run. */
  boolean ticksIgnored;
  private final ArrayDeque<Runnable> microtasks = new ArrayDeque<>();
  final Rejections rejections;
  private final SubmittedTasks submitted = new SubmittedTasks(this::sendWakeup);
  private final Async wakeup;
  /** Completions other threads will deliver through execute(); while any, the loop stays alive. */
  private int awaitedCompletions;

  /**
   * Makes the queues of a loop whose native twin and dispatcher exist, with their wake-up handle.
   *
   * @throws UvException if libuv cannot make the wake-up handle
   */
  TaskQueues(Loop loop) throws UvException {
    this.loop = loop;
    dispatcher = loop.dispatcher;
    rejections = new Rejections(loop, dispatcher);
    wakeup = new Async(loop, this::runSubmitted, true);
    wakeup.unref();
  }

  /** Node's process.nextTick. */
  void nextTick(Runnable task) {
    if (!ticksIgnored) ticks.add(task);
  }

  /** Queues a tick of the library's own, which runs even while exit listeners are told. */
  void enqueueTick(Runnable task) {
    ticks.add(task);
  }

  void enqueueMicrotask(Runnable task) {
    microtasks.add(task);
  }

  /** Node's processTicksAndRejections, run when the outermost callback returns. */
  void drain() {
    // after an unhandled error or an exit request nothing more runs, as Node's process would die
    if (!dispatcher.acceptsCallbacks()) return;
    if (ticks.isEmpty() && microtasks.isEmpty() && rejections.isEmpty()) return;
    LoopTracer watching = dispatcher.tracer();
    dispatcher.depth++;
    Throwable fromTracer = null;
    // every call comes after the try, whose finally undoes depth++ even on a stack overflow
    try {
      if (watching != null) fromTracer = Dispatcher.callUser(watching::drainStarted);
      do {
        Runnable tick;
        while ((tick = ticks.poll()) != null) {
          Throwable thrown = Dispatcher.callUser(tick);
          if (thrown != null) {
            // Node leaves the rest queued for the next drain point, which comes once a listener
            // took the error (see Dispatcher.uncaught)
            dispatcher.reportThrown(thrown);
            return;
          }
        }
        Runnable microtask;
        while ((microtask = microtasks.poll()) != null) {
          if (!runQueued(microtask)) return;
        }
      } while (!ticks.isEmpty() || reportRejections());
    } catch (Throwable fromRejectionListener) {
      dispatcher.reportThrown(fromRejectionListener);
    } finally {
      dispatcher.reportTracerError(fromTracer);
      if (watching != null) dispatcher.reportTracerError(Dispatcher.callUser(watching::drainEnded));
      dispatcher.depth--;
    }
  }

  /** Reports the rejections waiting; true if the drain must go round again for what they queued. */
  private boolean reportRejections() {
    return !rejections.isEmpty() && rejections.report() && dispatcher.acceptsCallbacks();
  }

  /** Node's runNextTicks between two timers or immediates; false if callbacks must stop. */
  boolean runNextTicks() {
    drain();
    return dispatcher.acceptsCallbacks();
  }

  /** Runs one queued task; false if an error made the loop stop. */
  private boolean runQueued(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      dispatcher.reportThrown(t);
    }
    return dispatcher.acceptsCallbacks();
  }

  /** Drops every queued tick: they never run once the process is exiting. */
  void discardTicks() {
    ticks.clear();
  }

  /** Drops every queued microtask. */
  void discardMicrotasks() {
    microtasks.clear();
  }

  // --- tasks from other threads -----------------------------------------------------------------

  /** See {@link Loop#execute(Runnable)}; false if the loop is closing and the task will not run. */
  boolean submit(Runnable task) {
    return submitted.submit(task);
  }

  /** Whether tasks other threads submitted wait to run. */
  boolean hasSubmitted() {
    return !submitted.isEmpty();
  }

  /** Wakes the loop again for tasks left queued by a wake-up whose upcall failed before Java ran. */
  void resumeSubmitted() {
    if (!submitted.isEmpty()) submitted.wakeAgain();
  }

  /**
   * Runs tasks other threads submitted, a bounded batch at a time so I/O is not starved. Each
   * task is an outermost callback of its own, drained after it, even when the batch itself runs
   * inside the wakeup handle's callback.
   */
  void runSubmitted() {
    submitted.wakeupReceived();
    int outer = dispatcher.depth;
    dispatcher.depth = 0;
    try {
      for (int i = 0; i < SUBMITTED_BATCH && dispatcher.acceptsCallbacks(); i++) {
        Runnable task = submitted.poll();
        if (task == null) return;
        dispatcher.invoke(task);
      }
    } finally {
      dispatcher.depth = outer;
    }
    if (!submitted.isEmpty()) submitted.wakeAgain();
  }

  /** Wakes the loop from any thread; false once close() has closed the wakeup handle. */
  private boolean sendWakeup() {
    return wakeup.trySend();
  }

  /** close(): refuses every later submission and closes the wake-up handle. */
  void refuseSubmissions() {
    submitted.close();
    wakeup.close();
  }

  /**
   * close(): runs every task execute() accepted, none skipped because an earlier one threw or
   * requested an exit; the first error stays pending with later ones suppressed in it.
   */
  void runEveryAcceptedTask() {
    Throwable first = dispatcher.fatal;
    ErrorOrigin firstOrigin = dispatcher.fatalOrigin;
    boolean exitWasRequested = dispatcher.exitRequested;
    try {
      Runnable task;
      while ((task = submitted.pollAccepted()) != null) {
        dispatcher.fatal = null;
        dispatcher.exitRequested = false;
        dispatcher.invoke(task);
        exitWasRequested |= dispatcher.exitRequested;
        if (dispatcher.fatal == null) continue;
        if (first == null) {
          first = dispatcher.fatal;
          firstOrigin = dispatcher.fatalOrigin;
        } else if (dispatcher.fatal != first) {
          first.addSuppressed(dispatcher.fatal);
        }
      }
    } finally {
      dispatcher.fatal = first;
      dispatcher.fatalOrigin = firstOrigin;
      dispatcher.exitRequested = exitWasRequested;
    }
  }

  /**
   * Keeps the loop alive until the matching {@link #completionArrived()}. Once close() has closed
   * the wakeup handle there is nothing left to keep alive, and the handle refuses ref and unref.
   */
  void awaitCompletion() {
    if (awaitedCompletions++ == 0 && !wakeup.isClosing()) wakeup.ref();
  }

  void completionArrived() {
    if (--awaitedCompletions == 0 && !wakeup.isClosing()) wakeup.unref();
  }
}
