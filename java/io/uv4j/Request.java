package io.uv4j;

import io.uv4j.internal.Native;

/**
 * An in-flight libuv request that reports one status when it completes. The loop's request table
 * holds it until then, so what it references (buffers, callbacks) stays reachable.
 */
class Request extends Peer implements Runnable {
  private final String syscall;
  private final Completion callback;
  private final Promise.Resolver<Void> resolver;
  /** Kept reachable until the request completes: the bytes a write reads from. */
  @SuppressWarnings("unused")
  private final Object keepAlive;
  private int status;
  private int slot;

  Request(Loop loop, String syscall, Completion callback, Promise.Resolver<Void> resolver, Object keepAlive) {
    super(loop);
    this.syscall = syscall;
    this.callback = callback;
    this.resolver = resolver;
    this.keepAlive = keepAlive;
  }

  Request(Loop loop, String syscall, Completion callback, Object keepAlive) {
    this(loop, syscall, callback, null, keepAlive);
  }

  Request(Loop loop, String syscall, Promise.Resolver<Void> resolver, Object keepAlive) {
    this(loop, syscall, null, resolver, keepAlive);
  }

  /** Puts this request in the loop's request table, under the slot returned, for its native side to start. */
  final int takeSlot() {
    slot = loop.requestTable().add(this);
    return slot;
  }

  /** What starting the native side returned; one that did not start (negative) leaves the table. */
  final int started(int result) {
    if (result < 0) loop.requestTable().remove(slot);
    return result;
  }

  @Override
  final void released() {}

  @Override
  String describe(int event) {
    return syscall + " done";
  }

  @Override
  final void onNativeEvent(int event, long arg) throws Exception {
    if (event == Native.EVENT_DONE) complete((int) arg);
  }

  /** Reports an outcome known at once, asynchronously, as a next-tick (as Node's streams do). */
  final void completeLater(int result) {
    if (result >= 0 && callback == null && resolver == null) return;
    status = result;
    loop.enqueueTick(this);
  }

  @Override
  public final void run() {
    try {
      complete(status);
    } catch (Exception e) {
      throw Throwables.sneaky(e);
    }
  }

  /** Delivers the outcome; a failure nobody listens for goes to the uncaught handling. */
  void complete(int result) throws Exception {
    UvException error = result < 0 ? error(result) : null;
    if (resolver != null) {
      resolver.settle(null, error);
    } else if (callback != null) {
      callback.done(error);
    } else if (error != null) {
      throw error;
    }
  }

  UvException error(int result) {
    return new UvException(result, syscall);
  }
}
