package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a loop reports promise rejections: rejection ids, late handling ({@link
 * LoopEvent#REJECTION_HANDLED}), listeners that throw, the {@link RejectionMode}s, and reasons that
 * are values ({@link RejectionValue}).
 */
class RejectionTest extends LoopTestBase {
  private static final String VALUE_REJECTION_MESSAGE =
      "This error originated either by throwing inside of an async function without a catch block, or by rejecting"
          + " a promise which was not handled with .catch(). The promise rejected with the reason \"42\".";

  private final List<String> events = new ArrayList<>();

  @Test
  void everyRejectionWithoutAHandlerTakesTheNextIdAndOnlySuchARejection() {
    Promise<Object> handledRightAfter = Promise.reject(loop, new IllegalStateException("handled right after"));
    handledRightAfter.onRejected(e -> {});
    Promise.Resolver<Object> withHandler = loop.promise();
    withHandler.promise().onRejected(e -> {});
    withHandler.reject(new IllegalStateException("had a handler"));
    Promise<Object> unhandled = Promise.reject(loop, new IllegalStateException("unhandled"));
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> {});

    loop.run();

    assertEquals(List.of(1, 0, 2),
        List.of(handledRightAfter.rejectionId, withHandler.promise().rejectionId, unhandled.rejectionId));
  }

  @Test
  void promiseHandledBeforeTheDrainEndsIsNeitherReportedNorToldAsHandled() {
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> events.add("unhandledRejection"));
    loop.on(LoopEvent.REJECTION_HANDLED, p -> events.add("rejectionHandled"));
    loop.on(LoopEvent.WARNING, w -> events.add("warning " + w.name()));
    Promise<Object> p = Promise.reject(loop, new IllegalStateException("r"));
    loop.nextTick(() -> p.onRejected(e -> events.add("caught in the same drain")));

    loop.run();

    assertEquals(List.of("caught in the same drain"), events);
  }

  @Test
  void rejectionHandledIsToldOnceWhenTwoHandlersAreAddedLate() {
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> events.add("unhandledRejection"));
    loop.on(LoopEvent.REJECTION_HANDLED, p -> events.add("rejectionHandled"));
    Promise<Object> p = Promise.reject(loop, new IllegalStateException("r"));
    loop.setImmediate(() -> {
      p.onRejected(e -> events.add("first handler"));
      p.onRejected(e -> events.add("second handler"));
    });

    loop.run();

    assertEquals(List.of("unhandledRejection", "first handler", "second handler", "rejectionHandled"), events);
  }

  @Test
  void rejectionHandledIsToldAfterTheTicksAndMicrotasksOfTheCallbackThatAddedTheHandler() {
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> events.add("unhandledRejection"));
    loop.on(LoopEvent.REJECTION_HANDLED, p -> events.add("rejectionHandled"));
    Promise<Object> p = Promise.reject(loop, new IllegalStateException("r"));
    loop.setImmediate(() -> {
      p.onRejected(e -> events.add("handler"));
      loop.nextTick(() -> events.add("tick"));
      loop.queueMicrotask(() -> events.add("microtask"));
    });

    loop.run();

    assertEquals(List.of("unhandledRejection", "tick", "handler", "microtask", "rejectionHandled"), events);
  }

  @Test
  void rejectionHandledListenerThatThrowsIsAnUncaughtExceptionAndTheLoopGoesOn() {
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (err, origin) -> events.add("uncaught " + err.getMessage() + " " + origin));
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> {});
    loop.on(LoopEvent.REJECTION_HANDLED, p -> {
      throw new IllegalStateException("from listener");
    });
    Promise<Object> p = Promise.reject(loop, new IllegalStateException("r"));
    loop.setImmediate(() -> {
      p.onRejected(e -> {});
      loop.setImmediate(() -> events.add("later immediate"));
    });

    loop.run();

    assertEquals(List.of("uncaught from listener UNCAUGHT_EXCEPTION", "later immediate"), events);
  }

  /** As in Node v20, which takes the whole pending list before telling any listener. */
  @Test
  void unhandledRejectionListenerThatThrowsDropsTheRestOfItsBatch() {
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (err, origin) -> events.add("uncaught " + err.getMessage()));
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> {
      events.add("unhandledRejection " + reason.getMessage());
      if (reason.getMessage().equals("r1")) {
        loop.nextTick(() -> events.add("tick from listener"));
        throw new IllegalStateException("from listener");
      }
    });
    Promise.reject(loop, new IllegalStateException("r1"));
    Promise.reject(loop, new IllegalStateException("r2"));
    Promise.reject(loop, new IllegalStateException("r3"));
    loop.setImmediate(() -> events.add("immediate"));

    loop.run();

    assertEquals(List.of("unhandledRejection r1", "uncaught from listener", "tick from listener", "immediate"), events);
  }

  @Test
  void warnWithErrorCodeSetsTheExitCodeTo1AndTheLoopGoesOn() {
    loop.setRejectionMode(RejectionMode.WARN_WITH_ERROR_CODE);
    loop.setWarningsPrinted(false);
    Promise.reject(loop, new IllegalStateException("r"));
    loop.setImmediate(() -> events.add("immediate, exit code " + loop.exitCode()));

    loop.run();

    assertEquals(List.of("immediate, exit code 1"), events);
  }

  @Test
  void strictWithNoListenerAtAllStopsRunWithUncaughtException() {
    loop.setRejectionMode(RejectionMode.STRICT);
    IllegalStateException reason = new IllegalStateException("r");
    Promise.reject(loop, reason);

    UncaughtException thrown = assertThrows(UncaughtException.class, loop::run);

    assertSame(reason, thrown.getCause());
    assertEquals(ErrorOrigin.UNHANDLED_REJECTION, thrown.origin());
  }

  @Test
  void modeCanChangeBetweenRejections() {
    loop.setRejectionMode(RejectionMode.WARN);
    loop.setWarningsPrinted(false);
    loop.on(LoopEvent.WARNING, w -> events.add(w.name()));
    IllegalStateException second = new IllegalStateException("second");
    Promise.reject(loop, new IllegalStateException("first"));
    loop.setImmediate(() -> {
      loop.setRejectionMode(RejectionMode.THROW);
      Promise.reject(loop, second);
    });

    UncaughtException thrown = assertThrows(UncaughtException.class, loop::run);

    assertEquals(List.of("UnhandledPromiseRejectionWarning", "UnhandledPromiseRejectionWarning"), events);
    assertSame(second, thrown.getCause());
  }

  @Test
  void aReasonWhoseDescriptionThrowsIsLeftOutOfTheWarningsWithTheGenericOneKept() {
    loop.setRejectionMode(RejectionMode.WARN);
    loop.setWarningsPrinted(false);
    loop.on(LoopEvent.WARNING, w -> events.add(w.name() + " " + w.message().substring(0, 28)));
    Promise.reject(loop, new IllegalStateException("unprintable") {
      @Override
      public String toString() {
        throw new UnsupportedOperationException("toString refused");
      }
    });

    loop.run();

    assertEquals(List.of("UnhandledPromiseRejectionWarning Unhandled promise rejection."), events);
  }

  @Test
  void modeIsThrowUntilSet() {
    assertEquals(RejectionMode.THROW, loop.rejectionMode());
  }

  @Test
  void nullModeIsRefusedNamingIt() {
    NullPointerException thrown = assertThrows(NullPointerException.class, () -> loop.setRejectionMode(null));
    assertEquals("mode", thrown.getMessage());
  }

  @Test
  void settingTheModeOfAClosedLoopIsRefused() {
    loop.close();
    assertThrows(IllegalStateException.class, () -> loop.setRejectionMode(RejectionMode.WARN));
  }

  @Test
  void rejectionValueKeepsItsValue() {
    Object value = List.of(4, 2);
    assertSame(value, new RejectionValue(value).value());
  }

  @Test
  void rejectionValueKeepsNull() {
    assertNull(new RejectionValue(null).value());
  }

  @Test
  void rejectionValueHasNoStackTrace() {
    assertEquals(0, new RejectionValue(42).getStackTrace().length);
  }

  @Test
  void rejectionValueMessageIsTheValueAsAString() {
    assertEquals(List.of("[4, 2]", "null"),
        List.of(new RejectionValue(List.of(4, 2)).getMessage(), new RejectionValue(null).getMessage()));
  }

  @Test
  void unhandledRejectionValueMakesRunThrowAnUncaughtExceptionCausedByTheValueAndQuotingIt() {
    RejectionValue reason = new RejectionValue(42);
    Promise.reject(loop, reason);

    UncaughtException thrown = assertThrows(UncaughtException.class, loop::run);

    assertSame(reason, thrown.getCause());
    assertEquals(VALUE_REJECTION_MESSAGE, thrown.getMessage());
    assertEquals(ErrorOrigin.UNHANDLED_REJECTION, thrown.origin());
  }
}
