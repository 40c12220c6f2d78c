package io.uv4j;

/**
 * A Java object with a native twin (a handle or a request): the target of every upcall. The
 * native side holds a global reference to it while the twin lives.
 */
abstract class Peer {
  final Loop loop;

  Peer(Loop loop) {
    this.loop = loop;
  }

  /** The native twin is gone: drop the pointer. Runs even when user callbacks are suppressed. */
  abstract void released();

  /**
   * An event arrived while an unhandled error stops every callback: keep the bookkeeping that
   * later events rely on, run no user code.
   */
  void suppressed(int event, long arg) {}

  /** Reacts to one event from the native twin; runs inside the funnel. */
  abstract void onNativeEvent(int event, long arg) throws Throwable;
}
