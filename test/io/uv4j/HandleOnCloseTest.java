package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Handle#onClose(Runnable)}: listeners that hear of a close, registered at any time. */
class HandleOnCloseTest extends LoopTestBase {
  private final List<String> events = new ArrayList<>();

  HandleOnCloseTest() {
    super(60_000);
  }

  private Runnable record(String event) {
    return () -> events.add(event);
  }

  @Test
  void listenersRunAfterTheCloseCallbackInRegistrationOrder() {
    Timer timer = new Timer(loop);
    timer.onClose(record("first"));
    timer.onClose(record("second"));
    timer.close(record("close callback"));
    timer.onClose(record("third"));
    loop.run();
    assertEquals(List.of("close callback", "first", "second", "third"), events);
  }

  @Test
  void aListenerRegisteredWhileClosingWaitsForTheCloseToComplete() {
    Timer timer = new Timer(loop);
    timer.close();
    timer.onClose(record("listener"));
    events.add("registered");
    loop.run();
    assertEquals(List.of("registered", "listener"), events);
  }

  @Test
  void aListenerRegisteredAfterTheCloseCompletedRunsAsANextTick() {
    Timer timer = new Timer(loop);
    timer.close();
    loop.run();
    loop.setImmediate(() -> {
      timer.onClose(record("listener"));
      loop.nextTick(record("tick queued after it"));
      events.add("registered");
    });
    loop.run();
    assertEquals(List.of("registered", "listener", "tick queued after it"), events);
  }

  @Test
  void listenersRunWhenTheLoopClosesTheHandle() {
    Timer timer = new Timer(loop);
    timer.onClose(record("listener"));
    loop.close();
    assertEquals(List.of("listener"), events);
  }

  @Test
  void aThrowingListenerGoesToTheUncaughtHandlerAndTheLaterOnesStillRun() {
    List<Throwable> uncaught = new ArrayList<>();
    loop.onUncaughtException((error, origin) -> uncaught.add(error));
    IllegalStateException thrown = new IllegalStateException("from a listener");
    Timer timer = new Timer(loop);
    timer.onClose(() -> {
      throw thrown;
    });
    timer.onClose(record("second"));
    timer.close();
    loop.run();
    assertEquals(List.of(thrown), uncaught);
    assertEquals(List.of("second"), events);
  }

  @Test
  void withNoHandlerTheErrorEndsTheRunAndTheLaterListenersRunOnTheNextOne() {
    IllegalStateException thrown = new IllegalStateException("from a listener");
    Timer timer = new Timer(loop);
    timer.onClose(() -> {
      throw thrown;
    });
    timer.onClose(record("second"));
    timer.close();
    assertSame(thrown, assertThrows(IllegalStateException.class, loop::run));
    assertEquals(List.of(), events);
    loop.run();
    assertEquals(List.of("second"), events);
  }

  @Test
  void aThrowingCloseCallbackDoesNotKeepTheListenersFromRunning() {
    List<Throwable> uncaught = new ArrayList<>();
    loop.onUncaughtException((error, origin) -> uncaught.add(error));
    IllegalStateException thrown = new IllegalStateException("from the close callback");
    Timer timer = new Timer(loop);
    timer.onClose(record("listener"));
    timer.close(() -> {
      throw thrown;
    });
    loop.run();
    assertEquals(List.of(thrown), uncaught);
    assertEquals(List.of("listener"), events);
  }

  @Test
  void aNullListenerIsRefused() {
    Timer timer = new Timer(loop);
    NullPointerException e = assertThrows(NullPointerException.class, () -> timer.onClose(null));
    assertEquals("listener", e.getMessage());
    timer.close();
  }

  @Test
  void anotherThreadIsRefused() throws Exception {
    Timer timer = new Timer(loop);
    OtherThread.assertRejected(() -> timer.onClose(() -> {}));
    timer.close();
  }

  @Test
  void aListenerRegisteredOnAClosedLoopIsRefused() {
    Timer timer = new Timer(loop);
    loop.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> timer.onClose(() -> {}));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }
}
