package io.uv4j;

import io.uv4j.internal.Native;
import java.util.function.IntConsumer;

/**
 * A loop run as Node runs a process: {@link Loop#runToCompletion()} with its before-exit and exit
 * listeners, the exit code (Node's {@code process.exitCode}), and {@link Loop#exit(int)}, which
 * sets it. The exit request itself is kept by the {@link Dispatcher}, which stops callbacks while
 * it is pending.
 */
final class ProcessLifecycle {
  /** The highest exit status: a parent sees only the low 8 bits of it (POSIX wait). */
  private static final int MAX_EXIT_CODE = 255;
  /** Node's status when its uncaught-exception handler throws ("exception in fatal exception handler"). */
  static final int HANDLER_FAILED_EXIT_CODE = 7;

  private final Loop loop;
  private final Dispatcher dispatcher;
  private final Listeners<IntConsumer> beforeExitListeners;
  private final Listeners<IntConsumer> exitListeners;
  private int exitCode;
  /** runToCompletion() is running the loop. */
  private boolean completing;

  ProcessLifecycle(Loop loop, Dispatcher dispatcher) {
    this.loop = loop;
    this.dispatcher = dispatcher;
    beforeExitListeners = loop.listeners.of(LoopEvent.BEFORE_EXIT);
    exitListeners = loop.listeners.of(LoopEvent.EXIT);
  }

  /** A run() starts: outside runToCompletion an exit only ends the run() it happened in. */
  void runStarted() {
    if (!completing) dispatcher.exitRequested = false;
  }

  int exitCode() {
    return exitCode;
  }

  /** See {@link Loop#setExitCode(int)}. */
  void setExitCode(int code) {
    exitCode = checkedExitCode(code);
  }

  /** See {@link Loop#exit(int)}; the caller has checked the loop is open. */
  void exit(int code) {
    exitCode = checkedExitCode(code);
    dispatcher.exitRequested = true;
    if (loop.insideUvRun) Native.loopStop(loop.pointer());
    if (dispatcher.depth > 0 || dispatcher.exiting) throw new ExitSignal();
  }

  private static int checkedExitCode(int code) {
    if (code < 0 || code > MAX_EXIT_CODE) {
      throw new IllegalArgumentException("exit code " + code + " is outside 0.." + MAX_EXIT_CODE);
    }
    return code;
  }

  /** See {@link Loop#runToCompletion()}; the caller has checked the loop is open and not running. */
  int runToCompletion() {
    boolean natural = false;
    boolean handlerFailed = false;
    completing = true;
    try {
      boolean more;
      do {
        if (!dispatcher.exitRequested) loop.run();
        if (dispatcher.exitRequested) break;
        more = loop.isAlive();
        if (more) continue;
        emit(beforeExitListeners, exitCode);
        more = loop.isAlive() && !dispatcher.exitRequested;
      } while (more);
      natural = !dispatcher.exitRequested;
    } catch (RuntimeException | Error e) {
      (e instanceof UncaughtException && e.getCause() != null ? e.getCause() : e).printStackTrace();
      handlerFailed = dispatcher.fatalFromHandler;
      exitCode = handlerFailed ? HANDLER_FAILED_EXIT_CODE : 1;
    } finally {
      completing = false;
    }
    dispatcher.exitRequested = false;
    TaskQueues tasks = loop.tasks;
    tasks.ticksIgnored = true;
    // exit listeners and what they queue are callbacks of this loop: they may not run or close it
    loop.running = true;
    dispatcher.exiting = true;
    try {
      // an exit or a fatal error ends the process at once: what was queued never runs
      if (!natural) {
        tasks.discardTicks();
        tasks.discardMicrotasks();
      }
      // as when Node's handler throws, the process ends there: exit listeners are not told
      if (!handlerFailed) tellExitListeners(exitCode, natural);
    } finally {
      dispatcher.exiting = false;
      dispatcher.exitRequested = false;
      loop.running = false;
      tasks.ticksIgnored = false;
      dispatcher.fatal = null;
      dispatcher.fatalOrigin = null;
    }
    // a listener may have changed the code, with setExitCode() or exit()
    return exitCode;
  }

  /**
   * Tells each exit listener {@code code}, then, if the loop ended by itself, drains what they
   * queued as Node does after them: their microtasks, and the rejections left unhandled, reported
   * (ticks are ignored by then). An exit from a listener or one of those microtasks ends it all
   * there, as Node's process.exit ends the process: what is still queued never runs. A listener
   * that throws ends the telling too, as in Node: what it threw is an uncaught exception. An
   * uncaught exception no listener takes ends the run, with code 1 unless one was set.
   */
  private void tellExitListeners(int code, boolean natural) {
    TaskQueues tasks = loop.tasks;
    try {
      exitListeners.emit(listener -> listener.accept(code));
    } catch (ExitSignal exitFromListener) {
      tasks.discardTicks();
      tasks.discardMicrotasks();
      return;
    } catch (RuntimeException | Error thrown) {
      tasks.discardTicks();
      tasks.discardMicrotasks();
      dispatcher.uncaught(thrown, ErrorOrigin.UNCAUGHT_EXCEPTION);
      endOnFatalError(1);
      return;
    }
    tasks.discardTicks();
    if (natural) {
      tasks.drain();
      // Node's process is exiting already: its fatal status is the exit code when one was set
      endOnFatalError(exitCode != 0 ? exitCode : 1);
    }
    tasks.discardMicrotasks();
  }

  /** If an error no listener took is pending, prints it and sets the exit code for it. */
  private void endOnFatalError(int code) {
    Throwable fatal = dispatcher.fatal;
    if (fatal == null) return;
    fatal.printStackTrace();
    exitCode = dispatcher.fatalFromHandler ? HANDLER_FAILED_EXIT_CODE : code;
  }

  /** Tells listeners as one callback, drained after it, as Node's process.emit is. */
  private void emit(Listeners<IntConsumer> listeners, int code) {
    loop.running = true;
    try {
      dispatcher.invoke(() -> listeners.emit(listener -> listener.accept(code)));
    } finally {
      loop.running = false;
    }
    dispatcher.throwIfFatal();
  }

  /** Unwinds a callback that called {@link Loop#exit}; never reported as an error. */
  static final class ExitSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExitSignal() {
      super("exit requested", null, false, false);
    }
  }
}
