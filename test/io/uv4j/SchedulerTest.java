package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Node-style timers and immediates beyond what the conformance scenarios (test/conformance) pin down. */
class SchedulerTest extends LoopTestBase {
  private final List<String> labels = new ArrayList<>();

  @Test
  void refreshStartsTheDelayOverFromNow() {
    long start = Uv.hrtime();
    Timeout timeout = loop.setTimeout(() -> labels.add("fired"), 40);
    // the loop does not run during this wait, so the timeout cannot fire before the refresh
    while (Uv.hrtime() - start < 30_000_000L) Thread.onSpinWait();
    timeout.refresh();
    loop.runToCompletion();
    long elapsedMs = (Uv.hrtime() - start) / 1_000_000;
    assertEquals(List.of("fired"), labels);
    // 30 + 40 ms on the loop's millisecond clock; without the refresh it could fire at 40
    assertTrue(elapsedMs >= 69, "fired after " + elapsedMs + " ms");
  }

  @Test
  void refreshRearmsAOneShotTimeoutThatAlreadyFired() {
    Timeout[] timeout = new Timeout[1];
    timeout[0] = loop.setTimeout(() -> {
      labels.add("fired");
      if (labels.size() == 1) loop.setImmediate(timeout[0]::refresh);
    }, 1);
    loop.runToCompletion();
    assertEquals(List.of("fired", "fired"), labels);
  }

  @Test
  void refreshDoesNothingToAClearedTimeout() {
    Timeout timeout = loop.setTimeout(() -> labels.add("must not fire"), 1);
    timeout.close();
    timeout.refresh();
    loop.runToCompletion();
    assertEquals(List.of(), labels);
  }

  @Test
  void clearingTwiceOrClearingNullIsHarmless() {
    Timeout timeout = loop.setTimeout(() -> labels.add("must not fire"), 1);
    loop.clearTimeout(timeout);
    loop.clearTimeout(timeout);
    loop.clearTimeout(null);
    loop.clearImmediate(null);
    assertEquals(0, loop.runToCompletion());
    assertEquals(List.of(), labels);
  }

  @Test
  void delaysOutsideOneToTwoToThe31MinusOneShareTheOneMillisecondList() {
    loop.setTimeout(() -> labels.add("0"), 0);
    loop.setTimeout(() -> labels.add("-5"), -5);
    loop.setTimeout(() -> labels.add("2^31"), 1L << 31);
    loop.setTimeout(() -> labels.add("1"), 1);
    loop.runToCompletion();
    assertEquals(List.of("0", "-5", "2^31", "1"), labels);
  }

  @Test
  void anUnrefedTimeoutDoesNotKeepTheLoopAliveAndHasRefSaysSo() {
    Timeout timeout = loop.setTimeout(() -> labels.add("must not fire"), 50);
    assertTrue(timeout.hasRef());
    timeout.unref();
    assertFalse(timeout.hasRef());
    assertEquals(0, loop.runToCompletion());
    assertEquals(List.of(), labels);
  }

  @Test
  void anUnrefedImmediateStillRunsWhenSomethingElseKeepsTheLoopAlive() {
    Immediate immediate = loop.setImmediate(() -> labels.add("immediate"));
    immediate.unref();
    assertFalse(immediate.hasRef());
    loop.setTimeout(() -> labels.add("timeout"), 20);
    loop.runToCompletion();
    assertEquals(List.of("immediate", "timeout"), labels);
  }

  @Test
  void anImmediateHasNoRefOnceItRan() {
    Immediate immediate = loop.setImmediate(() -> labels.add("ran"));
    loop.runToCompletion();
    assertFalse(immediate.hasRef());
    immediate.ref();
    assertFalse(immediate.hasRef());
  }

  @Test
  void anIntervalStopsWhenClearedFromItsOwnCallback() {
    Timeout[] interval = new Timeout[1];
    interval[0] = loop.setInterval(() -> {
      labels.add("tick " + labels.size());
      if (labels.size() == 3) interval[0].close();
    }, 1);
    assertEquals(0, loop.runToCompletion());
    assertEquals(List.of("tick 0", "tick 1", "tick 2"), labels);
  }

  @Test
  void schedulingFromAnotherThreadIsRefused() throws Exception {
    Timeout timeout = loop.setTimeout(() -> {}, 1);
    CompletableFuture<Throwable> thrown = CompletableFuture.supplyAsync(() -> {
      try {
        loop.setTimeout(() -> {}, 1);
        return null;
      } catch (Throwable t) {
        return t;
      }
    });
    assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
    Throwable fromTimeout = CompletableFuture.supplyAsync(() -> {
      try {
        timeout.refresh();
        return null;
      } catch (Throwable t) {
        return t;
      }
    }).get();
    assertTrue(fromTimeout instanceof IllegalStateException, String.valueOf(fromTimeout));
    loop.runToCompletion();
  }

  @Test
  void nullCallbacksAreRefused() {
    assertThrows(NullPointerException.class, () -> loop.setTimeout(null, 1));
    assertThrows(NullPointerException.class, () -> loop.setInterval(null, 1));
    assertThrows(NullPointerException.class, () -> loop.setImmediate(null));
    assertThrows(NullPointerException.class, () -> loop.onExit(null));
    assertThrows(NullPointerException.class, () -> loop.onBeforeExit(null));
  }

  @Test
  void schedulingOnAClosedLoopIsRefused() throws UvException {
    Loop other = Loop.create();
    other.close();
    assertThrows(IllegalStateException.class, () -> other.setTimeout(() -> {}, 1));
    assertThrows(IllegalStateException.class, () -> other.setImmediate(() -> {}));
  }

  @Test
  void cancellingOnceTheLoopIsClosedDoesNothing() throws UvException {
    Loop closed = Loop.create();
    Timeout timeout = closed.setTimeout(() -> {}, 10);
    Timeout interval = closed.setInterval(() -> {}, 10);
    Immediate immediate = closed.setImmediate(() -> {});
    Immediate unrefed = closed.setImmediate(() -> {}).unref();
    closed.close();
    timeout.close();
    closed.clearInterval(interval);
    immediate.close();
    closed.clearImmediate(unrefed);
    assertEquals(List.of("Timeout[cleared]", "Interval[cleared]", "Immediate[done]", "Immediate[done]"),
        List.of(timeout.toString(), interval.toString(), immediate.toString(), unrefed.toString()));
  }

  @Test
  void cancellingWhileTheLoopClosesDoesNothing() {
    Timeout interval = loop.setInterval(() -> {}, 10);
    Immediate immediate = loop.setImmediate(() -> {});
    List<Throwable> thrown = new ArrayList<>();
    new Timer(loop).close(() -> {
      try {
        loop.clearInterval(interval);
        immediate.close();
      } catch (RuntimeException e) {
        thrown.add(e);
      }
    });
    loop.close();
    assertEquals(List.of(), thrown);
    assertEquals("Interval[cleared]", interval.toString());
    assertEquals("Immediate[done]", immediate.toString());
  }

  @Test
  void exitOutsideTheLoopIsHonouredByTheNextRunToCompletion() {
    loop.setTimeout(() -> labels.add("must not fire"), 1);
    loop.onExit(code -> labels.add("exit " + code));
    loop.exit(7);
    assertEquals(7, loop.runToCompletion());
    assertEquals(List.of("exit 7"), labels);
  }

  @Test
  void anExitFromAPlainRunEndsOnlyThatRun() {
    loop.setImmediate(() -> loop.exit(3));
    loop.run();
    loop.setImmediate(() -> labels.add("runs in the next run"));
    loop.run();
    assertEquals(List.of("runs in the next run"), labels);
  }
}
