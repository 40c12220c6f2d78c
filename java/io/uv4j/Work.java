package io.uv4j;

import io.uv4j.internal.Native;
import java.util.concurrent.Callable;

/** A callable on libuv's thread pool; its outcome comes back on the loop thread. */
final class Work<T> extends Peer implements Cancelable {
  private final Callable<T> callable;
  private final Loop.WorkCallback<T> callback;
  private final Promise.Resolver<T> resolver;
  /** Names the native request to cancel it; 0 once its completion has started. */
  private long token;
  private boolean cancelled;
  // written on a pool thread, read on the loop thread after libuv's completion handoff
  private volatile boolean ran;
  private volatile T value;
  private volatile Throwable thrown;
  /** What the tracer threw on the pool thread, reported when the work completes. */
  private volatile Throwable tracerThrown;

  Work(Loop loop, Callable<T> callable, Loop.WorkCallback<T> callback, Promise.Resolver<T> resolver) {
    super(loop);
    this.callable = callable;
    this.callback = callback;
    this.resolver = resolver;
  }

  void start(long loopPtr) throws UvException {
    ThreadPool.using();
    long rc = Native.workQueue(loopPtr, this);
    if (rc < 0) throw new UvException((int) rc, "uv_queue_work");
    token = rc;
    loop.inFlight(this);
  }

  /** On a pool thread: runs the callable, keeping whatever it returns or throws. */
  void runOnPool() {
    LoopTracer watching = loop.tracer();
    if (watching != null) tracerThrown = Loop.callUser(() -> watching.poolWorkStarted("queueWork"));
    try {
      value = callable.call();
    } catch (Throwable t) {
      thrown = t;
    }
    ran = true;
    if (watching != null && tracerThrown == null) tracerThrown = Loop.callUser(() -> watching.poolWorkEnded("queueWork"));
  }


  @Override
  public boolean cancel() {
    loop.checkThread();
    // libuv reports a second cancel of the same request as a success
    if (cancelled) return false;
    cancelled = loop.cancelRequest(token);
    return cancelled;
  }

  @Override
  void released() {
    token = 0;
    loop.completed(this);
  }

  @Override
  String describe(int event) {
    return "queueWork done";
  }

  @Override
  void onNativeEvent(int event, long arg) throws Exception {
    if (tracerThrown != null) loop.reportThrown(tracerThrown);
    Throwable error;
    if (arg < 0) error = new UvException((int) arg, "uv_queue_work");
    else if (!ran) error = new IllegalStateException("the pool thread could not run Java code (JVM attach failed)");
    else error = thrown;
    if (resolver != null) {
      if (error == null) resolver.resolve(value);
      else resolver.reject(error);
    } else {
      callback.done(error == null ? value : null, error);
    }
  }
}
