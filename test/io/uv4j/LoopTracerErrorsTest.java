package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tracer that throws is reported like a callback that throws, after the callback it was told of
 * has run: whichever of its methods throws, no event, tick or pool result is lost to it.
 */
class LoopTracerErrorsTest extends LoopTestBase {
  private final List<String> seen = new ArrayList<>();

  @BeforeEach
  void recordUncaughtErrors() {
    loop.onUncaughtException((error, origin) -> seen.add("uncaught " + error.getMessage()));
  }

  private static RuntimeException failure(String where) {
    return new RuntimeException("tracer failed in " + where);
  }

  @Test
  void aTimeoutRunsWhenTheTracerThrowsAsItStarts() {
    loop.setTracer(new LoopTracer() {
      @Override
      public void callbackStarted(Phase phase, String what) {
        throw failure("callbackStarted");
      }
    });
    loop.setTimeout(() -> seen.add("timeout"), 1);
    loop.run();
    assertEquals(List.of("timeout", "uncaught tracer failed in callbackStarted"), seen);
  }

  @Test
  void aTimerRunsWhenTheTracerThrowsAsItEnds() throws UvException {
    loop.setTracer(new LoopTracer() {
      @Override
      public void callbackEnded(Phase phase, String what) {
        if (what.equals("Timer")) throw failure("callbackEnded");
      }
    });
    Timer timer = new Timer(loop);
    timer.start(1, 0, () -> {
      seen.add("timer");
      timer.close();
    });
    loop.run();
    assertEquals(List.of("timer", "uncaught tracer failed in callbackEnded"), seen);
  }

  @Test
  void ticksDrainWhenTheTracerThrowsAsTheDrainStarts() {
    loop.setTracer(new LoopTracer() {
      @Override
      public void drainStarted() {
        throw failure("drainStarted");
      }
    });
    loop.setTimeout(() -> loop.nextTick(() -> seen.add("tick")), 1);
    loop.run();
    assertEquals(List.of("tick", "uncaught tracer failed in drainStarted"), seen);
  }

  @Test
  void poolWorkRunsAndDeliversWhenTheTracerThrowsOnThePoolThread() throws UvException {
    loop.setTracer(new LoopTracer() {
      @Override
      public void poolWorkStarted(String what) {
        throw failure("poolWorkStarted");
      }
    });
    loop.queueWork(() -> "result", (value, error) -> seen.add("work " + value));
    loop.run();
    assertEquals(List.of("uncaught tracer failed in poolWorkStarted", "work result"), seen);
  }

  @Test
  void withoutAHandlerRunThrowsTheTracerErrorAfterTheCallbackRan() {
    loop.onUncaughtException(null);
    loop.setTracer(new LoopTracer() {
      @Override
      public void callbackStarted(Phase phase, String what) {
        throw failure("callbackStarted");
      }
    });
    loop.setTimeout(() -> seen.add("timeout"), 1);
    RuntimeException thrown = assertThrows(RuntimeException.class, loop::run);
    assertEquals("tracer failed in callbackStarted", thrown.getMessage());
    assertEquals(List.of("timeout"), seen);
  }
}
