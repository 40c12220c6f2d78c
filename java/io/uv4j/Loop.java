package io.uv4j;

import io.uv4j.internal.Native;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A libuv event loop, with Node.js's next-tick and microtask queues on top.
 *
 * <p>A loop belongs to the thread that created it: only that thread may run it or touch its
 * handles, and every method but {@link #execute(Runnable)} throws {@link IllegalStateException}
 * when called from another thread. Every callback runs on that thread through one funnel which,
 * when the outermost callback returns, drains the queues as Node does: all next-ticks, then all
 * microtasks, again while either is non-empty, then reports promise rejections still unhandled.
 *
 * <p>A callback that throws goes to the handler set with {@link
 * #onUncaughtException(UncaughtExceptionHandler)}. With none, the loop stops and {@link #run()}
 * throws the error, as a Node process dies of an uncaught exception.
 */
public final class Loop implements Executor, AutoCloseable {
  /** Receives what a callback threw, or a rejection nobody handled. */
  @FunctionalInterface
  public interface UncaughtExceptionHandler {
    /**
     * @param error what was thrown, or the rejection's reason
     * @param origin where it came from
     */
    void uncaught(Throwable error, ErrorOrigin origin);
  }

  /** Receives a work item's value, or what it threw (exactly one is null, unless the value is). */
  @FunctionalInterface
  public interface WorkCallback<T> {
    /**
     * @param value what the work returned, or {@code null} if it failed
     * @param error what it threw, {@code UvException} {@code ECANCELED} if it was cancelled, or
     *     {@code null} on success
     * @throws Exception anything; it goes to the loop's uncaught-exception handling
     */
    void done(T value, Throwable error) throws Exception;
  }

  /** Receives a promise rejection still unhandled after a drain. */
  @FunctionalInterface
  public interface UnhandledRejectionHandler {
    /**
     * @param reason the rejection's reason
     * @param promise the rejected promise
     */
    void unhandled(Throwable reason, Promise<?> promise);
  }

  private static final int SUBMITTED_BATCH = 1024;
  /** Every read without a buffer of its own fills this slab from the start (libuv asks 64 KiB). */
  private static final int READ_SLAB_SIZE = 64 << 10;

  private final Thread owner;
  private long ptr;
  private boolean closing;
  private boolean running;
  private boolean insideUvRun;
  private boolean stopRequested;
  private int depth;
  private Throwable fatal;
  private ErrorOrigin fatalOrigin;

  private final ArrayDeque<Runnable> ticks = new ArrayDeque<>();
  private final ArrayDeque<Runnable> microtasks = new ArrayDeque<>();
  private final ArrayList<Promise<?>> unhandledRejections = new ArrayList<>();
  private UncaughtExceptionHandler uncaughtHandler;
  private UnhandledRejectionHandler rejectionHandler;

  private ByteBuffer readSlab;
  private Fs fs;
  /** Requests in flight that libuv could still cancel; close() cancels them. */
  private final Set<Cancelable> cancelables = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Completions other threads will deliver through execute(); while any, the loop stays alive. */
  private int awaitedCompletions;

  private final ConcurrentLinkedQueue<Runnable> submitted = new ConcurrentLinkedQueue<>();
  private final Async wakeup;

  private Loop() throws UvException {
    Native.ensureLoaded();
    owner = Thread.currentThread();
    long p = Native.loopNew();
    if (p < 0) throw new UvException((int) p, "uv_loop_init");
    ptr = p;
    try {
      wakeup = new Async(this, this::runSubmitted, true);
    } catch (UvException e) {
      Native.loopClose(ptr);
      ptr = 0;
      throw e;
    }
    wakeup.unref();
  }

  /**
   * Creates a loop owned by the calling thread.
   *
   * @return the new loop
   * @throws UvException if libuv cannot create one (for example, out of file descriptors)
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static Loop create() throws UvException {
    return new Loop();
  }

  // --- running ------------------------------------------------------------------------------

  /**
   * Runs until no referenced handle or request is left (or {@link #stop()}); same as {@code
   * run(RunMode.DEFAULT)}.
   *
   * @return whether the loop still has work
   * @throws IllegalStateException if closed, called from another thread, or from inside a
   *     callback of this loop
   * @throws RuntimeException an error a callback threw with no uncaught-exception handler
   *     installed (a checked one wrapped in {@link UncaughtException})
   */
  public boolean run() {
    return run(RunMode.DEFAULT);
  }

  /**
   * Runs the loop in the given mode. The queues are drained first, as Node drains them when its
   * main script returns. Tasks from {@link #execute(Runnable)} keep a {@code DEFAULT} run going
   * until they have run.
   *
   * @param mode how far to run
   * @return whether the loop still has work (referenced handles or requests, or tasks submitted
   *     by other threads)
   * @throws NullPointerException if {@code mode} is null
   * @throws IllegalStateException if closed, called from another thread, or from inside a
   *     callback of this loop
   * @throws RuntimeException an error a callback threw with no uncaught-exception handler
   *     installed (a checked one wrapped in {@link UncaughtException})
   */
  public boolean run(RunMode mode) {
    Objects.requireNonNull(mode, "mode");
    checkOpen();
    if (running) throw new IllegalStateException("run() called from inside a callback of " + this);
    running = true;
    stopRequested = false;
    try {
      drain();
      throwIfFatal();
      boolean alive;
      while (true) {
        alive = uvRun(mode);
        throwIfFatal();
        if (mode != RunMode.DEFAULT || stopRequested || submitted.isEmpty()) break;
        runSubmitted();
        throwIfFatal();
      }
      return alive || !submitted.isEmpty();
    } finally {
      running = false;
    }
  }

  /**
   * Makes {@link #run()} return at the end of the current iteration.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public void stop() {
    checkOpen();
    stopRequested = true;
    Native.loopStop(ptr);
  }

  /**
   * Whether the loop has referenced active handles or requests, or tasks submitted by other
   * threads.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public boolean isAlive() {
    checkOpen();
    return Native.loopAlive(ptr) || !submitted.isEmpty();
  }

  /**
   * Whether {@link #run()} is executing on this loop right now; false once the loop is closed.
   *
   * @throws IllegalStateException if called from another thread
   */
  public boolean isRunning() {
    checkThread();
    return running;
  }

  /**
   * The loop's cached time in milliseconds, updated at the start of each iteration.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public long now() {
    checkOpen();
    return Native.loopNow(ptr);
  }

  /**
   * Refreshes the cached time from the clock.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public void updateTime() {
    checkOpen();
    Native.loopUpdateTime(ptr);
  }

  /**
   * The epoll/kqueue descriptor libuv polls, or -1 where there is none (Windows).
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public int backendFd() {
    checkOpen();
    return Native.loopBackendFd(ptr);
  }

  /**
   * How long the next poll would block, in milliseconds, or -1 for no limit.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public int backendTimeout() {
    checkOpen();
    return Native.loopBackendTimeout(ptr);
  }

  /**
   * Starts counting the time the loop spends waiting in the poll phase ({@code
   * UV_METRICS_IDLE_TIME}); read it with {@link #idleTime()}.
   *
   * @throws UvException if the platform cannot measure it
   * @throws IllegalStateException if closed or called from another thread
   */
  public void enableIdleTimeMetrics() throws UvException {
    checkOpen();
    UvException.check(Native.loopEnableIdleTimeMetrics(ptr), "uv_loop_configure");
  }

  /**
   * Time spent waiting for events since {@link #enableIdleTimeMetrics()}; zero before.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public Duration idleTime() {
    checkOpen();
    return Duration.ofNanos(Native.loopIdleTime(ptr));
  }

  /**
   * libuv's loop counters ({@code uv_metrics_info}).
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public LoopMetrics metrics() {
    checkOpen();
    long[] values = new long[3];
    int rc = Native.loopMetricsInfo(ptr, values);
    if (rc < 0) throw new IllegalStateException(new UvException(rc, "uv_metrics_info"));
    return new LoopMetrics(values[0], values[1], values[2]);
  }

  /**
   * The handles of this loop that are open (not closing), in libuv's order; the loop's own
   * internal handles are left out.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public List<Handle> handles() {
    checkOpen();
    List<Handle> open = new ArrayList<>();
    for (Object peer : Native.loopWalk(ptr)) {
      Handle handle = (Handle) peer;
      if (!handle.isClosing() && !handle.isInternal()) open.add(handle);
    }
    return open;
  }

  // --- queues -------------------------------------------------------------------------------

  /**
   * Queues {@code task} to run after the current callback returns, before any microtask and
   * before the loop goes on (Node's {@code process.nextTick}).
   *
   * @param task what to run
   * @throws NullPointerException if {@code task} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public void nextTick(Runnable task) {
    Objects.requireNonNull(task, "task");
    checkOpen();
    ticks.add(task);
  }

  /**
   * Queues {@code task} on the microtask queue, the queue promise reactions use, which runs once
   * the next-tick queue is empty (Node's {@code queueMicrotask}).
   *
   * @param task what to run
   * @throws NullPointerException if {@code task} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public void queueMicrotask(Runnable task) {
    Objects.requireNonNull(task, "task");
    checkOpen();
    microtasks.add(task);
  }

  /**
   * Submits {@code task} from any thread to run on the loop thread. Tasks run in the order they
   * were submitted (per submitting thread), each as a callback of its own, and keep {@link
   * #run()} going until they have run.
   *
   * @param task what to run
   * @throws NullPointerException if {@code task} is null
   * @throws RejectedExecutionException if the loop is closing or closed
   */
  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (!wakeup.trySend(() -> submitted.add(task))) {
      throw new RejectedExecutionException(this + " is closed; task not accepted: " + task);
    }
  }

  /**
   * Sets the handler for errors callbacks throw (Node's {@code uncaughtException}); {@code null}
   * restores the default, which stops the loop and makes {@link #run()} throw.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public void onUncaughtException(UncaughtExceptionHandler handler) {
    checkOpen();
    uncaughtHandler = handler;
  }

  /**
   * Sets the handler for promise rejections still unhandled after a drain (Node's {@code
   * unhandledRejection}); {@code null} restores the default, which treats them as uncaught
   * exceptions.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public void onUnhandledRejection(UnhandledRejectionHandler handler) {
    checkOpen();
    rejectionHandler = handler;
  }

  /**
   * A new pending promise of this loop, and the resolver that settles it.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public <T> Promise.Resolver<T> promise() {
    return Promise.pending(this);
  }

  /**
   * Runs {@code work} on one of libuv's pool threads (attached to the JVM once, as daemon
   * threads named {@code uv4j-pool-N}); {@code callback} gets its value or what it threw on the
   * loop thread. The pool is shared with file-system operations and DNS lookups; its size is
   * libuv's, set by the {@code UV_THREADPOOL_SIZE} environment variable (default 4, at most
   * 1024) before the first use in the process.
   *
   * @return lets the work be cancelled while it waits for a pool thread ({@code ECANCELED})
   * @throws NullPointerException if an argument is null
   * @throws UvException if libuv refuses the work
   * @throws IllegalStateException if closed or closing, or called from another thread
   */
  public <T> Cancelable queueWork(Callable<T> work, WorkCallback<T> callback) throws UvException {
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(callback, "callback");
    Work<T> item = new Work<>(this, work, callback, null);
    item.start(checkUsable());
    return item;
  }

  /**
   * Runs {@code work} on libuv's thread pool; see {@link #queueWork(Callable, WorkCallback)}.
   *
   * @return fulfilled with what the work returned, rejected with what it threw
   * @throws NullPointerException if {@code work} is null
   * @throws UvException if libuv refuses the work
   * @throws IllegalStateException if closed or closing, or called from another thread
   */
  public <T> Promise<T> queueWork(Callable<T> work) throws UvException {
    Objects.requireNonNull(work, "work");
    long p = checkUsable();
    Promise.Resolver<T> resolver = promise();
    new Work<>(this, work, null, resolver).start(p);
    return resolver.promise();
  }

  /**
   * This loop's file-system operations (callback and Promise forms; the sync forms are static
   * on {@link Fs}).
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public Fs fs() {
    checkOpen();
    if (fs == null) fs = new Fs(this);
    return fs;
  }

  // --- closing ------------------------------------------------------------------------------

  /**
   * Closes the loop: runs tasks already submitted, closes every handle, cancels requests still
   * waiting for the thread pool (they complete with {@code ECANCELED}), runs the loop until every
   * close callback and completion has run, then frees it. Callbacks that run during this teardown cannot
   * start new work ({@link IllegalStateException}). Closing a closed loop does nothing.
   *
   * @throws IllegalStateException if called from another thread or from inside a callback of
   *     this loop
   * @throws RuntimeException an error a callback threw during the teardown with no handler
   *     installed
   */
  @Override
  public void close() {
    checkThread();
    if (ptr == 0) return;
    if (running) throw new IllegalStateException("close() called from inside a callback of " + this);
    wakeup.close();
    running = true;
    try {
      while (!submitted.isEmpty() && fatal == null) runSubmitted();
      closing = true;
      for (Object peer : Native.loopWalk(ptr)) ((Handle) peer).closeForTeardown();
      for (Cancelable request : new ArrayList<>(cancelables)) request.cancel();
      while (uvRun(RunMode.DEFAULT)) {
        // a closing loop only finishes what is pending
      }
      drain();
      int rc = Native.loopClose(ptr);
      if (rc < 0) throw new IllegalStateException(new UvException(rc, "uv_loop_close"));
      ptr = 0;
    } finally {
      running = false;
    }
    throwIfFatal();
  }

  /**
   * Whether {@link #close()} has completed.
   *
   * @throws IllegalStateException if called from another thread
   */
  public boolean isClosed() {
    checkThread();
    return ptr == 0;
  }

  @Override
  public String toString() {
    return "Loop[" + owner.getName() + (ptr == 0 ? ", closed]" : "]");
  }

  // --- package-private plumbing ---------------------------------------------------------------

  long pointer() {
    return ptr;
  }

  private boolean uvRun(RunMode mode) {
    insideUvRun = true;
    try {
      return Native.loopRun(ptr, mode.code) != 0;
    } finally {
      insideUvRun = false;
    }
  }

  /** Throws unless called on the owning thread. */
  void checkThread() {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          this + " belongs to thread '" + owner.getName() + "' but was called from thread '"
              + Thread.currentThread().getName() + "'; use execute() to reach it");
    }
  }

  /** Throws unless called on the owning thread of an open loop. */
  void checkOpen() {
    checkThread();
    if (ptr == 0) throw new IllegalStateException(this + " is closed");
  }

  /** Throws unless new native work may start: owning thread, loop open and not closing. */
  long checkUsable() {
    checkOpen();
    if (closing) throw new IllegalStateException(this + " is closing; no new work may start");
    return ptr;
  }

  /** Whether close() is tearing the loop down, when no new work may start. */
  boolean isTearingDown() {
    return closing;
  }

  /** Remembers a cancellable request until it completes, so that close() can cancel it. */
  void inFlight(Cancelable request) {
    cancelables.add(request);
  }

  void completed(Cancelable request) {
    cancelables.remove(request);
  }

  /** Keeps the loop alive until the matching {@link #completionArrived()}. */
  void awaitCompletion() {
    if (awaitedCompletions++ == 0) wakeup.ref();
  }

  void completionArrived() {
    if (--awaitedCompletions == 0) wakeup.unref();
  }

  /**
   * Installs the read slab when the first stream is made. Checks the thread and the loop first:
   * stream constructors call this before their own checks, and the slab is native loop state.
   */
  void ensureReadSlab() {
    checkUsable();
    if (readSlab == null) installReadSlab();
  }

  private void installReadSlab() {
    readSlab = ByteBuffer.allocateDirect(READ_SLAB_SIZE);
    Native.loopSetReadSlab(ptr, readSlab);
  }

  /**
   * The slab holding the {@code length} bytes a read just put there. The same buffer serves
   * every read, so one kept past its callback goes stale, but it never points at freed memory;
   * a write of it that has to wait is copied first (see native/stream.c).
   */
  ByteBuffer readView(int length) {
    readSlab.limit(length).position(0);
    return readSlab;
  }

  void enqueueTick(Runnable task) {
    ticks.add(task);
  }

  void enqueueMicrotask(Runnable task) {
    microtasks.add(task);
  }

  void rejectedWithoutHandler(Promise<?> promise) {
    unhandledRejections.add(promise);
  }

  /** A pool thread runs a work item's callable here (called from native code). */
  @SuppressWarnings("unused")
  private static void poolWork(Peer work) {
    ((Work<?>) work).runOnPool();
  }

  /** The funnel: every upcall from C enters Java here. */
  @SuppressWarnings("unused") // called from native code
  private static void upcall(Peer target, int event, long arg) {
    target.loop.dispatch(target, event, arg);
  }

  private void dispatch(Peer target, int event, long arg) {
    if (event == Native.EVENT_CLOSED) target.released();
    if (fatal != null) {
      target.suppressed(event, arg);
      return;
    }
    depth++;
    try {
      target.onNativeEvent(event, arg);
    } catch (Throwable t) {
      uncaught(t, ErrorOrigin.UNCAUGHT_EXCEPTION);
    } finally {
      depth--;
    }
    if (depth == 0) drain();
  }

  /** Runs a Java-originated callback in its own scope, exactly as an upcall runs. */
  void invoke(Runnable callback) {
    if (fatal != null) return;
    depth++;
    try {
      callback.run();
    } catch (Throwable t) {
      uncaught(t, ErrorOrigin.UNCAUGHT_EXCEPTION);
    } finally {
      depth--;
    }
    if (depth == 0) drain();
  }

  /** Node's processTicksAndRejections, run when the outermost callback returns. */
  private void drain() {
    // after an unhandled error nothing more runs in this run(), as Node's process would die
    if (fatal != null) return;
    if (ticks.isEmpty() && microtasks.isEmpty() && unhandledRejections.isEmpty()) return;
    depth++;
    try {
      do {
        Runnable tick;
        while ((tick = ticks.poll()) != null) {
          if (!runQueued(tick)) return;
        }
        Runnable microtask;
        while ((microtask = microtasks.poll()) != null) {
          if (!runQueued(microtask)) return;
        }
      } while (!ticks.isEmpty() || reportUnhandledRejections());
    } finally {
      depth--;
    }
  }

  /** Runs one queued task; false if an error made the loop stop. */
  private boolean runQueued(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      uncaught(t, ErrorOrigin.UNCAUGHT_EXCEPTION);
    }
    return fatal == null;
  }

  /** Reports rejections still unhandled; true if there were any (their handlers may queue work). */
  private boolean reportUnhandledRejections() {
    if (unhandledRejections.isEmpty()) return false;
    List<Promise<?>> pending = new ArrayList<>(unhandledRejections);
    unhandledRejections.clear();
    for (Promise<?> promise : pending) {
      if (!promise.reportUnhandled()) continue;
      Throwable reason = promise.reason();
      UnhandledRejectionHandler handler = rejectionHandler;
      if (handler == null) {
        uncaught(reason, ErrorOrigin.UNHANDLED_REJECTION);
      } else {
        try {
          handler.unhandled(reason, promise);
        } catch (Throwable t) {
          uncaught(t, ErrorOrigin.UNCAUGHT_EXCEPTION);
        }
      }
      if (fatal != null) return false;
    }
    return true;
  }

  private void uncaught(Throwable error, ErrorOrigin origin) {
    UncaughtExceptionHandler handler = uncaughtHandler;
    if (handler != null) {
      try {
        handler.uncaught(error, origin);
        return;
      } catch (Throwable fromHandler) {
        fromHandler.addSuppressed(error);
        error = fromHandler;
        origin = ErrorOrigin.UNCAUGHT_EXCEPTION;
      }
    }
    if (fatal == null) {
      fatal = error;
      fatalOrigin = origin;
    }
    // Outside uv_run the stop flag would linger and cut the next run() short.
    if (insideUvRun) Native.loopStop(ptr);
  }

  private void throwIfFatal() {
    Throwable error = fatal;
    if (error == null) return;
    ErrorOrigin origin = fatalOrigin;
    fatal = null;
    fatalOrigin = null;
    if (origin == ErrorOrigin.UNHANDLED_REJECTION) throw new UncaughtException(error, origin);
    if (error instanceof RuntimeException) throw (RuntimeException) error;
    if (error instanceof Error) throw (Error) error;
    throw new UncaughtException(error, origin);
  }

  /**
   * Runs tasks other threads submitted, a bounded batch at a time so I/O is not starved. Each
   * task is an outermost callback of its own, drained after it, even when the batch itself runs
   * inside the wakeup handle's callback.
   */
  private void runSubmitted() {
    int outer = depth;
    depth = 0;
    try {
      for (int i = 0; i < SUBMITTED_BATCH && fatal == null; i++) {
        Runnable task = submitted.poll();
        if (task == null) return;
        invoke(task);
      }
    } finally {
      depth = outer;
    }
    if (!submitted.isEmpty()) wakeup.trySend(null);
  }
}
