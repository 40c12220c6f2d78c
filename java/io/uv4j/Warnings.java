package io.uv4j;

import java.io.PrintStream;

/**
 * A loop's warnings, as Node's {@code process.emitWarning} delivers them: each is delivered on a
 * next-tick queued when it is emitted, where the default printer writes it to standard error
 * first (Node registers its printer before any program code runs) and the listeners get it
 * after, in the order they were added.
 */
final class Warnings {
  private final Loop loop;
  private final Listeners<Loop.WarningListener> listeners;
  private boolean printed = true;
  /** Where the default printer writes; null for whatever {@code System.err} is at that time. */
  private PrintStream printTo;

  Warnings(Loop loop) {
    this.loop = loop;
    listeners = loop.listeners.of(LoopEvent.WARNING);
  }

  void setPrinted(boolean printed) {
    this.printed = printed;
  }

  /** Sends the default printing to {@code stream} instead of {@code System.err}. */
  void printTo(PrintStream stream) {
    printTo = stream;
  }

  void emit(Warning warning) {
    boolean print = printed;
    loop.nextTick(() -> deliver(warning, print));
  }

  /**
   * Prints, then tells the listeners (see {@link Listeners#emit}). A listener that throws ends the
   * delivery, as a throwing listener ends Node's emit: the error is the tick's, an uncaught
   * exception, and later listeners miss it.
   */
  private void deliver(Warning warning, boolean print) {
    if (print) print(warning);
    listeners.emit(listener -> listener.warning(warning));
  }

  /**
   * Node prints {@code (node:PID) Name: message}; the prefix here names the library instead of
   * the runtime. Node's hint line about {@code --trace-warnings} is left out: there is no such
   * option to point to.
   */
  private void print(Warning warning) {
    PrintStream out = printTo != null ? printTo : System.err;
    out.println("(uv4j:" + ProcessHandle.current().pid() + ") " + warning);
  }
}
