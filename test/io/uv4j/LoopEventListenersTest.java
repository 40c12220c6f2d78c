package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * The listeners of a loop's events ({@link LoopEvent}), as Node's {@code process.on}, {@code once}
 * and {@code off} keep them. Most tests tell them of a warning: {@link Loop#emitWarning} queues
 * it on a next-tick, and {@link Loop#run()} delivers it.
 */
class LoopEventListenersTest extends LoopTestBase {
  private static final Warning WARNING = new Warning("ExampleWarning", "something");

  private final List<String> told = new ArrayList<>();

  LoopEventListenersTest() {
    super(30_000);
  }

  private Loop.WarningListener recording(String name) {
    return w -> told.add(name);
  }

  private void deliverAWarning() {
    loop.setWarningsPrinted(false);
    loop.emitWarning(WARNING);
    loop.run();
  }

  private void throwFromATimer(RuntimeException error) {
    loop.setTimeout(() -> {
      throw error;
    }, 1);
  }

  // --- registration order, once, off ------------------------------------------------------------

  @Test
  void listenersAreCalledInTheOrderTheyWereAdded() {
    loop.on(LoopEvent.WARNING, recording("first"));
    loop.once(LoopEvent.WARNING, recording("second, once"));
    loop.on(LoopEvent.WARNING, recording("third"));

    deliverAWarning();

    assertEquals(List.of("first", "second, once", "third"), told);
  }

  @Test
  void aListenerAddedTwiceIsCalledTwice() {
    Loop.WarningListener twice = recording("twice");
    loop.on(LoopEvent.WARNING, twice);
    loop.on(LoopEvent.WARNING, twice);

    deliverAWarning();

    assertEquals(List.of("twice", "twice"), told);
  }

  @Test
  void aOnceListenerIsCalledForTheFirstEventOnly() {
    loop.once(LoopEvent.WARNING, recording("once"));

    deliverAWarning();
    deliverAWarning();

    assertEquals(List.of("once"), told);
  }

  @Test
  void aOnceListenerIsRemovedBeforeItIsCalled() {
    List<Integer> countsSeen = new ArrayList<>();
    loop.on(LoopEvent.WARNING, recording("on"));
    loop.once(LoopEvent.WARNING, w -> countsSeen.add(loop.listenerCount(LoopEvent.WARNING)));

    deliverAWarning();

    assertEquals(List.of(1), countsSeen);
  }

  @Test
  void listenerCountCountsEachRegistration() {
    Loop.WarningListener twice = recording("twice");
    loop.on(LoopEvent.WARNING, twice);
    loop.on(LoopEvent.WARNING, twice);
    loop.once(LoopEvent.WARNING, recording("once"));

    assertEquals(3, loop.listenerCount(LoopEvent.WARNING));
  }

  @Test
  void listenerCountIsZeroForAnEventWithNoListener() {
    assertEquals(0, loop.listenerCount(LoopEvent.BEFORE_EXIT));
  }

  @Test
  void offRemovesOnlyTheLatestRegistrationSoTheEarlierKeepsItsPlace() {
    Loop.WarningListener twice = recording("twice");
    loop.on(LoopEvent.WARNING, twice);
    loop.on(LoopEvent.WARNING, recording("between"));
    loop.on(LoopEvent.WARNING, twice);

    assertTrue(loop.off(LoopEvent.WARNING, twice));
    deliverAWarning();

    assertEquals(List.of("twice", "between"), told);
  }

  @Test
  void offRemovesAOnceRegistration() {
    Loop.WarningListener once = recording("once");
    loop.once(LoopEvent.WARNING, once);

    assertTrue(loop.off(LoopEvent.WARNING, once));
    deliverAWarning();

    assertEquals(List.of(), told);
  }

  @Test
  void offOfAListenerNeverAddedReturnsFalse() {
    loop.on(LoopEvent.WARNING, recording("added"));

    assertFalse(loop.off(LoopEvent.WARNING, recording("never added")));
    assertEquals(1, loop.listenerCount(LoopEvent.WARNING));
  }

  @Test
  void offRemovesFromTheNamedEventOnly() {
    IntConsumer listener = code -> told.add("exit " + code);
    loop.on(LoopEvent.EXIT, listener);

    assertFalse(loop.off(LoopEvent.BEFORE_EXIT, listener));
    assertEquals(1, loop.listenerCount(LoopEvent.EXIT));
  }

  // --- changes during an emit ---------------------------------------------------------------------

  @Test
  void aListenerAddedDuringAnEmitIsNotCalledByIt() {
    loop.on(LoopEvent.WARNING, w -> {
      told.add("adder");
      loop.on(LoopEvent.WARNING, recording("added"));
    });

    deliverAWarning();

    assertEquals(List.of("adder"), told);
  }

  @Test
  void aListenerAddedDuringAnEmitIsCalledByTheNext() {
    loop.once(LoopEvent.WARNING, w -> loop.on(LoopEvent.WARNING, recording("added")));

    deliverAWarning();
    deliverAWarning();

    assertEquals(List.of("added"), told);
  }

  @Test
  void aListenerRemovedDuringAnEmitIsStillCalledByIt() {
    Loop.WarningListener removed = recording("removed");
    loop.on(LoopEvent.WARNING, w -> {
      told.add("remover");
      loop.off(LoopEvent.WARNING, removed);
    });
    loop.on(LoopEvent.WARNING, removed);

    deliverAWarning();

    assertEquals(List.of("remover", "removed"), told);
  }

  @Test
  void aListenerRemovedDuringAnEmitIsNotCalledByTheNext() {
    Loop.WarningListener removed = recording("removed");
    loop.once(LoopEvent.WARNING, w -> loop.off(LoopEvent.WARNING, removed));
    loop.on(LoopEvent.WARNING, removed);

    deliverAWarning();
    told.clear();
    deliverAWarning();

    assertEquals(List.of(), told);
  }

  // --- onUncaughtException and onUnhandledRejection beside on() -----------------------------------

  @Test
  void onUncaughtExceptionReplacesOnlyTheHandlerItSetBefore() {
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (error, origin) -> told.add("added with on"));
    loop.onUncaughtException((error, origin) -> told.add("replaced"));
    loop.onUncaughtException((error, origin) -> told.add("replacement"));
    throwFromATimer(new IllegalStateException("boom"));

    loop.run();

    assertEquals(List.of("added with on", "replacement"), told);
  }

  @Test
  void onUncaughtExceptionWithNullRemovesOnlyTheHandlerItSet() {
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (error, origin) -> told.add("added with on"));
    loop.onUncaughtException((error, origin) -> told.add("removed"));
    loop.onUncaughtException(null);
    throwFromATimer(new IllegalStateException("boom"));

    loop.run();

    assertEquals(List.of("added with on"), told);
  }

  @Test
  void onUnhandledRejectionReplacesOnlyTheHandlerItSetBefore() {
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, promise) -> told.add("added with on"));
    loop.onUnhandledRejection((reason, promise) -> told.add("replaced"));
    loop.onUnhandledRejection((reason, promise) -> told.add("replacement"));
    Promise.reject(loop, new IllegalStateException("r1"));

    loop.run();

    assertEquals(List.of("added with on", "replacement"), told);
  }

  // --- uncaught exceptions: monitors and listeners that throw --------------------------------------

  @Test
  void monitorsAreToldBeforeTheListenersWithTheSameErrorAndOrigin() {
    List<Object> seen = new ArrayList<>();
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (error, origin) -> seen.addAll(List.of("listener", error, origin)));
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION_MONITOR, (error, origin) -> seen.addAll(List.of("monitor", error, origin)));
    IllegalStateException boom = new IllegalStateException("boom");
    throwFromATimer(boom);

    loop.run();

    assertEquals(List.of("monitor", boom, ErrorOrigin.UNCAUGHT_EXCEPTION, "listener", boom, ErrorOrigin.UNCAUGHT_EXCEPTION),
        seen);
  }

  @Test
  void aMonitorAloneDoesNotHandleTheErrorSoRunThrowsIt() {
    List<Throwable> monitored = new ArrayList<>();
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION_MONITOR, (error, origin) -> monitored.add(error));
    IllegalStateException boom = new IllegalStateException("boom");
    throwFromATimer(boom);

    RuntimeException thrown = assertThrows(RuntimeException.class, loop::run);

    assertSame(boom, thrown);
    assertEquals(List.of(boom), monitored);
  }

  @Test
  void aListenerThatThrowsMakesRunThrowItsErrorWithTheOriginalSuppressed() {
    IllegalArgumentException fromListener = new IllegalArgumentException("from listener");
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (error, origin) -> {
      throw fromListener;
    });
    IllegalStateException boom = new IllegalStateException("boom");
    throwFromATimer(boom);

    RuntimeException thrown = assertThrows(RuntimeException.class, loop::run);

    assertSame(fromListener, thrown);
    assertArrayEquals(new Throwable[] {boom}, thrown.getSuppressed());
  }

  @Test
  void theListenersAfterOneThatThrowsAreNotCalled() {
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (error, origin) -> {
      throw new IllegalArgumentException("from listener");
    });
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (error, origin) -> told.add("next listener"));
    throwFromATimer(new IllegalStateException("boom"));

    assertThrows(IllegalArgumentException.class, loop::run);

    assertEquals(List.of(), told);
  }

  @Test
  void aListenerRethrowingTheErrorItGotMakesRunThrowThatErrorWithNothingSuppressed() {
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (error, origin) -> {
      throw (RuntimeException) error;
    });
    IllegalStateException boom = new IllegalStateException("boom");
    throwFromATimer(boom);

    RuntimeException thrown = assertThrows(RuntimeException.class, loop::run);

    assertSame(boom, thrown);
    assertArrayEquals(new Throwable[0], thrown.getSuppressed());
  }

  @Test
  void runToCompletionReturns7AndTellsNoExitListenerWhenAnUncaughtExceptionListenerThrows() {
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (error, origin) -> {
      throw new IllegalArgumentException("from listener");
    });
    loop.on(LoopEvent.EXIT, code -> told.add("exit " + code));
    throwFromATimer(new IllegalStateException("boom"));

    int status = loop.runToCompletion();

    assertEquals(7, status);
    assertEquals(List.of(), told);
  }

  @Test
  void theExitCodeAfterARunEndedByAThrowingListenerIs7() {
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (error, origin) -> {
      throw (RuntimeException) error;
    });
    throwFromATimer(new IllegalStateException("boom"));

    loop.runToCompletion();

    assertEquals(7, loop.exitCode());
  }

  @Test
  void aLaterRunEndedByAnErrorNoListenerTookReturns1() {
    Loop.UncaughtExceptionHandler rethrowing = (error, origin) -> {
      throw (RuntimeException) error;
    };
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, rethrowing);
    throwFromATimer(new IllegalStateException("taken by a listener that throws"));
    loop.runToCompletion();
    loop.off(LoopEvent.UNCAUGHT_EXCEPTION, rethrowing);
    throwFromATimer(new IllegalStateException("taken by no listener"));

    assertEquals(1, loop.runToCompletion());
  }

  // --- bad input ------------------------------------------------------------------------------

  @Test
  void onRejectsANullEvent() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> loop.on(null, recording("listener")));

    assertEquals("event", e.getMessage());
  }

  @Test
  void onRejectsANullListener() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> loop.on(LoopEvent.WARNING, null));

    assertEquals("listener", e.getMessage());
  }

  @Test
  void onceRejectsANullEvent() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> loop.once(null, recording("listener")));

    assertEquals("event", e.getMessage());
  }

  @Test
  void onceRejectsANullListener() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> loop.once(LoopEvent.WARNING, null));

    assertEquals("listener", e.getMessage());
  }

  @Test
  void offRejectsANullEvent() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> loop.off(null, recording("listener")));

    assertEquals("event", e.getMessage());
  }

  @Test
  void offRejectsANullListener() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> loop.off(LoopEvent.WARNING, null));

    assertEquals("listener", e.getMessage());
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"}) // the raw call is the misuse under test
  void onRejectsAListenerOfAnotherEventsTypeThroughARawCall() {
    LoopEvent raw = LoopEvent.EXIT;
    Loop.WarningListener wrongType = w -> {};

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.on(raw, wrongType));

    assertTrue(e.getMessage().startsWith("a listener of exit must be a java.util.function.IntConsumer, got "), e.getMessage());
    assertEquals(0, loop.listenerCount(LoopEvent.EXIT));
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"}) // the raw call is the misuse under test
  void onceRejectsAListenerOfAnotherEventsTypeThroughARawCall() {
    LoopEvent raw = LoopEvent.UNCAUGHT_EXCEPTION;

    assertThrows(IllegalArgumentException.class, () -> loop.once(raw, "not a listener"));
    assertEquals(0, loop.listenerCount(LoopEvent.UNCAUGHT_EXCEPTION));
  }

  @Test
  void listenerCountRejectsANullEvent() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> loop.listenerCount(null));

    assertEquals("event", e.getMessage());
  }

  @Test
  void onOfAClosedLoopThrows() {
    loop.close();

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loop.on(LoopEvent.WARNING, recording("listener")));

    assertTrue(e.getMessage().endsWith(" is closed"), e.getMessage());
  }

  @Test
  void onceOfAClosedLoopThrows() {
    loop.close();

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loop.once(LoopEvent.WARNING, recording("listener")));

    assertTrue(e.getMessage().endsWith(" is closed"), e.getMessage());
  }

  @Test
  void offOfAClosedLoopThrows() {
    loop.close();

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loop.off(LoopEvent.WARNING, recording("listener")));

    assertTrue(e.getMessage().endsWith(" is closed"), e.getMessage());
  }

  @Test
  void onFromAnotherThreadThrows() throws InterruptedException {
    Loop.WarningListener listener = recording("listener");

    OtherThread.assertRejected(() -> loop.on(LoopEvent.WARNING, listener));
  }

  // --- the events' names --------------------------------------------------------------------------

  @Test
  void eachEventHasNodesName() {
    List<LoopEvent<?>> events = List.of(LoopEvent.BEFORE_EXIT, LoopEvent.EXIT, LoopEvent.UNCAUGHT_EXCEPTION,
        LoopEvent.UNCAUGHT_EXCEPTION_MONITOR, LoopEvent.UNHANDLED_REJECTION, LoopEvent.REJECTION_HANDLED,
        LoopEvent.WARNING);

    List<String> names = events.stream().map(LoopEvent::nodeName).toList();

    assertEquals(List.of("beforeExit", "exit", "uncaughtException", "uncaughtExceptionMonitor", "unhandledRejection",
        "rejectionHandled", "warning"), names);
  }

  @Test
  void anEventPrintsAsNodesName() {
    assertEquals("uncaughtExceptionMonitor", LoopEvent.UNCAUGHT_EXCEPTION_MONITOR.toString());
  }
}
