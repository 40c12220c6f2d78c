package io.uv4j;

import io.uv4j.internal.Native;
import java.util.concurrent.Callable;

/** A callable on libuv's thread pool; its outcome comes back on the loop thread. */
final class Work<T> extends PoolRequest {
  private final Callable<T> callable;
  private final Loop.WorkCallback<T> callback;
  private final Promise.Resolver<T> resolver;
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
    int rc = Native.workQueue(loopPtr, takeSlot());
    if (!started(rc)) throw new UvException(rc, "uv_queue_work");
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
    if (resolver != null) resolver.settle(value, error);
    else callback.done(error == null ? value : null, error);
  }
}
