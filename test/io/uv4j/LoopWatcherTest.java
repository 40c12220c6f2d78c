package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Idle, prepare and check handles: one callback per loop iteration, each in its phase. */
class LoopWatcherTest extends LoopTestBase {

  LoopWatcherTest() {
    super(30_000);
  }

  @Test
  void withinOneIterationIdleRunsBeforePrepareWhichRunsBeforeCheck() {
    List<String> order = new ArrayList<>();
    // started in reverse order, so that start order cannot explain the result
    Check check = new Check(loop).start(() -> order.add("check"));
    Prepare prepare = new Prepare(loop).start(() -> order.add("prepare"));
    Idle idle = new Idle(loop).start(() -> order.add("idle"));

    loop.run(RunMode.ONCE);

    assertEquals(List.of("idle", "prepare", "check"), order);
    check.close();
    prepare.close();
    idle.close();
  }

  @Test
  void timersDueAtTheStartOfARunFireBeforeIdle() {
    List<String> order = new ArrayList<>();
    Timer timer = new Timer(loop).start(0, () -> order.add("timer"));
    Idle idle = new Idle(loop);
    idle.start(
        () -> {
          order.add("idle");
          idle.stop();
        });

    loop.run();

    assertEquals(List.of("timer", "idle"), order);
    timer.close();
    idle.close();
  }

  @Test
  void activeIdleHandleKeepsRunSpinningUntilItStopsItself() {
    AtomicInteger calls = new AtomicInteger();
    Idle idle = new Idle(loop);
    idle.start(
        () -> {
          if (calls.incrementAndGet() == 100) idle.stop();
        });

    assertFalse(loop.run());

    assertEquals(100, calls.get());
    assertFalse(idle.isActive());
    idle.close();
  }

  @Test
  void idlePrepareAndCheckEachRunOncePerIteration() {
    AtomicInteger idles = new AtomicInteger();
    AtomicInteger prepares = new AtomicInteger();
    AtomicInteger checks = new AtomicInteger();
    Idle idle = new Idle(loop).start(idles::incrementAndGet);
    Prepare prepare = new Prepare(loop).start(prepares::incrementAndGet);
    Check check = new Check(loop);
    check.start(
        () -> {
          if (checks.incrementAndGet() == 10) {
            idle.stop();
            prepare.stop();
            check.stop();
          }
        });
    long iterationsBefore = loop.metrics().loopCount();

    assertFalse(loop.run());

    assertEquals(10, idles.get());
    assertEquals(10, prepares.get());
    assertEquals(10, checks.get());
    assertEquals(iterationsBefore + 10, loop.metrics().loopCount());
    idle.close();
    prepare.close();
    check.close();
  }

  @Test
  void prepareAndCheckSurroundAPollThatWaitsForATimer() {
    List<String> order = new ArrayList<>();
    Check check = new Check(loop).start(() -> order.add("check"));
    Timer timer = new Timer(loop);
    Prepare prepare = new Prepare(loop);
    // started in the first prepare, the timer cannot be due before that iteration's poll, however
    // slowly the loop starts
    prepare.start(() -> {
      order.add("prepare");
      if (timer.isActive()) return;
      timer.start(20, () -> {
        order.add("timer");
        prepare.stop();
        check.stop();
      });
    });

    loop.run();

    // the poll blocks until the timer is due (a signal may cut it short, which takes one more
    // iteration); every poll is between a prepare and a check, and timers run after the check
    assertEquals("timer", order.get(order.size() - 1));
    List<String> iterations = order.subList(0, order.size() - 1);
    assertTrue(!iterations.isEmpty() && iterations.size() % 2 == 0, order.toString());
    for (int i = 0; i < iterations.size(); i += 2) {
      assertEquals(List.of("prepare", "check"), iterations.subList(i, i + 2), order.toString());
    }
    check.close();
    timer.close();
    prepare.close();
  }

  @Test
  void startingAStartedHandleReplacesItsCallback() {
    List<String> calls = new ArrayList<>();
    Idle idle = new Idle(loop).start(() -> calls.add("old"));

    idle.start(
        () -> {
          calls.add("new");
          idle.stop();
        });
    loop.run();

    assertEquals(List.of("new"), calls);
    idle.close();
  }

  @Test
  void nullCallbackIsRejectedWithNullPointerException() {
    Idle idle = new Idle(loop);
    Prepare prepare = new Prepare(loop);
    Check check = new Check(loop);

    assertThrows(NullPointerException.class, () -> idle.start(null));
    assertThrows(NullPointerException.class, () -> prepare.start(null));
    assertThrows(NullPointerException.class, () -> check.start(null));
    assertFalse(idle.isActive() || prepare.isActive() || check.isActive());
    idle.close();
    prepare.close();
    check.close();
  }

  @Test
  void nullLoopIsRejectedWithNullPointerException() {
    assertThrows(NullPointerException.class, () -> new Idle(null));
    assertThrows(NullPointerException.class, () -> new Prepare(null));
    assertThrows(NullPointerException.class, () -> new Check(null));
  }
}
