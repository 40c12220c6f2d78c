package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimerTest extends LoopTestBase {

  TimerTest() {
    super(30_000);
  }

  @Test
  void timerFiresOnceAfterTheTimeout() {
    AtomicInteger fired = new AtomicInteger();
    AtomicLong firedAtLoopTime = new AtomicLong();
    AtomicLong firedAtNanos = new AtomicLong();
    Timer timer = new Timer(loop);
    long startNanos = System.nanoTime();
    loop.updateTime();
    long startLoopTime = loop.now();
    timer.start(
        50,
        () -> {
          fired.incrementAndGet();
          firedAtLoopTime.set(loop.now());
          firedAtNanos.set(System.nanoTime());
        });

    assertFalse(loop.run());

    assertEquals(1, fired.get());
    assertTrue(firedAtLoopTime.get() - startLoopTime >= 50, "fired at loop time +"
        + (firedAtLoopTime.get() - startLoopTime));
    // the loop's clock counts whole milliseconds, so it may start up to one behind
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(firedAtNanos.get() - startNanos);
    assertTrue(elapsedMs >= 48, "fired after " + elapsedMs + " ms");
    assertFalse(timer.isActive(), "a one-shot timer stops after firing");
    timer.close();
  }

  @Test
  void timeoutCountsFromTheLoopsCachedTimeNotFromTheCall() throws InterruptedException {
    loop.updateTime();
    Thread.sleep(150);

    Timer timer = new Timer(loop).start(200, () -> {});
    loop.updateTime();

    // the loop's clock was at least 150 ms behind the call: at most 50 ms are left, where
    // counting from the call would leave 200
    long due = timer.dueIn();
    assertTrue(due <= 50, "due in " + due + " ms after start(200)");
    timer.close();
  }

  @Test
  void timerWithRepeatFiresUntilStopped() {
    AtomicInteger fired = new AtomicInteger();
    Timer timer = new Timer(loop);
    timer.start(
        5,
        5,
        () -> {
          if (fired.incrementAndGet() == 5) timer.stop();
        });

    assertFalse(loop.run());

    assertEquals(5, fired.get());
    assertFalse(timer.isActive());
    timer.close();
  }

  @Test
  void repeatingTimerStaysActiveBetweenFirings() {
    List<Boolean> activeInCallback = new ArrayList<>();
    Timer timer = new Timer(loop);
    timer.start(
        1,
        1,
        () -> {
          activeInCallback.add(timer.isActive());
          if (activeInCallback.size() == 3) timer.close();
        });

    loop.run();

    assertEquals(List.of(true, true, true), activeInCallback);
  }

  @Test
  void stopPreventsFiring() {
    AtomicInteger fired = new AtomicInteger();
    Timer timer = new Timer(loop).start(10, fired::incrementAndGet);

    timer.stop();

    assertFalse(timer.isActive());
    assertFalse(loop.run());
    assertEquals(0, fired.get());
    timer.close();
  }

  @Test
  void stopFromAnotherCallbackPreventsAPendingTimerFromFiring() {
    AtomicInteger fired = new AtomicInteger();
    Timer victim = new Timer(loop).start(50, fired::incrementAndGet);
    Timer stopper = new Timer(loop).start(5, victim::stop);

    assertFalse(loop.run());

    assertEquals(0, fired.get());
    victim.close();
    stopper.close();
  }

  @Test
  void startingAStartedTimerReplacesTimeoutAndCallback() {
    List<String> fired = new ArrayList<>();
    Timer timer = new Timer(loop).start(10_000, () -> fired.add("old"));

    timer.start(5, () -> fired.add("new"));

    long start = System.nanoTime();
    assertFalse(loop.run());
    assertEquals(List.of("new"), fired);
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    timer.close();
  }

  @Test
  void againRestartsTheTimerWithItsRepeat() {
    AtomicInteger fired = new AtomicInteger();
    Timer timer = new Timer(loop);
    timer.start(
        10_000,
        20,
        () -> {
          if (fired.incrementAndGet() == 2) timer.stop();
        });

    timer.again();

    assertTrue(timer.dueIn() <= 20, "due in " + timer.dueIn());
    long start = System.nanoTime();
    assertFalse(loop.run());
    assertEquals(2, fired.get());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    timer.close();
  }

  @Test
  void againWithoutRepeatStopsTheTimer() {
    AtomicInteger fired = new AtomicInteger();
    Timer timer = new Timer(loop).start(10, fired::incrementAndGet);

    timer.again();

    assertFalse(timer.isActive());
    assertFalse(loop.run());
    assertEquals(0, fired.get());
    timer.close();
  }

  @Test
  void againRestartsAStoppedRepeatingTimer() {
    AtomicInteger fired = new AtomicInteger();
    Timer timer = new Timer(loop);
    timer.start(
        5,
        5,
        () -> {
          fired.incrementAndGet();
          timer.stop();
        });
    timer.stop();

    timer.again();

    assertTrue(timer.isActive());
    assertFalse(loop.run());
    assertEquals(1, fired.get());
    timer.close();
  }

  @Test
  void againOnANeverStartedTimerThrowsIllegalStateException() {
    Timer timer = new Timer(loop);

    IllegalStateException e = assertThrows(IllegalStateException.class, timer::again);

    assertTrue(e.getMessage().contains("never started"), e.getMessage());
    assertFalse(timer.isActive());
    timer.close();
  }

  @Test
  void repeatIsZeroForANewTimer() {
    Timer timer = new Timer(loop);

    assertEquals(0, timer.repeat());
    timer.close();
  }

  @Test
  void repeatReportsWhatStartSet() {
    Timer timer = new Timer(loop).start(10_000, 250, () -> {});

    assertEquals(250, timer.repeat());
    timer.close();
  }

  @Test
  void setRepeatChangesTheRepeat() {
    Timer timer = new Timer(loop);

    timer.setRepeat(25);

    assertEquals(25, timer.repeat());
    timer.close();
  }

  @Test
  void setRepeatTurnsAOneShotTimerIntoARepeatingOneAtTheNextExpiry() {
    AtomicInteger fired = new AtomicInteger();
    Timer timer = new Timer(loop);
    timer.start(
        5,
        () -> {
          if (fired.incrementAndGet() == 3) timer.stop();
        });

    timer.setRepeat(5);

    assertFalse(loop.run());
    assertEquals(3, fired.get());
    timer.close();
  }

  @Test
  void setRepeatZeroInsideTheCallbackLetsTheAlreadyScheduledFiringHappen() {
    AtomicInteger fired = new AtomicInteger();
    Timer timer = new Timer(loop);
    timer.start(5, 5, () -> {
      fired.incrementAndGet();
      timer.setRepeat(0);
    });

    assertFalse(loop.run());

    // the next expiry was scheduled with the old repeat before the callback ran
    assertEquals(2, fired.get());
    timer.close();
  }

  @Test
  void dueInCountsDownToTheExpiry() throws InterruptedException {
    Timer timer = new Timer(loop).start(600_000, () -> {});
    assertEquals(600_000, timer.dueIn());

    Thread.sleep(50);
    loop.updateTime();

    long due = timer.dueIn();
    assertTrue(due > 0 && due <= 599_955, "due in " + due);
    timer.close();
  }

  @Test
  void dueInIsZeroForAStoppedTimer() {
    Timer timer = new Timer(loop);
    assertEquals(0, timer.dueIn());

    timer.start(1_000, () -> {});
    timer.stop();

    assertEquals(0, timer.dueIn());
    timer.close();
  }

  @Test
  void timersWithEqualTimeoutsFireInStartOrder() {
    List<Integer> order = new ArrayList<>();
    List<Timer> timers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      final int n = i;
      timers.add(new Timer(loop).start(10, () -> order.add(n)));
    }

    loop.run();

    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) expected.add(i);
    assertEquals(expected, order);
    for (Timer timer : timers) timer.close();
  }

  @Test
  void shorterTimeoutFiresFirstWhateverTheStartOrder() {
    List<String> order = new ArrayList<>();
    Timer thirty = new Timer(loop).start(30, () -> order.add("30"));
    Timer ten = new Timer(loop).start(10, () -> order.add("10"));
    Timer twenty = new Timer(loop).start(20, () -> order.add("20"));

    loop.run();

    assertEquals(List.of("10", "20", "30"), order);
    thirty.close();
    ten.close();
    twenty.close();
  }

  @Test
  void negativeTimeoutIsRejectedNamingTheValue() {
    Timer timer = new Timer(loop);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> timer.start(-7, () -> {}));

    assertTrue(e.getMessage().contains("-7"), e.getMessage());
    assertTrue(e.getMessage().contains("timeout"), e.getMessage());
    assertFalse(timer.isActive());
    timer.close();
  }

  @Test
  void negativeRepeatIsRejectedNamingTheValue() {
    Timer timer = new Timer(loop);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> timer.start(1, -3, () -> {}));

    assertTrue(e.getMessage().contains("-3"), e.getMessage());
    assertTrue(e.getMessage().contains("repeat"), e.getMessage());
    assertFalse(timer.isActive());
    timer.close();
  }

  @Test
  void negativeSetRepeatIsRejectedNamingTheValue() {
    Timer timer = new Timer(loop);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> timer.setRepeat(-11));

    assertTrue(e.getMessage().contains("-11"), e.getMessage());
    assertEquals(0, timer.repeat());
    timer.close();
  }

  @Test
  void nullCallbackIsRejectedWithNullPointerException() {
    Timer timer = new Timer(loop);

    assertThrows(NullPointerException.class, () -> timer.start(1, null));
    assertThrows(NullPointerException.class, () -> timer.start(1, 1, null));
    assertFalse(timer.isActive());
    timer.close();
  }

  @Test
  void nullLoopIsRejectedWithNullPointerException() {
    assertThrows(NullPointerException.class, () -> new Timer(null));
  }

  @Test
  void unreferencedTimerDoesNotKeepTheLoopAlive() {
    AtomicInteger fired = new AtomicInteger();
    Timer timer = new Timer(loop).start(10_000, fired::incrementAndGet);

    timer.unref();

    long start = System.nanoTime();
    assertFalse(loop.run());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    assertEquals(0, fired.get());
    assertTrue(timer.isActive());
    timer.close();
  }

  @Test
  void unreferencedTimerStillFiresWhileSomethingElseKeepsTheLoopAlive() {
    AtomicInteger fired = new AtomicInteger();
    Timer unreferenced = new Timer(loop).start(5, fired::incrementAndGet);
    unreferenced.unref();
    Timer referenced = new Timer(loop).start(40, () -> {});

    loop.run();

    assertEquals(1, fired.get());
    unreferenced.close();
    referenced.close();
  }

  @Test
  void zeroTimeoutFiresInTheNextIterationNotInsideStart() {
    AtomicInteger fired = new AtomicInteger();

    Timer timer = new Timer(loop).start(0, fired::incrementAndGet);

    assertEquals(0, fired.get());
    loop.run();
    assertEquals(1, fired.get());
    timer.close();
  }
}
