package io.uv4j;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The next-tick and microtask queues order work exactly as Node.js v20 does. Each test mirrors a
 * scenario of the conformance corpus (test/conformance, number in the comment) and
 * asserts the labels Node prints, in order.
 */
class QueueOrderTest extends LoopTestBase {
  /**
   * Where the code under test runs. Each is a Node "main program": the queues drain when it
   * returns (before {@code run()}: {@code run()} drains them first, as Node does when the main
   * script returns).
   */
  enum Context {
    BEFORE_RUN,
    TIMER_CALLBACK,
    ASYNC_CALLBACK,
    EXECUTE_TASK
  }

  private final List<String> labels = new ArrayList<>();

  /** Runs {@code program} in {@code context}, then runs the loop until it has no more work. */
  private void runIn(Context context, Runnable program) throws UvException {
    switch (context) {
      case BEFORE_RUN:
        program.run();
        break;
      case TIMER_CALLBACK:
        Timer timer = new Timer(loop);
        timer.start(0, () -> {
          program.run();
          timer.close();
        });
        break;
      case ASYNC_CALLBACK:
        Async[] async = new Async[1];
        async[0] = new Async(loop, () -> {
          program.run();
          async[0].close();
        });
        async[0].send();
        break;
      case EXECUTE_TASK:
        loop.execute(program);
        break;
    }
    loop.run();
  }

  private Runnable log(String label) {
    return () -> labels.add(label);
  }

  // 01
  @ParameterizedTest
  @EnumSource(Context.class)
  void ticksRunBeforeMicrotasksWhenTheProgramReturns(Context context) throws UvException {
    runIn(context, () -> {
      Promise.resolve(loop, null).thenAccept(v -> labels.add("promise1"));
      loop.queueMicrotask(log("microtask2"));
      loop.nextTick(log("tick1"));
      Promise.resolve(loop, null).thenAccept(v -> labels.add("promise3"));
      loop.nextTick(log("tick2"));
      labels.add("sync");
    });
    assertEquals(List.of("sync", "tick1", "tick2", "promise1", "microtask2", "promise3"), labels);
  }

  // 02
  @ParameterizedTest
  @EnumSource(Context.class)
  void promiseJobsAndQueuedMicrotasksShareOneFifo(Context context) throws UvException {
    runIn(context, () -> {
      loop.queueMicrotask(log("m1"));
      Promise.resolve(loop, null).thenAccept(v -> labels.add("p2"));
      loop.queueMicrotask(log("m3"));
      Promise.resolve(loop, null).thenAccept(v -> labels.add("p4"));
      loop.queueMicrotask(log("m5"));
      labels.add("sync");
    });
    assertEquals(List.of("sync", "m1", "p2", "m3", "p4", "m5"), labels);
  }

  /** Node's {@code process.nextTick(fn, ...args)}: the task gets the arguments as they were. */
  private void nextTickWith(Function<Object[], String> task, Object... args) {
    Object[] captured = args.clone();
    loop.nextTick(() -> labels.add(task.apply(captured)));
  }

  // 03: Node passes extra arguments; here the task gets a copy taken when it was queued.
  @ParameterizedTest
  @EnumSource(Context.class)
  void ticksRunInFifoOrderWithTheValuesCapturedWhenQueued(Context context) throws UvException {
    runIn(context, () -> {
      nextTickWith(a -> "t1 " + a[0], "x");
      nextTickWith(a -> "t2 " + a[0] + " " + a[1], "y", "z");
      nextTickWith(a -> "t3");
      Object[] numbers = {1, 2, 3, 4, 5};
      nextTickWith(a -> "t4 " + Stream.of(a).map(String::valueOf).collect(joining(",")), numbers);
      numbers[0] = 9;
      labels.add("sync");
    });
    assertEquals(List.of("sync", "t1 x", "t2 y z", "t3", "t4 1,2,3,4,5"), labels);
  }

  // 04
  @ParameterizedTest
  @EnumSource(Context.class)
  void tickQueuedInsideATickRunsInTheSameDrainBeforeMicrotasks(Context context) throws UvException {
    runIn(context, () -> {
      Promise.resolve(loop, null).thenAccept(v -> labels.add("promise"));
      loop.nextTick(() -> {
        labels.add("tick1");
        loop.nextTick(() -> {
          labels.add("tick1.1");
          loop.nextTick(log("tick1.1.1"));
        });
      });
      loop.nextTick(log("tick2"));
      labels.add("sync");
    });
    assertEquals(List.of("sync", "tick1", "tick2", "tick1.1", "tick1.1.1", "promise"), labels);
  }

  // 06
  @ParameterizedTest
  @EnumSource(Context.class)
  void tickQueuedInsideAMicrotaskRunsOnlyOnceTheMicrotaskQueueIsEmpty(Context context)
      throws UvException {
    runIn(context, () -> {
      Promise.resolve(loop, null).thenAccept(v -> {
        labels.add("p1");
        loop.nextTick(() -> {
          labels.add("tick-from-p1");
          Promise.resolve(loop, null).thenAccept(w -> labels.add("p-from-tick"));
        });
        Promise.resolve(loop, null).thenAccept(w -> labels.add("p1.1"));
      });
      Promise.resolve(loop, null).thenAccept(v -> {
        labels.add("p2");
        loop.queueMicrotask(() -> {
          labels.add("p2.1");
          loop.queueMicrotask(log("p2.1.1"));
        });
      });
      labels.add("sync");
    });
    assertEquals(
        List.of("sync", "p1", "p2", "p1.1", "p2.1", "p2.1.1", "tick-from-p1", "p-from-tick"),
        labels);
  }

  // 07
  @ParameterizedTest
  @EnumSource(Context.class)
  void microtaskQueuedInsideAMicrotaskIsAppendedToTheTail(Context context) throws UvException {
    runIn(context, () -> {
      loop.queueMicrotask(() -> {
        labels.add("a");
        loop.queueMicrotask(log("a.1"));
        loop.queueMicrotask(log("a.2"));
      });
      loop.queueMicrotask(() -> {
        labels.add("b");
        loop.queueMicrotask(log("b.1"));
      });
      loop.queueMicrotask(log("c"));
      labels.add("sync");
    });
    assertEquals(List.of("sync", "a", "b", "c", "a.1", "a.2", "b.1"), labels);
  }

  // 11
  @Test
  void ticksAndMicrotasksQueuedByATimerRunBeforeTheNextTimerWithTheSameTimeout() {
    Timer t1 = new Timer(loop);
    Timer t2 = new Timer(loop);
    Timer t3 = new Timer(loop);
    t1.start(0, () -> {
      labels.add("t1");
      loop.nextTick(log("t1-tick"));
      Promise.resolve(loop, null).thenAccept(v -> labels.add("t1-promise"));
      t1.close();
    });
    t2.start(0, () -> {
      labels.add("t2");
      loop.queueMicrotask(log("t2-micro"));
      t2.close();
    });
    t3.start(0, () -> {
      labels.add("t3");
      t3.close();
    });
    loop.run();
    assertEquals(List.of("t1", "t1-tick", "t1-promise", "t2", "t2-micro", "t3"), labels);
  }

  // 44
  /*
   * const log = (s) => console.log(s);
   * process.on('uncaughtException', (err) => log('uncaught: ' + err.message));
   * setTimeout(() => log('timeout 10ms'), 10);
   * process.nextTick(() => { log('tick1 throws'); throw new Error('boom-tick'); });
   * process.nextTick(() => log('tick2'));
   * Promise.resolve().then(() => log('promise'));
   * { const end = Date.now() + 20; while (Date.now() < end); }
   * Node v20: tick1 throws | uncaught: boom-tick | timeout 10ms | tick2 | promise
   */
  @Test
  void throwingTickLeavesTheRestQueuedForTheNextDrainPoint() {
    loop.onUncaughtException((error, origin) -> labels.add("uncaught: " + error.getMessage()));
    loop.setTimeout(log("timeout 10ms"), 10);
    loop.nextTick(() -> {
      labels.add("tick1 throws");
      throw new IllegalStateException("boom-tick");
    });
    loop.nextTick(log("tick2"));
    Promise.resolve(loop, null).thenAccept(v -> labels.add("promise"));
    long end = System.nanoTime() + 20_000_000L;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
    loop.runToCompletion();
    assertEquals(List.of("tick1 throws", "uncaught: boom-tick", "timeout 10ms", "tick2", "promise"), labels);
  }

  @Test
  void throwingTickGoesToTheHandlerThenRemainingTicksThenMicrotasks() {
    loop.onUncaughtException((error, origin) -> labels.add("uncaught: " + error.getMessage() + " " + origin));
    loop.nextTick(() -> {
      labels.add("tick1 throws");
      throw new IllegalStateException("boom-tick");
    });
    loop.nextTick(log("tick2"));
    Promise.resolve(loop, null).thenAccept(v -> labels.add("promise"));
    // counted from now, as Node's setTimeout counts, not from the loop's time when it was made
    loop.updateTime();
    Timer timer = new Timer(loop);
    timer.start(10, () -> {
      labels.add("timeout 10ms");
      timer.close();
    });
    labels.add("sync");
    loop.run();
    assertEquals(
        List.of(
            "sync",
            "tick1 throws",
            "uncaught: boom-tick UNCAUGHT_EXCEPTION",
            "tick2",
            "promise",
            "timeout 10ms"),
        labels);
  }

  // 44, with work queued by the handler: it goes behind what was already queued
  @Test
  void ticksAndMicrotasksQueuedByTheHandlerOfAThrowingTickJoinTheirQueues() {
    loop.onUncaughtException((error, origin) -> {
      labels.add("uncaught: " + error.getMessage());
      loop.nextTick(log("tick from handler"));
      loop.queueMicrotask(log("micro from handler"));
    });
    loop.nextTick(() -> {
      labels.add("tick1 throws");
      throw new IllegalStateException("boom");
    });
    loop.nextTick(log("tick2"));
    Promise.resolve(loop, null).thenAccept(v -> labels.add("promise"));
    labels.add("sync");
    loop.run();
    assertEquals(
        List.of(
            "sync",
            "tick1 throws",
            "uncaught: boom",
            "tick2",
            "tick from handler",
            "promise",
            "micro from handler"),
        labels);
  }

  // 47, for a tick: no handler, so run() throws and nothing queued behind the thrower runs
  @Test
  void throwingTickWithoutHandlerMakesRunThrowBeforeTheRemainingTicksRun() {
    RuntimeException boom = new IllegalStateException("fatal");
    loop.nextTick(() -> {
      labels.add("tick1 throws");
      throw boom;
    });
    loop.nextTick(log("tick2 (must not run)"));
    Promise.resolve(loop, null).thenAccept(v -> labels.add("promise (must not run)"));
    Timer timer = new Timer(loop);
    timer.start(0, log("timer (must not run)"));
    labels.add("sync");
    assertSame(boom, assertThrows(IllegalStateException.class, loop::run));
    assertEquals(List.of("sync", "tick1 throws"), labels);
    timer.close();
  }

  // 47: no handler, so run() throws; the thrower's ticks and the other due timer never run
  @Test
  void throwingTimerWithoutHandlerStopsBeforeItsTicksAndTheNextDueTimer() {
    RuntimeException fatal = new IllegalStateException("fatal");
    Timer t1 = new Timer(loop);
    Timer t2 = new Timer(loop);
    t1.start(5, () -> {
      labels.add("t1 throws");
      loop.nextTick(log("tick (must not run)"));
      loop.queueMicrotask(log("microtask (must not run)"));
      throw fatal;
    });
    t2.start(5, log("t2 (must not run)"));
    assertSame(fatal, assertThrows(IllegalStateException.class, loop::run));
    assertEquals(List.of("t1 throws"), labels);
    t1.close();
    t2.close();
  }

  // 48
  @Test
  void unhandledRejectionWithoutHandlerMakesRunThrowAfterTheQueuedTicksAndMicrotasks() {
    Timer timer = new Timer(loop);
    timer.start(5, log("timeout (must not run)"));
    loop.nextTick(log("tick runs before rejection is processed"));
    IllegalStateException reason = new IllegalStateException("nobody handles me");
    Promise.reject(loop, reason);
    loop.queueMicrotask(log("microtask runs before rejection is processed"));
    labels.add("sync");
    UncaughtException thrown = assertThrows(UncaughtException.class, loop::run);
    assertEquals(ErrorOrigin.UNHANDLED_REJECTION, thrown.origin());
    assertSame(reason, thrown.getCause());
    assertEquals(
        List.of(
            "sync",
            "tick runs before rejection is processed",
            "microtask runs before rejection is processed"),
        labels);
    timer.close();
  }

  // 49
  @Test
  void unhandledRejectionHandlerRunsAfterTheDrainAndTicksItQueuesRunRightAfter() {
    loop.onUnhandledRejection((reason, promise) -> {
      labels.add("unhandledRejection: " + reason.getMessage());
      loop.nextTick(log("tick from handler"));
    });
    Promise.reject(loop, new IllegalStateException("r1"));
    loop.nextTick(log("tick"));
    loop.queueMicrotask(log("micro"));
    Timer timer = new Timer(loop);
    timer.start(5, () -> {
      labels.add("timeout");
      timer.close();
    });
    labels.add("sync");
    loop.run();
    assertEquals(
        List.of("sync", "tick", "micro", "unhandledRejection: r1", "tick from handler", "timeout"),
        labels);
  }

  /*
   * const p = Promise.reject(new Error('late'));
   * queueMicrotask(() => p.catch((e) => log('caught:' + e.message)));
   * process.nextTick(() => log('tick'));
   * log('sync');
   * // sync, tick, caught:late (no crash)
   */
  @Test
  void rejectionHandledFromAMicrotaskOfTheSameDrainIsNotReported() {
    Promise<Object> p = Promise.reject(loop, new IllegalStateException("late"));
    loop.queueMicrotask(() -> p.catchError(e -> labels.add("caught:" + e.getMessage())));
    loop.nextTick(log("tick"));
    labels.add("sync");
    loop.run();
    assertEquals(List.of("sync", "tick", "caught:late"), labels);
  }

  // 57, with a 0 ms timer in place of the immediate
  @Test
  void selfRequeuingChainsOfThousandTicksAndThousandMicrotasksCompleteBeforeAZeroTimer() {
    Timer timer = new Timer(loop);
    timer.start(0, () -> {
      labels.add("timer");
      timer.close();
    });
    int[] n = {0};
    Runnable[] again = new Runnable[1];
    again[0] = () -> {
      if (++n[0] < 1000) loop.nextTick(again[0]);
      else labels.add("tick chain done n=" + n[0]);
    };
    loop.nextTick(again[0]);
    int[] m = {0};
    Runnable[] againMicro = new Runnable[1];
    againMicro[0] = () -> {
      if (++m[0] < 1000) loop.queueMicrotask(againMicro[0]);
      else labels.add("microtask chain done m=" + m[0]);
    };
    loop.queueMicrotask(againMicro[0]);
    loop.run();
    assertEquals(
        List.of("tick chain done n=1000", "microtask chain done m=1000", "timer"), labels);
  }

  /*
   * process.on('uncaughtException', (e) => log('uncaught: ' + e.message));
   * queueMicrotask(() => { log('m1 throws'); throw new Error('boom'); });
   * queueMicrotask(() => log('m2'));
   * Promise.resolve().then(() => log('p3'));
   * process.nextTick(() => log('tick'));
   * setTimeout(() => log('timeout'), 0);
   * log('sync');
   * // sync, tick, m1 throws, uncaught: boom, m2, p3, timeout
   */
  @Test
  void throwingMicrotaskGoesToTheHandlerAndTheNextMicrotaskStillRuns() {
    loop.onUncaughtException((error, origin) -> labels.add("uncaught: " + error.getMessage() + " " + origin));
    loop.queueMicrotask(() -> {
      labels.add("m1 throws");
      throw new IllegalStateException("boom");
    });
    loop.queueMicrotask(log("m2"));
    Promise.resolve(loop, null).thenAccept(v -> labels.add("p3"));
    loop.nextTick(log("tick"));
    Timer timer = new Timer(loop);
    timer.start(0, () -> {
      labels.add("timeout");
      timer.close();
    });
    labels.add("sync");
    loop.run();
    assertEquals(
        List.of("sync", "tick", "m1 throws", "uncaught: boom UNCAUGHT_EXCEPTION", "m2", "p3", "timeout"),
        labels);
  }
}
