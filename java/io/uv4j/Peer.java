package io.uv4j;

import io.uv4j.internal.Native;

/**
 * A Java object with a native twin (a handle or a request): the target of every upcall. While the
 * twin lives, the native side holds a global reference to a handle; the loop's {@link
 * RequestTable} holds every request.
 */
abstract class Peer {
  final Loop loop;
  /** Links in the loop's list of cancellable requests in flight. */
  Peer inFlightPrev;
  Peer inFlightNext;
  boolean inFlight;

  Peer(Loop loop) {
    this.loop = loop;
  }

  /**
   * The native twin is freed once this upcall (a handle's EVENT_CLOSED, a request's EVENT_DONE)
   * returns: forget it. Runs first, before anything that can throw, and even when user callbacks
   * are suppressed.
   */
  abstract void released();

  /**
   * Whether this peer's events still run while an unhandled error or an exit stops callbacks:
   * true only for the library's own continuations, which then report nothing to user code.
   */
  boolean runsWhenStopped() {
    return false;
  }

  /**
   * An event arrived while an unhandled error stops every callback: keep the bookkeeping that
   * later events rely on, run no user code.
   */
  void suppressed(int event, long arg) {}

  /** Whether a tracer hears of this peer's callbacks (the loop's own handles stay quiet). */
  boolean traceable() {
    return true;
  }

  /** The loop phase an event's callback runs in, for tracing. */
  LoopTracer.Phase phase(int event) {
    return event == Native.EVENT_CLOSED ? LoopTracer.Phase.CLOSING : LoopTracer.Phase.POLL;
  }

  /** What an event's callback is, for tracing. */
  String describe(int event) {
    String kind = getClass().getSimpleName();
    if (event == Native.EVENT_CLOSED) return kind + " close";
    if (event == Native.EVENT_READ) return kind + " read";
    if (event == Native.EVENT_WRITTEN) return kind + " write done";
    if (event == Native.EVENT_CONNECTION) return kind + " connection";
    if (event == Native.EVENT_DONE) return kind + " done";
    return kind;
  }

  /** Reacts to one event from the native twin; runs inside the funnel. */
  abstract void onNativeEvent(int event, long arg) throws Throwable;
}
