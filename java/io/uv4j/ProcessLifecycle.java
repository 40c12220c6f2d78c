package io.uv4j;

import io.uv4j.internal.Native;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A loop run as Node runs a process: {@link Loop#runToCompletion()} with its before-exit and exit
 * listeners, and {@link Loop#exit(int)} with the exit code it sets. The exit request itself is
 * kept by the {@link Dispatcher}, which stops callbacks while it is pending.
 */
final class ProcessLifecycle {
  private final Loop loop;
  private final Dispatcher dispatcher;
  private final List<IntConsumer> beforeExitListeners = new ArrayList<>();
  private final List<IntConsumer> exitListeners = new ArrayList<>();
  private int exitCode;
  /** runToCompletion() is running the loop. */
  private boolean completing;

  ProcessLifecycle(Loop loop, Dispatcher dispatcher) {
    this.loop = loop;
    this.dispatcher = dispatcher;
  }

  void onBeforeExit(IntConsumer listener) {
    beforeExitListeners.add(listener);
  }

  void onExit(IntConsumer listener) {
    exitListeners.add(listener);
  }

  /** A run() starts: outside runToCompletion an exit only ends the run() it happened in. */
  void runStarted() {
    if (!completing) dispatcher.exitRequested = false;
  }

  /** See {@link Loop#exit(int)}; the caller has checked the loop is open. */
  void exit(int code) {
    dispatcher.exitRequested = true;
    exitCode = code;
    if (loop.insideUvRun) Native.loopStop(loop.pointer());
    if (dispatcher.depth > 0) throw new ExitSignal();
  }

  /** See {@link Loop#runToCompletion()}; the caller has checked the loop is open and not running. */
  int runToCompletion() {
    int code;
    boolean natural = false;
    completing = true;
    try {
      boolean more;
      do {
        if (!dispatcher.exitRequested) loop.run();
        if (dispatcher.exitRequested) break;
        more = loop.isAlive();
        if (more) continue;
        emit(beforeExitListeners, 0);
        more = loop.isAlive() && !dispatcher.exitRequested;
      } while (more);
      natural = !dispatcher.exitRequested;
      code = natural ? 0 : exitCode;
    } catch (RuntimeException | Error e) {
      (e instanceof UncaughtException && e.getCause() != null ? e.getCause() : e).printStackTrace();
      code = 1;
    } finally {
      completing = false;
    }
    dispatcher.exitRequested = false;
    TaskQueues tasks = loop.tasks;
    tasks.ticksIgnored = true;
    // exit listeners and what they queue are callbacks of this loop: they may not run or close it
    loop.running = true;
    try {
      // an exit or a fatal error ends the process at once: what was queued never runs
      if (!natural) {
        tasks.discardTicks();
        tasks.discardMicrotasks();
      }
      for (IntConsumer listener : new ArrayList<>(exitListeners)) listener.accept(code);
      tasks.discardTicks();
      if (natural) tasks.runMicrotasksToEnd();
      tasks.discardMicrotasks();
    } finally {
      loop.running = false;
      tasks.ticksIgnored = false;
      dispatcher.fatal = null;
      dispatcher.fatalOrigin = null;
    }
    return code;
  }

  /** Tells listeners as one callback, drained after it, as Node's process.emit is. */
  private void emit(List<IntConsumer> listeners, int code) {
    loop.running = true;
    try {
      dispatcher.invoke(() -> {
        for (IntConsumer listener : new ArrayList<>(listeners)) listener.accept(code);
      });
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
