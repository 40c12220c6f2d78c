package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LoopTest extends LoopTestBase {
  // --- create and close ---------------------------------------------------------------------

  @Test
  void newLoopIsOpenAndHasNoWork() {
    assertFalse(loop.isClosed());
    assertFalse(loop.isAlive());
    assertFalse(loop.isRunning());
  }

  @Test
  void closeMarksTheLoopClosed() {
    loop.close();
    assertTrue(loop.isClosed());
  }

  @Test
  void closingAClosedLoopDoesNothing() {
    loop.close();
    loop.close();
    assertTrue(loop.isClosed());
  }

  @Test
  void closeClosesHandlesThatAreStillOpen() {
    Timer timer = new Timer(loop).start(10_000, () -> {});
    Idle idle = new Idle(loop).start(() -> {});
    Async async = newAsync(() -> {});

    loop.close();

    assertTrue(timer.isClosing());
    assertTrue(idle.isClosing());
    assertTrue(async.isClosing());
    assertThrows(IllegalStateException.class, timer::isActive);
  }

  @Test
  void closeRunsTheCloseCallbacksOfHandlesBeingClosed() {
    AtomicInteger closed = new AtomicInteger();
    new Timer(loop).close(closed::incrementAndGet);
    new Check(loop).close(closed::incrementAndGet);

    loop.close();

    assertEquals(2, closed.get());
  }

  @Test
  void closeRunsCloseCallbacksOnTheLoopThread() {
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    new Prepare(loop).close(() -> ranOn.set(Thread.currentThread()));

    loop.close();

    assertSame(Thread.currentThread(), ranOn.get());
  }

  @Test
  void handleCreatedOnAClosingLoopIsRejected() {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    new Timer(loop)
        .close(
            () -> {
              try {
                new Timer(loop);
              } catch (Throwable t) {
                thrown.set(t);
              }
            });

    loop.close();

    assertTrue(thrown.get() instanceof IllegalStateException, "got " + thrown.get());
    assertTrue(thrown.get().getMessage().contains("closing"), thrown.get().getMessage());
  }

  @Test
  void loopsCreatedOnTwoThreadsAreIndependent() throws Exception {
    CyclicBarrier bothCreated = new CyclicBarrier(2);
    List<Loop> loops = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    Set<Thread> timerThreads = new HashSet<>();
    for (int i = 0; i < 2; i++) {
      Thread thread =
          new Thread(
              () -> {
                try (Loop own = Loop.create()) {
                  synchronized (loops) {
                    loops.add(own);
                  }
                  bothCreated.await(10, TimeUnit.SECONDS);
                  AtomicInteger fired = new AtomicInteger();
                  new Timer(own)
                      .start(
                          20,
                          () -> {
                            fired.incrementAndGet();
                            synchronized (timerThreads) {
                              timerThreads.add(Thread.currentThread());
                            }
                          });
                  assertFalse(own.run());
                  assertEquals(1, fired.get());
                } catch (Throwable t) {
                  synchronized (failures) {
                    failures.add(t);
                  }
                }
              },
              "loop-owner-" + i);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) thread.join(10_000);

    assertEquals(List.of(), failures);
    assertEquals(2, loops.size());
    assertNotSame(loops.get(0), loops.get(1));
    assertEquals(Set.copyOf(threads), timerThreads);
  }

  // --- run modes ----------------------------------------------------------------------------

  @Test
  void runReturnsFalseWhenNothingIsReferenced() {
    assertFalse(loop.run());
  }

  @Test
  void runReturnsFalseWhenTheOnlyActiveHandleIsUnreferenced() {
    Timer timer = new Timer(loop).start(10_000, () -> {});
    timer.unref();

    long start = System.nanoTime();
    assertFalse(loop.run());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    timer.close();
  }

  @Test
  void runDefaultRunsUntilNoReferencedHandleIsLeft() {
    List<String> fired = new ArrayList<>();
    Timer first = new Timer(loop).start(5, () -> fired.add("first"));
    Timer second = new Timer(loop).start(30, () -> fired.add("second"));

    assertFalse(loop.run(RunMode.DEFAULT));

    assertEquals(List.of("first", "second"), fired);
    first.close();
    second.close();
  }

  @Test
  void runNowaitDoesNotBlockWithALongTimerPending() {
    AtomicInteger fired = new AtomicInteger();
    Timer timer = new Timer(loop).start(10_000, fired::incrementAndGet);

    long start = System.nanoTime();
    boolean alive = loop.run(RunMode.NOWAIT);
    long elapsed = System.nanoTime() - start;

    assertTrue(alive, "the timer is still pending");
    assertEquals(0, fired.get());
    assertTrue(elapsed < TimeUnit.SECONDS.toNanos(2), "NOWAIT blocked for " + elapsed + " ns");
    timer.close();
  }

  @Test
  void runOnceRunsOneIteration() {
    AtomicInteger iterations = new AtomicInteger();
    Idle idle = new Idle(loop).start(iterations::incrementAndGet);

    assertTrue(loop.run(RunMode.ONCE));
    assertEquals(1, iterations.get());
    assertTrue(loop.run(RunMode.ONCE));
    assertEquals(2, iterations.get());

    idle.close();
  }

  @Test
  void runOnceBlocksForTheNextTimerWhenThereIsNothingElseToDo() {
    AtomicInteger fired = new AtomicInteger();
    long start = System.nanoTime();
    loop.updateTime();
    Timer timer = new Timer(loop).start(50, fired::incrementAndGet);

    int runs = 0;
    while (fired.get() == 0 && runs < 100) {
      loop.run(RunMode.ONCE);
      runs++;
    }
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    // a poll interrupted by a signal may return early, so one ONCE is not guaranteed to reach
    // the timer; but each one blocks, so a few suffice, where non-blocking runs would spin
    assertEquals(1, fired.get());
    assertTrue(runs <= 5, runs + " ONCE runs to wait 50 ms");
    // the loop's clock counts whole milliseconds, so it may start up to one behind
    assertTrue(elapsedMs >= 48, "the timer fired after " + elapsedMs + " ms");
    timer.close();
  }

  @Test
  void runRejectsANullMode() {
    assertThrows(NullPointerException.class, () -> loop.run(null));
  }

  @Test
  void isRunningIsTrueOnlyInsideRun() {
    AtomicReference<Boolean> inside = new AtomicReference<>();
    Timer timer = new Timer(loop).start(0, () -> inside.set(loop.isRunning()));

    assertFalse(loop.isRunning());
    loop.run();

    assertEquals(Boolean.TRUE, inside.get());
    assertFalse(loop.isRunning());
    timer.close();
  }

  // --- stop ---------------------------------------------------------------------------------

  @Test
  void stopFromACallbackMakesRunReturnTrueWithATimerStillPending() {
    AtomicInteger lateFired = new AtomicInteger();
    Timer late = new Timer(loop).start(10_000, lateFired::incrementAndGet);
    Timer stopper = new Timer(loop).start(5, loop::stop);

    long start = System.nanoTime();
    assertTrue(loop.run());

    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    assertEquals(0, lateFired.get());
    assertTrue(late.isActive());
    assertTrue(loop.isAlive());
    late.close();
    stopper.close();
  }

  @Test
  void runAfterStopGoesOnWithThePendingWork() {
    AtomicInteger lateFired = new AtomicInteger();
    Timer late = new Timer(loop).start(30, lateFired::incrementAndGet);
    Timer stopper = new Timer(loop).start(1, loop::stop);
    assertTrue(loop.run());

    assertFalse(loop.run());

    assertEquals(1, lateFired.get());
    late.close();
    stopper.close();
  }

  // --- alive --------------------------------------------------------------------------------

  @Test
  void isAliveWhileAReferencedHandleIsActive() {
    Timer timer = new Timer(loop);
    assertFalse(loop.isAlive());

    timer.start(10_000, () -> {});
    assertTrue(loop.isAlive());

    timer.unref();
    assertFalse(loop.isAlive());

    timer.ref();
    timer.stop();
    assertFalse(loop.isAlive());
    timer.close();
  }

  // --- time ---------------------------------------------------------------------------------

  @Test
  void nowStaysCachedUntilUpdateTime() throws InterruptedException {
    loop.updateTime();
    long before = loop.now();

    Thread.sleep(30);
    assertEquals(before, loop.now(), "now() is the cached loop time");

    loop.updateTime();
    long after = loop.now();
    assertTrue(after - before >= 25, "now() advanced by only " + (after - before) + " ms");
  }

  @Test
  void runAdvancesNow() {
    long before = loop.now();
    Timer timer = new Timer(loop).start(30, () -> {});

    loop.run();

    assertTrue(loop.now() - before >= 25, "now() advanced by only " + (loop.now() - before));
    timer.close();
  }

  // --- backend ------------------------------------------------------------------------------

  @Test
  @EnabledOnOs(OS.LINUX)
  void backendFdIsADescriptorOnLinux() {
    assertTrue(loop.backendFd() >= 0, "backendFd() = " + loop.backendFd());
  }

  @Test
  void backendTimeoutIsZeroWithNothingToWaitFor() {
    assertEquals(0, loop.backendTimeout());
  }

  @Test
  void backendTimeoutIsZeroUntilAFirstRunHasRegisteredTheLoopsDescriptors() {
    Timer timer = new Timer(loop).start(5_000, () -> {});

    assertEquals(0, loop.backendTimeout());
    timer.close();
  }

  @Test
  void backendTimeoutIsTheTimeToTheNextTimer() {
    Timer timer = new Timer(loop).start(5_000, () -> {});
    loop.run(RunMode.NOWAIT);

    int timeout = loop.backendTimeout();

    assertTrue(timeout > 4_000 && timeout <= 5_000, "backendTimeout() = " + timeout);
    timer.close();
  }

  @Test
  void backendTimeoutIsUnlimitedWithOnlyAnAsyncToWaitFor() {
    Async async = newAsync(() -> {});
    loop.run(RunMode.NOWAIT);

    assertEquals(-1, loop.backendTimeout());
    async.close();
  }

  @Test
  void backendTimeoutIsZeroWhileAnIdleHandleIsActive() {
    Timer timer = new Timer(loop).start(5_000, () -> {});
    Idle idle = new Idle(loop).start(() -> {});

    assertEquals(0, loop.backendTimeout());
    timer.close();
    idle.close();
  }

  // --- metrics ------------------------------------------------------------------------------

  @Test
  void idleTimeIsZeroBeforeMetricsAreEnabled() {
    Timer timer = new Timer(loop).start(20, () -> {});
    loop.run();

    assertEquals(Duration.ZERO, loop.idleTime());
    timer.close();
  }

  @Test
  void idleTimeGrowsWhileTheLoopWaitsOnATimer() throws UvException {
    loop.enableIdleTimeMetrics();
    Duration before = loop.idleTime();
    loop.updateTime();
    Timer timer = new Timer(loop).start(60, () -> {});

    loop.run();

    Duration waited = loop.idleTime().minus(before);
    // most of the 60 ms is spent waiting; a loaded machine may shorten the poll, not remove it
    assertTrue(waited.toMillis() >= 10, "idle time grew by only " + waited);
    timer.close();
  }

  @Test
  void metricsCountLoopIterations() {
    Idle idle = new Idle(loop).start(() -> {});
    long before = loop.metrics().loopCount();

    loop.run(RunMode.NOWAIT);
    loop.run(RunMode.NOWAIT);
    loop.run(RunMode.NOWAIT);

    assertEquals(before + 3, loop.metrics().loopCount());
    idle.close();
  }

  @Test
  void metricsCountEvents() {
    Async async = newAsync(() -> {});
    long before = loop.metrics().events();

    async.send();
    loop.run(RunMode.NOWAIT);

    assertTrue(loop.metrics().events() > before, "events: " + loop.metrics());
    async.close();
  }

  // --- handles ------------------------------------------------------------------------------

  @Test
  void handlesOfANewLoopIsEmpty() {
    assertEquals(List.of(), loop.handles());
  }

  @Test
  void handlesListsEveryOpenHandle() throws UvException {
    Timer timer = new Timer(loop);
    Idle idle = new Idle(loop);
    Prepare prepare = new Prepare(loop);
    Check check = new Check(loop);
    Async async = newAsync(() -> {});

    List<Handle> handles = loop.handles();

    assertEquals(5, handles.size());
    assertEquals(Set.of(timer, idle, prepare, check, async), Set.copyOf(handles));
    for (Handle handle : handles) handle.close();
  }

  @Test
  void handlesLeavesOutHandlesBeingClosed() {
    Timer open = new Timer(loop);
    Timer closing = new Timer(loop);

    closing.close();

    assertEquals(List.of(open), loop.handles());
    open.close();
  }

  @Test
  void handlesLeavesOutClosedHandles() {
    Timer open = new Timer(loop);
    Timer closed = new Timer(loop);
    closed.close();

    loop.run();

    assertEquals(List.of(open), loop.handles());
    open.close();
  }

  // --- after close --------------------------------------------------------------------------

  static Stream<Named<Consumer<Loop>>> loopMethods() {
    return Stream.of(
        Named.of("run()", Loop::run),
        Named.of("run(ONCE)", l -> l.run(RunMode.ONCE)),
        Named.of("stop()", Loop::stop),
        Named.of("isAlive()", Loop::isAlive),
        Named.of("now()", Loop::now),
        Named.of("updateTime()", Loop::updateTime),
        Named.of("backendFd()", Loop::backendFd),
        Named.of("backendTimeout()", Loop::backendTimeout),
        Named.of("enableIdleTimeMetrics()", LoopTest::enableIdleTimeMetrics),
        Named.of("idleTime()", Loop::idleTime),
        Named.of("metrics()", Loop::metrics),
        Named.of("handles()", Loop::handles),
        Named.of("nextTick(task)", l -> l.nextTick(() -> {})),
        Named.of("queueMicrotask(task)", l -> l.queueMicrotask(() -> {})),
        Named.of("onUncaughtException(handler)", l -> l.onUncaughtException((e, o) -> {})),
        Named.of("onUnhandledRejection(handler)", l -> l.onUnhandledRejection((e, p) -> {})),
        Named.of("promise()", Loop::promise));
  }

  @ParameterizedTest(name = "{0} after close throws IllegalStateException")
  @MethodSource("loopMethods")
  void everyMethodThrowsAfterClose(Consumer<Loop> method) {
    loop.close();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> method.accept(loop));

    assertEquals("Loop[" + Thread.currentThread().getName() + ", closed] is closed", e.getMessage());
  }

  @Test
  void isRunningIsFalseAfterClose() {
    loop.close();

    assertFalse(loop.isRunning());
  }

  private Async newAsync(Runnable callback) {
    try {
      return new Async(loop, callback);
    } catch (UvException e) {
      throw new AssertionError(e);
    }
  }

  private static void enableIdleTimeMetrics(Loop loop) {
    try {
      loop.enableIdleTimeMetrics();
    } catch (UvException e) {
      throw new AssertionError(e);
    }
  }
}
