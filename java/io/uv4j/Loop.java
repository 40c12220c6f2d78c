package io.uv4j;

import io.uv4j.internal.Native;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntConsumer;

/**
 * A libuv event loop, with Node.js's next-tick and microtask queues on top.
 *
 * <p>A loop belongs to the thread that created it: only that thread may run it or touch its
 * handles, and every method but {@link #execute(Runnable)} throws {@link IllegalStateException}
 * when called from another thread. Every callback runs on that thread through one funnel which,
 * when the outermost callback returns, drains the queues as Node does: all next-ticks, then all
 * microtasks, again while either is non-empty, then reports promise rejections still unhandled.
 *
 * <p>A callback that throws goes to the {@link LoopEvent#UNCAUGHT_EXCEPTION} listeners. With none,
 * the loop stops and {@link #run()} throws the error, as a Node process dies of an uncaught
 * exception. The loop's other process events ({@link LoopEvent}) take listeners the same way,
 * with {@link #on(LoopEvent, Object)}, {@link #once(LoopEvent, Object)} and {@link #off(LoopEvent,
 * Object)}.
 */
public final class Loop implements Executor, AutoCloseable {
  /** Receives what a callback threw, or a rejection nobody handled (Node's {@code uncaughtException}). */
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

  /** Receives a promise rejection still unhandled after a drain (Node's {@code unhandledRejection}). */
  @FunctionalInterface
  public interface UnhandledRejectionHandler {
    /**
     * @param reason the rejection's reason: a {@link RejectionValue} as it is, for a value reason
     * @param promise the rejected promise
     */
    void unhandled(Throwable reason, Promise<?> promise);
  }

  /** Receives the loop's warnings (Node's {@code process.on('warning')}). */
  @FunctionalInterface
  public interface WarningListener {
    /**
     * @param warning what the loop warns about
     */
    void warning(Warning warning);
  }

  /** Stack a thread must have left to enter libuv (see requireStackForUpcalls). */
  private static final long STACK_FOR_UPCALLS = 512 << 10;

  private final Thread owner;
  private long ptr;
  private boolean closing;
  /** run(), close() or runToCompletion()'s listeners are under way: run and close are refused. */
  boolean running;
  /** Inside uv_run, where a stop request ends the run at the end of the iteration. */
  boolean insideUvRun;
  private boolean stopRequested;
  /** Whether libuv may make an io_uring for file operations (see {@link #useIoUringSqpoll()}). */
  private boolean ioUringSqpoll;
  private Fs fs;
  private Fs internalFs;
  private Scheduler scheduler;

  /** The listeners of the loop's events, which the parts below tell. */
  final EventListeners listeners = new EventListeners();
  /** What {@link #onUncaughtException} and {@link #onUnhandledRejection} set, to replace it. */
  private UncaughtExceptionHandler uncaughtHandlerSet;
  private UnhandledRejectionHandler rejectionHandlerSet;

  /** The parts the loop's work is split into; the dispatcher and the queues are shared among them. */
  final Dispatcher dispatcher = new Dispatcher(this);
  private final ProcessLifecycle lifecycle = new ProcessLifecycle(this, dispatcher);
  final TaskQueues tasks;
  private final RequestsInFlight requests = new RequestsInFlight();
  private final RequestTable requestTable;
  private final ReadSlab readSlab = new ReadSlab();
  private final UnsettledFutures unsettledFutures = new UnsettledFutures(this);
  final Warnings warnings = new Warnings(this);

  private Loop() throws UvException {
    Native.ensureLoaded();
    owner = Thread.currentThread();
    long p = Native.loopNew();
    if (p < 0) throw new UvException((int) p, "uv_loop_init");
    ptr = p;
    noteDescriptors();
    try {
      requestTable = new RequestTable(this, ptr);
      tasks = new TaskQueues(this);
    } catch (UvException e) {
      Descriptors.releaseAll(this);
      Native.loopClose(ptr);
      ptr = 0;
      throw e;
    }
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
   * @throws RuntimeException an error a callback threw, or a promise rejection left unhandled,
   *     with no {@link LoopEvent#UNCAUGHT_EXCEPTION} listener (a checked one, or a rejection,
   *     wrapped in {@link UncaughtException}); or what such a listener threw, the original
   *     suppressed in it
   * @throws Error an error a callback or a {@link LoopTracer} threw with no such listener, or one
   *     a listener threw
   * @throws StackOverflowError if the calling thread has less than 512 KiB of stack left, before
   *     the loop is entered: the JVM could refuse its callbacks for want of stack, and an event
   *     refused that way would be lost
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
   * @throws RuntimeException an error a callback threw, or a promise rejection left unhandled,
   *     with no {@link LoopEvent#UNCAUGHT_EXCEPTION} listener (a checked one, or a rejection,
   *     wrapped in {@link UncaughtException}); or what such a listener threw, the original
   *     suppressed in it
   * @throws Error an error a callback or a {@link LoopTracer} threw with no such listener, or one
   *     a listener threw
   * @throws StackOverflowError if the calling thread has less than 512 KiB of stack left, before
   *     the loop is entered: the JVM could refuse its callbacks for want of stack, and an event
   *     refused that way would be lost
   */
  public boolean run(RunMode mode) {
    Objects.requireNonNull(mode, "mode");
    checkOpen();
    if (running) throw new IllegalStateException("run() called from inside a callback of " + this);
    running = true;
    // nothing that calls a method comes before the try: a stack overflow there would leave the
    // loop marked as running for good
    try {
      stopRequested = false;
      lifecycle.runStarted();
      // a wakeup whose upcall failed before Java ran (a stack overflow) left its tasks queued
      tasks.resumeSubmitted();
      tasks.drain();
      dispatcher.throwIfFatal();
      boolean alive;
      while (true) {
        alive = uvRun(mode);
        dispatcher.throwIfFatal();
        if (mode != RunMode.DEFAULT || stopRequested || dispatcher.exitRequested || !tasks.hasSubmitted()) break;
        tasks.runSubmitted();
        dispatcher.throwIfFatal();
      }
      return alive || tasks.hasSubmitted();
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
   * @return true if running the loop would have something to do
   * @throws IllegalStateException if closed or called from another thread
   */
  public boolean isAlive() {
    checkOpen();
    return Native.loopAlive(ptr) || tasks.hasSubmitted();
  }

  /**
   * Whether {@link #run()} is executing on this loop right now; false once the loop is closed.
   *
   * @return true while the loop runs, so always inside its callbacks
   * @throws IllegalStateException if called from another thread
   */
  public boolean isRunning() {
    checkThread();
    return running;
  }

  /**
   * The loop's cached time in milliseconds, updated at the start of each iteration.
   *
   * @return milliseconds on a monotonic clock with an arbitrary origin, as timers count them
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
   * @return the descriptor, which stays the loop's: do not close it
   * @throws IllegalStateException if closed or called from another thread
   */
  public int backendFd() {
    checkOpen();
    return Native.loopBackendFd(ptr);
  }

  /**
   * How long the next poll would block, in milliseconds, or -1 for no limit.
   *
   * @return the timeout in milliseconds: 0 if the poll would not block (work is ready, or the
   *     loop has nothing to wait for), -1 if it would wait for I/O with no timer to bound it
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
   * Blocks a signal while the loop waits for events ({@code UV_LOOP_BLOCK_SIGNAL}), so that the
   * wait is not cut short by it. libuv allows only {@code SIGPROF}, which sampling profilers send
   * often; applies from the next wait on.
   *
   * @param signum the signal's number on this platform; only SIGPROF's is accepted
   * @throws IllegalArgumentException if {@code signum} is not SIGPROF's number (the message gives
   *     both)
   * @throws UvException {@code ENOSYS} where libuv cannot block signals (Windows, which has no
   *     SIGPROF)
   * @throws IllegalStateException if closed or called from another thread
   */
  public void blockSignal(int signum) throws UvException {
    checkOpen();
    int sigprof = Native.loopBlockableSignal();
    if (sigprof != 0 && signum != sigprof) {
      throw new IllegalArgumentException("only SIGPROF (" + sigprof + ") can be blocked, got signal " + signum);
    }
    UvException.check(Native.loopBlockSignal(ptr, signum), "uv_loop_configure");
  }

  /**
   * Asks libuv to poll with an io_uring whose submission queue a kernel thread polls ({@code
   * UV_LOOP_USE_IO_URING_SQPOLL}): lower latency for file operations, at the cost of that thread.
   * Linux only; it takes effect where libuv sets up its io_uring, and libuv silently goes
   * without where the kernel refuses or io_uring is off ({@code UV_USE_IO_URING=0}).
   *
   * @throws UvException {@code ENOSYS} on platforms other than Linux
   * @throws IllegalStateException if closed or called from another thread
   */
  public void useIoUringSqpoll() throws UvException {
    checkOpen();
    UvException.check(Native.loopUseIoUringSqpoll(ptr), "uv_loop_configure");
    ioUringSqpoll = true;
  }

  /**
   * Writes libuv's list of every handle of this loop, the loop's internal ones and closing ones
   * included ({@code uv_print_all_handles}): one line each, {@code [RAI] type address}, where R,
   * A and I mark a referenced, active and internal handle and {@code -} their absence.
   *
   * @param out where the lines go
   * @throws NullPointerException if {@code out} is null
   * @throws IOException if {@code out} fails, or a {@link UvException} if the temporary file
   *     libuv prints into cannot be made
   * @throws IllegalStateException if closed or called from another thread
   */
  public void printAllHandles(Appendable out) throws IOException {
    printHandles(out, false);
  }

  /**
   * Writes libuv's list of the active handles of this loop ({@code uv_print_active_handles}), in
   * the form of {@link #printAllHandles(Appendable)}.
   *
   * @param out where the lines go
   * @throws NullPointerException if {@code out} is null
   * @throws IOException if {@code out} fails, or a {@link UvException} if the temporary file
   *     libuv prints into cannot be made
   * @throws IllegalStateException if closed or called from another thread
   */
  public void printActiveHandles(Appendable out) throws IOException {
    printHandles(out, true);
  }

  private void printHandles(Appendable out, boolean activeOnly) throws IOException {
    Objects.requireNonNull(out, "out");
    checkOpen();
    int[] status = new int[1];
    String text = Native.loopPrintHandles(ptr, activeOnly, status);
    if (text == null) throw new UvException(status[0], activeOnly ? "uv_print_active_handles" : "uv_print_all_handles");
    out.append(text);
  }

  /**
   * Time spent waiting for events since {@link #enableIdleTimeMetrics()}; zero before.
   *
   * @return the total idle time, with nanosecond resolution
   * @throws IllegalStateException if closed or called from another thread
   */
  public Duration idleTime() {
    checkOpen();
    return Duration.ofNanos(Native.loopIdleTime(ptr));
  }

  /**
   * libuv's loop counters ({@code uv_metrics_info}).
   *
   * @return a snapshot of the counters as they are now
   * @throws IllegalStateException if closed or called from another thread, or if libuv cannot
   *     report the counters (the cause is then the {@link UvException})
   */
  public LoopMetrics metrics() {
    checkOpen();
    long[] values = new long[Native.LOOP_METRICS_LONGS];
    int rc = Native.loopMetricsInfo(ptr, values);
    if (rc < 0) throw new IllegalStateException(new UvException(rc, "uv_metrics_info"));
    return new LoopMetrics(values[0], values[1], values[2]);
  }

  /**
   * The handles of this loop that are open (not closing), in libuv's order; the loop's own
   * internal handles are left out.
   *
   * @return a new, modifiable list; later changes to the loop do not show in it
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
    tasks.nextTick(task);
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
    tasks.enqueueMicrotask(task);
  }

  /**
   * Submits {@code task} from any thread to run on the loop thread. Tasks run in the order they
   * were submitted (per submitting thread), each as a callback of its own, and keep {@link
   * #run()} going until they have run.
   *
   * <p>A task this method accepted (it returned normally) runs: if no run reaches it, {@link
   * #close()} runs it, even after an earlier task threw or called {@link #exit}. A task submitted
   * while {@code close()} runs the accepted ones is either run there too or refused with {@link
   * RejectedExecutionException}; after that every task is refused, so a caller never waits for a
   * task that will not run.
   *
   * <p>This method never blocks: it takes no lock, and it wakes the loop only when no wake-up is
   * pending already.
   *
   * @param task what to run
   * @throws NullPointerException if {@code task} is null
   * @throws RejectedExecutionException if the loop is closing or closed; the task will not run
   */
  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (!tasks.submit(task)) {
      throw new RejectedExecutionException(this + " is closed; task not accepted: " + task);
    }
  }

  /**
   * Adds {@code listener} for {@code event} (Node's {@code process.on}): it is called each time
   * the event happens, after the listeners added before it. Adding a listener twice calls it
   * twice.
   *
   * @param <L> the event's listener type
   * @param event the event
   * @param listener what to call, on the loop thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code listener} is not of the event's listener type (a
   *     raw or unchecked call can pass one)
   * @throws IllegalStateException if closed or called from another thread
   */
  public <L> void on(LoopEvent<L> event, L listener) {
    addListener(event, listener, false);
  }

  /**
   * Adds {@code listener} for the next time {@code event} happens only (Node's {@code
   * process.once}): it is removed just before it is called.
   *
   * @param <L> the event's listener type
   * @param event the event
   * @param listener what to call, on the loop thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code listener} is not of the event's listener type (a
   *     raw or unchecked call can pass one)
   * @throws IllegalStateException if closed or called from another thread
   */
  public <L> void once(LoopEvent<L> event, L listener) {
    addListener(event, listener, true);
  }

  private <L> void addListener(LoopEvent<L> event, L listener, boolean once) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(listener, "listener");
    event.checkListener(listener);
    checkOpen();
    listeners.of(event).add(listener, once);
  }

  /**
   * Removes {@code listener} from {@code event} (Node's {@code process.off}): its latest
   * registration only, whether made with {@link #on} or {@link #once}. An event being told goes on
   * with the listeners it had when it began.
   *
   * @param <L> the event's listener type
   * @param event the event
   * @param listener the listener to remove, compared with {@code equals}
   * @return whether it was registered
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public <L> boolean off(LoopEvent<L> event, L listener) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(listener, "listener");
    checkOpen();
    return listeners.of(event).remove(listener);
  }

  /**
   * How many listeners {@code event} has (Node's {@code process.listenerCount}), counting each
   * registration.
   *
   * @param event the event
   * @return the number of registrations
   * @throws NullPointerException if {@code event} is null
   * @throws IllegalStateException if called from another thread
   */
  public int listenerCount(LoopEvent<?> event) {
    Objects.requireNonNull(event, "event");
    checkThread();
    return listeners.of(event).count();
  }

  /**
   * Sets the one uncaught-exception listener this method manages: as {@code off(UNCAUGHT_EXCEPTION,
   * previous)} for the handler it set before, then {@code on(UNCAUGHT_EXCEPTION, handler)}.
   * Listeners added with {@link #on} stay. With no listener at all, an error stops the loop and
   * {@link #run()} throws it. See {@link LoopEvent#UNCAUGHT_EXCEPTION}.
   *
   * @param handler the handler, replacing the one this method set before, or {@code null} to
   *     only remove that one
   * @throws IllegalStateException if closed or called from another thread
   */
  public void onUncaughtException(UncaughtExceptionHandler handler) {
    checkOpen();
    uncaughtHandlerSet = replaceListener(LoopEvent.UNCAUGHT_EXCEPTION, uncaughtHandlerSet, handler);
  }

  /**
   * Sets the one unhandled-rejection listener this method manages, as {@link
   * #onUncaughtException} does for uncaught exceptions. What an unhandled rejection does besides
   * depends on the {@link #setRejectionMode(RejectionMode) rejection mode}; in the default one,
   * with no listener, it is an uncaught exception. See {@link LoopEvent#UNHANDLED_REJECTION}.
   *
   * @param handler the handler, replacing the one this method set before, or {@code null} to
   *     only remove that one
   * @throws IllegalStateException if closed or called from another thread
   */
  public void onUnhandledRejection(UnhandledRejectionHandler handler) {
    checkOpen();
    rejectionHandlerSet = replaceListener(LoopEvent.UNHANDLED_REJECTION, rejectionHandlerSet, handler);
  }

  private <L> L replaceListener(LoopEvent<L> event, L previous, L replacement) {
    if (previous != null) listeners.of(event).remove(previous);
    if (replacement != null) listeners.of(event).add(replacement, false);
    return replacement;
  }

  /**
   * Chooses what the loop does with promise rejections still unhandled after a drain (Node's
   * {@code --unhandled-rejections}); {@link RejectionMode#THROW} until set.
   *
   * @param mode the mode for rejections reported from now on
   * @throws NullPointerException if {@code mode} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setRejectionMode(RejectionMode mode) {
    Objects.requireNonNull(mode, "mode");
    checkOpen();
    tasks.rejections.setMode(mode);
  }

  /**
   * What the loop does with unhandled promise rejections.
   *
   * @return the mode set with {@link #setRejectionMode(RejectionMode)}, or {@link
   *     RejectionMode#THROW}
   * @throws IllegalStateException if called from another thread
   */
  public RejectionMode rejectionMode() {
    checkThread();
    return tasks.rejections.mode();
  }

  /**
   * Adds a listener for the loop's warnings (Node's {@code process.on('warning')}), such as the
   * {@code TimeoutOverflowWarning} of a timer whose delay does not fit in 32 bits. A warning is
   * delivered on a next-tick queued when it is emitted: printed first (see {@link
   * #setWarningsPrinted(boolean)}), then given to the listeners in the order they were added. A
   * listener that throws is an uncaught exception of that tick, and the listeners after it do not
   * get that warning, as in Node. The same as {@code on(LoopEvent.WARNING, listener)}.
   *
   * @param listener called on the loop thread with each warning; adding it twice calls it twice
   * @throws NullPointerException if {@code listener} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public void onWarning(WarningListener listener) {
    on(LoopEvent.WARNING, listener);
  }

  /**
   * Removes a listener added with {@link #onWarning(WarningListener)} (Node's {@code
   * process.off('warning')}); one added several times loses its latest registration only.
   *
   * @param listener the listener to remove
   * @return whether it was registered
   * @throws NullPointerException if {@code listener} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public boolean offWarning(WarningListener listener) {
    return off(LoopEvent.WARNING, listener);
  }

  /**
   * Emits a warning of the program's own (Node's {@code process.emitWarning}), delivered as the
   * loop's warnings are (see {@link #onWarning(WarningListener)}).
   *
   * @param warning what to warn about
   * @throws NullPointerException if {@code warning} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public void emitWarning(Warning warning) {
    Objects.requireNonNull(warning, "warning");
    checkOpen();
    warnings.emit(warning);
  }

  /**
   * Sets whether the loop prints each warning to {@code System.err}, as it does unless told
   * otherwise; {@code false} is Node's {@code --no-warnings}: nothing is printed, and listeners
   * still get every warning. The line is Node's with the library in place of the runtime, {@code
   * (uv4j:PID) Name: message}, without Node's hint about {@code --trace-warnings}.
   *
   * @param printed whether to print warnings emitted from now on
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setWarningsPrinted(boolean printed) {
    checkOpen();
    warnings.setPrinted(printed);
  }

  /**
   * A new pending promise of this loop, and the resolver that settles it.
   *
   * @param <T> the promise's value type
   * @return the resolver; its {@link Promise.Resolver#promise()} is the new promise
   * @throws IllegalStateException if closed or called from another thread
   */
  public <T> Promise.Resolver<T> promise() {
    return Promise.pending(this);
  }

  // --- Node-style scheduling -------------------------------------------------------------------

  /** The scheduler behind setTimeout, setInterval and setImmediate, made at the first use. */
  Scheduler scheduler() {
    checkUsable();
    if (scheduler == null) scheduler = new Scheduler(this);
    return scheduler;
  }

  /**
   * Runs {@code callback} once, {@code delayMs} milliseconds from now (Node's {@code
   * setTimeout}). A delay below 1 or above 2^31-1 ms is 1 ms; one above is also warned of, as
   * Node does, with a {@code TimeoutOverflowWarning} (see {@link #onWarning(WarningListener)}).
   * Timers of equal delay fire in the order they were set.
   *
   * @param callback what to run when the timer fires
   * @param delayMs the delay in milliseconds
   * @return the timer, to cancel, refresh, ref or unref it
   * @throws NullPointerException if {@code callback} is null
   * @throws IllegalStateException if closed or closing, or called from another thread
   */
  public Timeout setTimeout(Runnable callback, long delayMs) {
    Objects.requireNonNull(callback, "callback");
    return scheduler().setTimeout(callback, delayMs, false);
  }

  /**
   * Runs {@code callback} every {@code delayMs} milliseconds until cancelled (Node's {@code
   * setInterval}); the delay is clamped as {@link #setTimeout}'s.
   *
   * @param callback what to run each time the timer fires
   * @param delayMs the interval in milliseconds, also the delay before the first run
   * @return the timer, to cancel, refresh, ref or unref it
   * @throws NullPointerException if {@code callback} is null
   * @throws IllegalStateException if closed or closing, or called from another thread
   */
  public Timeout setInterval(Runnable callback, long delayMs) {
    Objects.requireNonNull(callback, "callback");
    return scheduler().setTimeout(callback, delayMs, true);
  }

  /**
   * Runs {@code callback} in the loop's check phase, right after the next poll for I/O (Node's
   * {@code setImmediate}); immediates run in the order they were set.
   *
   * @param callback what to run
   * @return the immediate, to cancel, ref or unref it
   * @throws NullPointerException if {@code callback} is null
   * @throws IllegalStateException if closed or closing, or called from another thread
   */
  public Immediate setImmediate(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    return scheduler().setImmediate(callback);
  }

  /**
   * Cancels a timer; null or a finished timer is ignored (Node's {@code clearTimeout}). Works at
   * any time, also once the loop is closing or closed.
   *
   * @param timeout the timer {@link #setTimeout} or {@link #setInterval} returned, or {@code
   *     null}
   * @throws IllegalStateException if called from another thread
   */
  public void clearTimeout(Timeout timeout) {
    checkThread();
    if (timeout != null) timeout.close();
  }

  /**
   * Cancels a repeating timer; same as {@link #clearTimeout}.
   *
   * @param interval the timer {@link #setInterval} returned, or {@code null}
   * @throws IllegalStateException if called from another thread
   */
  public void clearInterval(Timeout interval) {
    clearTimeout(interval);
  }

  /**
   * Cancels an immediate that has not run; null is ignored (Node's {@code clearImmediate}). Works
   * at any time, also once the loop is closing or closed.
   *
   * @param immediate the immediate {@link #setImmediate} returned, or {@code null}
   * @throws IllegalStateException if called from another thread
   */
  public void clearImmediate(Immediate immediate) {
    checkThread();
    if (immediate != null) immediate.close();
  }

  /**
   * Adds a listener told, with the exit code, each time {@link #runToCompletion()} finds the
   * loop out of work (Node's {@code beforeExit}); work it schedules runs the loop again. The same
   * as {@code on(LoopEvent.BEFORE_EXIT, listener)}.
   *
   * @param listener called on the loop thread with the exit code ({@link #exitCode()}), as a
   *     callback of the loop
   * @throws NullPointerException if {@code listener} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public void onBeforeExit(IntConsumer listener) {
    on(LoopEvent.BEFORE_EXIT, listener);
  }

  /**
   * Adds a listener told, with the exit code, when {@link #runToCompletion()} ends (Node's
   * {@code exit}): next-ticks it queues are ignored and timers never fire, but when the loop ended
   * by running out of work, the microtasks it queues run after the listeners, and the promise
   * rejections it leaves unhandled are reported; an error no listener takes there ends the run
   * with code 1 (or the exit code, if one was set). A listener that throws ends the telling, and
   * its error is an uncaught exception. The listeners are callbacks of this loop: they cannot run
   * or close it. One that calls {@link #exit(int)} ends the run there: it does not return,
   * the listeners after it are not told, and {@code runToCompletion()} returns the new code; one
   * that calls {@link #setExitCode(int)} changes what {@code runToCompletion()} returns. The same
   * as {@code on(LoopEvent.EXIT, listener)}.
   *
   * @param listener called on the loop thread with the exit code the run ended with
   * @throws NullPointerException if {@code listener} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public void onExit(IntConsumer listener) {
    on(LoopEvent.EXIT, listener);
  }

  /**
   * The exit code (Node's {@code process.exitCode}): what {@link #runToCompletion()} returns and
   * its before-exit and exit listeners get when the loop ends by running out of work, and what
   * {@link #exit()} ends it with. It is 0 until {@link #setExitCode(int)} or {@link #exit(int)}
   * sets it, an error no listener took ends a run (1), an uncaught-exception listener throws (7),
   * or an unhandled rejection is warned of in {@link RejectionMode#WARN_WITH_ERROR_CODE} (1).
   *
   * @return the exit code, 0 to 255
   * @throws IllegalStateException if called from another thread
   */
  public int exitCode() {
    checkThread();
    return lifecycle.exitCode();
  }

  /**
   * Sets the exit code (Node's {@code process.exitCode = code}) without ending anything: see
   * {@link #exitCode()}. Codes run from 0 to 255, the exit statuses a POSIX parent process can
   * see (it gets only the low 8 bits of what a process exits with); Node lets the system cut
   * larger or negative ones down, this refuses them.
   *
   * @param code the exit code, 0 to 255
   * @throws IllegalArgumentException if {@code code} is negative or above 255
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setExitCode(int code) {
    checkOpen();
    lifecycle.setExitCode(code);
  }

  /**
   * Ends {@link #runToCompletion()} at once with the exit code {@link #exitCode()} holds (Node's
   * {@code process.exit()}); otherwise as {@link #exit(int)}.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public void exit() {
    checkOpen();
    lifecycle.exit(lifecycle.exitCode());
  }

  /**
   * Sets the exit code to {@code code} and ends {@link #runToCompletion()} at once with it (Node's
   * {@code process.exit(code)}): no queued tick, microtask, immediate, timer or other callback
   * runs; exit listeners get {@code code}. Called from a callback, an exit listener, or the
   * uncaught-exception or unhandled-rejection listeners, it does not return: it unwinds that
   * callback, and the exit is no error. Called outside the loop it only records the request,
   * which the next {@link #runToCompletion()} honours.
   *
   * @param code the exit code, 0 to 255 (see {@link #setExitCode(int)}), that {@link
   *     #runToCompletion()} returns and exit listeners get
   * @throws IllegalArgumentException if {@code code} is negative or above 255
   * @throws IllegalStateException if closed or called from another thread
   */
  public void exit(int code) {
    checkOpen();
    lifecycle.exit(code);
  }

  /**
   * Runs the loop as Node runs a process after its main script: until no work is left (or
   * {@link #exit} is called), telling before-exit listeners each time it runs out of work and
   * running again if they scheduled more, then telling exit listeners. An error no listener took
   * ends the run with code 1, its stack trace printed to {@code System.err}, as Node does; an
   * uncaught-exception listener that throws ends it at once with code 7, its error printed, and no
   * exit listener told.
   *
   * @return the exit code: {@link #exitCode()} when the loop ran out of work, 1 after an
   *     unhandled error, 7 when an uncaught-exception listener threw, or what {@link #exit} ended
   *     it with; an exit listener may change it
   * @throws IllegalStateException if closed, called from another thread, or from inside a
   *     callback of this loop
   */
  public int runToCompletion() {
    checkOpen();
    if (running) throw new IllegalStateException("runToCompletion() called from inside a callback of " + this);
    return lifecycle.runToCompletion();
  }

  /**
   * Runs {@code work} on one of libuv's pool threads (attached to the JVM once, as daemon
   * threads named {@code uv4j-pool-N}); {@code callback} gets its value or what it threw on the
   * loop thread. The pool is shared with file-system operations and DNS lookups; its size is
   * libuv's, set by the {@code UV_THREADPOOL_SIZE} environment variable (default 4, at most
   * 1024) before the first use in the process.
   *
   * @param <T> the type of the work's value
   * @param work what to run on a pool thread; it must not touch this loop or its handles
   * @param callback told on the loop thread of the work's value or what it threw
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
   * @param <T> the type of the work's value
   * @param work what to run on a pool thread; it must not touch this loop or its handles
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
   * @return the loop's file-system operations, the same object on every call
   * @throws IllegalStateException if closed or called from another thread
   */
  public Fs fs() {
    checkOpen();
    if (fs == null) fs = new Fs(this, false);
    return fs;
  }

  /** The file-system operations of the library's own multi-step tasks (see Fs's internal flag). */
  Fs internalFs() {
    if (internalFs == null) internalFs = new Fs(this, true);
    return internalFs;
  }

  // --- closing ------------------------------------------------------------------------------

  /**
   * Closes the loop: runs tasks already submitted, closes every handle, cancels requests still
   * waiting for the thread pool (they complete with {@code ECANCELED}), runs the loop until every
   * close callback and completion has run, then frees it. Callbacks that run during this teardown cannot
   * start new work ({@link IllegalStateException}). Closing a closed loop does nothing.
   *
   * <p>Every task {@link #execute(Runnable)} accepted runs here if it has not run yet, each as a
   * callback of its own: a task that throws or calls {@link #exit} does not stop the ones after
   * it, and an exit requested before {@code close()} does not either. With no uncaught-exception
   * listener, the first error a task threw is rethrown once the loop is closed, with the errors of
   * later tasks added to it as suppressed.
   *
   * @throws IllegalStateException if called from another thread or from inside a callback of
   *     this loop
   * @throws RuntimeException an error a task or callback threw during the teardown with no
   *     listener (a checked one wrapped in {@link UncaughtException}), later ones
   *     suppressed in it
   * @throws StackOverflowError if the calling thread has less than 512 KiB of stack left; the
   *     loop is then closing but not closed, and close() may be called again from a shallower
   *     stack
   */
  @Override
  public void close() {
    checkThread();
    if (ptr == 0) return;
    if (running) throw new IllegalStateException("close() called from inside a callback of " + this);
    tasks.refuseSubmissions();
    running = true;
    try {
      tasks.runEveryAcceptedTask();
      closing = true;
      for (Object peer : Native.loopWalk(ptr)) ((Handle) peer).closeForTeardown();
      requests.cancelAll();
      while (uvRun(RunMode.DEFAULT)) {
        // a closing loop only finishes what is pending
      }
      tasks.drain();
      Descriptors.releaseAll(this);
      int rc = Native.loopClose(ptr);
      if (rc < 0) throw new IllegalStateException(new UvException(rc, "uv_loop_close"));
      ptr = 0;
      unsettledFutures.failAll();
    } finally {
      running = false;
    }
    dispatcher.throwIfFatal();
  }

  /**
   * Whether {@link #close()} has completed.
   *
   * @return true once the loop is closed; a loop whose close() failed part way is not
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

  /**
   * Sets the tracer told of this loop's phases and callbacks, or removes it ({@code null}).
   * While one is set, internal prepare and check handles mark each poll phase.
   *
   * @param tracer the tracer, replacing any earlier one (which is told that the phase in progress
   *     ended), or {@code null} to stop tracing
   * @throws IllegalStateException if closed or closing, or called from another thread
   */
  public void setTracer(LoopTracer tracer) {
    checkUsable();
    dispatcher.setTracer(tracer);
  }

  // --- package-private plumbing ---------------------------------------------------------------

  /** Records the descriptors libuv keeps for this loop, so that nothing closes them behind its back. */
  void noteDescriptors() {
    Descriptors.madeForLoop(Native.loopDescriptors(ptr), this, Descriptors.Kind.LOOP, toString());
  }

  /** libuv may make its io_uring for file operations at the first one (see {@link #useIoUringSqpoll()}). */
  void fileOperationStarted() {
    if (ioUringSqpoll) noteDescriptors();
  }

  long pointer() {
    return ptr;
  }

  private boolean uvRun(RunMode mode) {
    requireStackForUpcalls();
    insideUvRun = true;
    try {
      return Native.loopRun(ptr, mode.code) != 0;
    } finally {
      insideUvRun = false;
    }
  }

  /**
   * Refuses to enter libuv on a stack too short for its callbacks. The JVM refuses an upcall
   * whose thread has less stack than its shadow zone (20 pages, 80 KiB to 320 KiB by page size)
   * and its guard pages, and libuv's poll frame takes 12 KiB more: an upcall it refused would
   * lose its event (a completion's result, an opened descriptor) before any Java could see it.
   */
  private static void requireStackForUpcalls() {
    long left = Native.stackRemaining();
    if (left >= 0 && left < STACK_FOR_UPCALLS) {
      throw new StackOverflowError("uv4j: the loop needs " + STACK_FOR_UPCALLS
          + " bytes of stack to run its callbacks without losing an event; this thread has " + left + " left");
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

  // --- upcalls from C, and the parts' services for the rest of the package -----------------------

  /** The funnel: every upcall from C enters Java here, but those of requests named by slot (RequestTable). */
  @SuppressWarnings("unused") // called from native code
  private static void upcall(Peer target, int event, long arg) {
    target.loop.dispatcher.dispatch(target, event, arg);
  }

  boolean acceptsCallbacks() {
    return dispatcher.acceptsCallbacks();
  }

  static Throwable callUser(Runnable callback) {
    return Dispatcher.callUser(callback);
  }

  Throwable callUser(Runnable callback, LoopTracer.Phase phase, Object what) {
    return dispatcher.callUser(callback, phase, what);
  }

  void reportThrown(Throwable thrown) {
    dispatcher.reportThrown(thrown);
  }

  LoopTracer tracer() {
    return dispatcher.tracer();
  }

  /** See {@link Scheduler#postponeTimers(long)}. */
  void postponeTimers(long ms) {
    if (scheduler != null) scheduler.postponeTimers(ms);
  }

  boolean runNextTicks() {
    return tasks.runNextTicks();
  }

  void enqueueTick(Runnable task) {
    tasks.enqueueTick(task);
  }

  void enqueueMicrotask(Runnable task) {
    tasks.enqueueMicrotask(task);
  }

  void rejectedWithoutHandler(Promise<?> promise) {
    tasks.rejections.rejectedWithoutHandler(promise);
  }

  void handledAfterReport(Promise<?> promise) {
    tasks.rejections.handledAfterReport(promise);
  }

  void awaitCompletion() {
    tasks.awaitCompletion();
  }

  void completionArrived() {
    tasks.completionArrived();
  }

  void awaitSettlement(CompletableFuture<?> future) {
    unsettledFutures.add(future);
  }

  void settled(CompletableFuture<?> future) {
    unsettledFutures.settled(future);
  }

  <T extends Peer & Cancelable> void inFlight(T request) {
    requests.add(request);
  }

  void completed(Peer request) {
    requests.completed(request);
  }

  int requestsInFlight() {
    return requests.count();
  }

  /** The requests whose native side knows them by slot. */
  RequestTable requestTable() {
    return requestTable;
  }

  /** The cancellable requests in flight, newest first. */
  List<Peer> inFlightRequests() {
    return requests.list();
  }

  /**
   * Installs the read slab when the first stream is made. Checks the thread and the loop first:
   * stream constructors call this before their own checks, and the slab is native loop state.
   */
  void ensureReadSlab() {
    readSlab.ensureInstalled(checkUsable());
  }

  ByteBuffer readView(int length) {
    return readSlab.view(length);
  }
}
