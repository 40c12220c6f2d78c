package io.uv4j;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;

/**
 * A loop's promise rejections waiting to be reported, as Node's {@code processPromiseRejections}
 * reports them at the end of each drain: first the rejections handled late ({@link
 * LoopEvent#REJECTION_HANDLED}), then those still unhandled, as the loop's {@link RejectionMode}
 * says. Each rejection without a handler when it happens takes the next rejection id, which the
 * warnings quote.
 */
final class Rejections {
  private static final String UNHANDLED_WARNING = "UnhandledPromiseRejectionWarning";
  /** Node's sentence on where an unhandled rejection comes from, in its warning and its error. */
  static final String ORIGIN = "This error originated either by throwing inside of an async function without a catch"
      + " block, or by rejecting a promise which was not handled with .catch().";

  private final Loop loop;
  private final Dispatcher dispatcher;
  /** Rejected with no handler, not reported yet; some may have got one since. */
  private ArrayDeque<Promise<?>> unreported = new ArrayDeque<>();
  /** The rejections being reported, taken from {@link #unreported} as a whole. */
  private ArrayDeque<Promise<?>> batch = new ArrayDeque<>();
  /** Reported as unhandled, then handled: to be told to the rejectionHandled listeners. */
  private final ArrayDeque<Promise<?>> handledLate = new ArrayDeque<>();
  private int lastRejectionId;
  private RejectionMode mode = RejectionMode.THROW;

  Rejections(Loop loop, Dispatcher dispatcher) {
    this.loop = loop;
    this.dispatcher = dispatcher;
  }

  RejectionMode mode() {
    return mode;
  }

  void setMode(RejectionMode mode) {
    this.mode = mode;
  }

  /** A promise was rejected with no handler: it takes an id and waits for the end of the drain. */
  void rejectedWithoutHandler(Promise<?> promise) {
    promise.rejectionId = ++lastRejectionId;
    unreported.add(promise);
  }

  /** A promise reported as an unhandled rejection got a handler. */
  void handledAfterReport(Promise<?> promise) {
    handledLate.add(promise);
  }

  boolean isEmpty() {
    return unreported.isEmpty() && handledLate.isEmpty();
  }

  /**
   * Reports what waits, as Node v20 does: the late-handled ones one at a time, so that those after
   * a listener that throws wait for the next drain; then every rejection still unhandled, taken as
   * one batch. A rejection the listeners cause waits for the next round, after the ticks and
   * microtasks, which may handle it; one of the batch that a listener handles is still reported;
   * and those after a listener that throws are never reported. What a listener throws reaches the
   * caller.
   *
   * @return whether anything was reported: listeners or warnings may have queued work
   */
  boolean report() {
    boolean reported = !handledLate.isEmpty();
    Promise<?> promise;
    while (dispatcher.acceptsCallbacks() && (promise = handledLate.poll()) != null) {
      Promise<?> handled = promise;
      boolean listened = loop.listeners.of(LoopEvent.REJECTION_HANDLED).emit(l -> l.accept(handled));
      if (!listened) {
        loop.warnings.emit(new Warning("PromiseRejectionHandledWarning",
            "Promise rejection was handled asynchronously (rejection id: " + handled.rejectionId + ")"));
      }
    }
    ArrayDeque<Promise<?>> taken = unreported;
    unreported = batch;
    batch = taken;
    taken.removeIf(Promise::isHandled);
    try {
      while (dispatcher.acceptsCallbacks() && (promise = taken.poll()) != null) {
        reported = true;
        promise.reportedUnhandled = true;
        reportUnhandled(promise);
      }
    } finally {
      taken.clear();
    }
    return reported || !unreported.isEmpty();
  }

  private void reportUnhandled(Promise<?> promise) {
    Throwable reason = promise.reason();
    switch (mode) {
      case THROW:
        if (!tellListeners(reason, promise)) dispatcher.uncaught(asError(reason), ErrorOrigin.UNHANDLED_REJECTION);
        break;
      case STRICT:
        dispatcher.uncaught(asError(reason), ErrorOrigin.UNHANDLED_REJECTION);
        if (dispatcher.acceptsCallbacks() && !tellListeners(reason, promise)) warn(promise.rejectionId, reason);
        break;
      case WARN:
        tellListeners(reason, promise);
        warn(promise.rejectionId, reason);
        break;
      case NONE:
        tellListeners(reason, promise);
        break;
      case WARN_WITH_ERROR_CODE:
        if (!tellListeners(reason, promise)) {
          warn(promise.rejectionId, reason);
          loop.setExitCode(1);
        }
        break;
    }
  }

  /** Tells the unhandledRejection listeners; false if there were none. */
  private boolean tellListeners(Throwable reason, Promise<?> promise) {
    return loop.listeners.of(LoopEvent.UNHANDLED_REJECTION).emit(l -> l.unhandled(reason, promise));
  }

  /** What the uncaught-exception listeners get: a value reason is wrapped, as Node wraps one. */
  private static Throwable asError(Throwable reason) {
    return reason instanceof RejectionValue ? UncaughtException.ofRejectedValue((RejectionValue) reason) : reason;
  }

  /**
   * Node's two warnings: the reason, then what happened and the rejection's id. A reason whose
   * description throws is left out of the first, as Node leaves it.
   */
  private void warn(int rejectionId, Throwable reason) {
    String described = describe(reason);
    if (described != null) loop.warnings.emit(new Warning(UNHANDLED_WARNING, described));
    loop.warnings.emit(new Warning(UNHANDLED_WARNING,
        "Unhandled promise rejection. " + ORIGIN + " To end the run on an unhandled promise rejection, use"
            + " RejectionMode.STRICT (see Loop.setRejectionMode). (rejection id: " + rejectionId + ")"));
  }

  /** A value reason's value, else the reason's stack trace; null if describing it throws. */
  private static String describe(Throwable reason) {
    try {
      if (reason instanceof RejectionValue) return reason.getMessage();
      StringWriter trace = new StringWriter();
      reason.printStackTrace(new PrintWriter(trace));
      return trace.toString().stripTrailing();
    } catch (RuntimeException fromToString) {
      return null;
    }
  }
}
