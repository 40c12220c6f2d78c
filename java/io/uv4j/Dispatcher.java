package io.uv4j;

import io.uv4j.internal.Native;

/**
 * A loop's callback funnel: every upcall from C and every callback Java starts runs here, in a
 * scope that catches what it throws and, when the outermost scope returns, drains the loop's
 * queues. It keeps the first error no handler took, which stops every later callback until
 * {@link Loop#run()} rethrows it, and an exit request, which stops them too; and it tells the
 * loop's tracer of phases and callbacks.
 */
final class Dispatcher {
  /** The empty immediate queued once a listener took an error. */
  private static final Runnable NOTHING = () -> {};

  private final Loop loop;
  /** How many callback scopes are open, nested; the queues drain when the last one closes. */
  int depth;
  /** The first error no handler took, and where it came from; null while there is none. */
  Throwable fatal;
  ErrorOrigin fatalOrigin;
  /**
   * An exit was asked for (see {@link ProcessLifecycle}) and not honoured yet; like a fatal error,
   * it stops every user callback. Kept here, beside the error, because every callback checks both.
   */
  boolean exitRequested;
  /**
   * The exit listeners are being told: an exit now ends the telling where it is, and the loop
   * will not run again.
   */
  boolean exiting;
  /**
   * The fatal error is what an uncaught-exception listener threw: {@link Loop#runToCompletion()}
   * then ends as Node does when its handler throws, with status 7 and no exit listeners. Set with
   * each fatal error, so it speaks of the latest one.
   */
  boolean fatalFromHandler;
  private volatile LoopTracer tracer;
  private LoopTracer.Phase tracedPhase;
  /** While tracing: mark the poll phase's start (prepare runs right before it) and end. */
  private Prepare beforePoll;
  private Check afterPoll;

  Dispatcher(Loop loop) {
    this.loop = loop;
  }

  /** Whether user callbacks may run: no unhandled error and no exit is pending. */
  boolean acceptsCallbacks() {
    return fatal == null && !exitRequested;
  }

  /** Delivers one upcall from C to its peer, as an outermost callback unless one is running. */
  void dispatch(Peer target, int event, long arg) {
    if (event == Native.EVENT_CLOSED || event == Native.EVENT_DONE) target.released();
    if (!acceptsCallbacks() && !target.runsWhenStopped()) {
      target.suppressed(event, arg);
      return;
    }
    if (tracer != null) {
      traced(target, event, arg);
      return;
    }
    depth++;
    try {
      target.onNativeEvent(event, arg);
    } catch (Throwable t) {
      reportThrown(t);
    } finally {
      depth--;
    }
    if (depth == 0) loop.tasks.drain();
  }

  /** dispatch() with the tracer told of the phase, the callback and the drain after it. */
  private void traced(Peer target, int event, long arg) {
    LoopTracer.Phase phase = target.phase(event);
    String what = target.traceable() ? target.describe(event) : null;
    depth++;
    Throwable fromTracer = null;
    // every call comes after the try, whose finally undoes depth++ even on a stack overflow
    try {
      fromTracer = callUser(() -> {
        enterPhase(phase);
        if (what != null) tracer.callbackStarted(phase, what);
      });
      target.onNativeEvent(event, arg);
    } catch (Throwable t) {
      reportThrown(t);
    } finally {
      reportTracerError(fromTracer);
      LoopTracer watching = tracer;
      if (what != null && watching != null) reportTracerError(callUser(() -> watching.callbackEnded(phase, what)));
      depth--;
    }
    if (depth == 0) loop.tasks.drain();
  }

  /** Runs a Java-originated callback in its own scope, exactly as an upcall runs. */
  void invoke(Runnable callback) {
    if (!acceptsCallbacks()) return;
    depth++;
    try {
      callback.run();
    } catch (Throwable t) {
      reportThrown(t);
    } finally {
      depth--;
    }
    if (depth == 0) loop.tasks.drain();
  }

  /** Runs one callback; returns what it threw, if anything. */
  static Throwable callUser(Runnable callback) {
    try {
      callback.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  /** Runs one user callback of a timers or immediates pass; returns what it threw, if anything. */
  Throwable callUser(Runnable callback, LoopTracer.Phase phase, Object what) {
    LoopTracer watching = tracer;
    if (watching == null) return callUser(callback);
    String name = what.toString();
    Throwable fromTracer = callUser(() -> watching.callbackStarted(phase, name));
    Throwable thrown = callUser(callback);
    reportTracerError(fromTracer);
    reportTracerError(callUser(() -> watching.callbackEnded(phase, name)));
    return thrown;
  }

  /**
   * Reports what a tracer threw like a callback's error. Tracer calls are guarded one by one, so a
   * tracer that throws never keeps an event from its callback: a completion it was told of still
   * delivers its result (an opened descriptor, bytes read) to the code waiting for it.
   */
  void reportTracerError(Throwable thrown) {
    // with no empty immediate after it: that immediate's tracing could fail again, and so for ever
    if (thrown != null && !(thrown instanceof ProcessLifecycle.ExitSignal)) {
      tell(thrown, ErrorOrigin.UNCAUGHT_EXCEPTION, false);
    }
  }

  /** Reports what a callback threw; an exit request unwinding it is no error. */
  void reportThrown(Throwable thrown) {
    if (!(thrown instanceof ProcessLifecycle.ExitSignal)) uncaught(thrown, ErrorOrigin.UNCAUGHT_EXCEPTION);
  }

  /**
   * Tells the uncaught-exception monitors, then the uncaught-exception listeners, of an error; with
   * no listener, or if one throws, keeps it as fatal. A listener that throws ends the telling: what
   * it threw is the fatal error, with {@code error} suppressed in it.
   */
  void uncaught(Throwable error, ErrorOrigin origin) {
    tell(error, origin, true);
  }

  private void tell(Throwable error, ErrorOrigin origin, boolean drainPointAfter) {
    try {
      loop.listeners.of(LoopEvent.UNCAUGHT_EXCEPTION_MONITOR).emit(l -> l.uncaught(error, origin));
      if (loop.listeners.of(LoopEvent.UNCAUGHT_EXCEPTION).emit(l -> l.uncaught(error, origin))) {
        // as Node's handler does: a drain point comes for what the error left queued, and a loop
        // about to run out of work turns once more (so before-exit listeners are told again)
        if (drainPointAfter && !exiting && !loop.isTearingDown()) loop.scheduler().setImmediate(NOTHING);
        return;
      }
      keepFatal(error, origin, false);
    } catch (ProcessLifecycle.ExitSignal exitFromListener) {
      // the listener ended the process: its exit request is pending, and the error taken
    } catch (Throwable fromListener) {
      if (fromListener != error) fromListener.addSuppressed(error);
      keepFatal(fromListener, ErrorOrigin.UNCAUGHT_EXCEPTION, true);
    }
  }

  private void keepFatal(Throwable error, ErrorOrigin origin, boolean fromHandler) {
    if (fatal == null) {
      fatal = error;
      fatalOrigin = origin;
      fatalFromHandler = fromHandler;
    }
    // Outside uv_run the stop flag would linger and cut the next run() short.
    if (loop.insideUvRun) Native.loopStop(loop.pointer());
  }

  /** Throws the fatal error, if any, and forgets it. */
  void throwIfFatal() {
    Throwable error = fatal;
    if (error == null) return;
    ErrorOrigin origin = fatalOrigin;
    fatal = null;
    fatalOrigin = null;
    if (error instanceof UncaughtException) throw (UncaughtException) error;
    if (origin == ErrorOrigin.UNHANDLED_REJECTION) throw new UncaughtException(error, origin);
    if (error instanceof RuntimeException) throw (RuntimeException) error;
    if (error instanceof Error) throw (Error) error;
    throw new UncaughtException(error, origin);
  }

  /** The tracer, read by pool threads for queueWork items. */
  LoopTracer tracer() {
    return tracer;
  }

  /** See {@link Loop#setTracer}; the caller has checked that the loop is usable. */
  void setTracer(LoopTracer tracer) {
    if (tracer != null && beforePoll == null) {
      beforePoll = Handle.internalUnref(new Prepare(loop));
      afterPoll = Handle.internalUnref(new Check(loop));
    }
    if (beforePoll != null) {
      if (tracer != null) {
        beforePoll.start(() -> enterPhase(LoopTracer.Phase.POLL));
        afterPoll.start(() -> enterPhase(LoopTracer.Phase.CHECK));
      } else {
        beforePoll.stop();
        afterPoll.stop();
      }
    }
    LoopTracer previous = this.tracer;
    LoopTracer.Phase left = tracedPhase;
    tracedPhase = null;
    this.tracer = tracer;
    if (previous != null && left != null) previous.phaseLeft(left);
  }

  private void enterPhase(LoopTracer.Phase phase) {
    if (phase == tracedPhase || tracer == null) return;
    if (tracedPhase != null) tracer.phaseLeft(tracedPhase);
    tracedPhase = phase;
    tracer.phaseEntered(phase);
  }
}
