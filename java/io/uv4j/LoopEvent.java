package io.uv4j;

import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * An event a loop emits as a Node process emits its own, with the type of listener it calls.
 * Listeners are added with {@link Loop#on(LoopEvent, Object)} or {@link Loop#once(LoopEvent,
 * Object)}, removed with {@link Loop#off(LoopEvent, Object)}, and called in the order they were
 * added, as Node's {@code process.on}, {@code once} and {@code off} have it.
 *
 * @param <L> the listener type
 */
public final class LoopEvent<L> {
  /**
   * Node's {@code beforeExit}: the loop ran out of work in {@link Loop#runToCompletion()}; the
   * listener gets the exit code, and work it schedules runs the loop again.
   */
  public static final LoopEvent<IntConsumer> BEFORE_EXIT = new LoopEvent<>("beforeExit", 0, IntConsumer.class);

  /**
   * Node's {@code exit}: {@link Loop#runToCompletion()} is ending; the listener gets the exit
   * code (see {@link Loop#onExit(IntConsumer)} for what it may do).
   */
  public static final LoopEvent<IntConsumer> EXIT = new LoopEvent<>("exit", 1, IntConsumer.class);

  /**
   * Node's {@code uncaughtException}: a callback threw, or a promise rejection was not handled.
   * While this event has a listener, errors go to its listeners and the loop goes on; with none,
   * the error ends the run. A listener that throws ends {@link Loop#runToCompletion()} at once
   * with exit code 7, as it ends a Node process.
   */
  public static final LoopEvent<Loop.UncaughtExceptionHandler> UNCAUGHT_EXCEPTION =
      new LoopEvent<>("uncaughtException", 2, Loop.UncaughtExceptionHandler.class);

  /**
   * Node's {@code uncaughtExceptionMonitor}: told of each uncaught error before the {@link
   * #UNCAUGHT_EXCEPTION} listeners, without handling it: with only monitors, the error still ends
   * the run.
   */
  public static final LoopEvent<Loop.UncaughtExceptionHandler> UNCAUGHT_EXCEPTION_MONITOR =
      new LoopEvent<>("uncaughtExceptionMonitor", 3, Loop.UncaughtExceptionHandler.class);

  /**
   * Node's {@code unhandledRejection}: a promise was rejected and had no handler at the end of a
   * drain. What else happens depends on the loop's {@link RejectionMode}.
   */
  public static final LoopEvent<Loop.UnhandledRejectionHandler> UNHANDLED_REJECTION =
      new LoopEvent<>("unhandledRejection", 4, Loop.UnhandledRejectionHandler.class);

  /**
   * Node's {@code rejectionHandled}: a promise already reported as an unhandled rejection got a
   * handler; told once, at the end of the drain in which it got it. With no listener, a {@code
   * PromiseRejectionHandledWarning} is emitted instead.
   */
  public static final LoopEvent<Consumer<Promise<?>>> REJECTION_HANDLED = new LoopEvent<>("rejectionHandled", 5, Consumer.class);

  /** Node's {@code warning}: see {@link Loop#onWarning(Loop.WarningListener)}. */
  public static final LoopEvent<Loop.WarningListener> WARNING = new LoopEvent<>("warning", 6, Loop.WarningListener.class);

  /** How many events there are: the indexes run from 0 below it. */
  static final int COUNT = 7;

  private final String nodeName;
  final int index;
  /** The listener type, checked at run time for callers that bypass the generic one. */
  private final Class<?> listenerType;

  private LoopEvent(String nodeName, int index, Class<?> listenerType) {
    this.nodeName = nodeName;
    this.index = index;
    this.listenerType = listenerType;
  }

  /** Refuses a listener of another type, which a raw or unchecked call can pass. */
  void checkListener(Object listener) {
    if (!listenerType.isInstance(listener)) {
      throw new IllegalArgumentException(
          "a listener of " + nodeName + " must be a " + listenerType.getName() + ", got " + listener);
    }
  }

  /**
   * The name Node gives this event, as {@code process.on} takes it.
   *
   * @return the event's name, such as {@code "uncaughtException"}
   */
  public String nodeName() {
    return nodeName;
  }

  @Override
  public String toString() {
    return nodeName;
  }
}
