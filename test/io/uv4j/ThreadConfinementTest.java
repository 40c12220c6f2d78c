package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A loop and its handles belong to the thread that created the loop. */
class ThreadConfinementTest {
  /** One loop with one handle of each kind, all created on the test thread. */
  static final class Fixture {
    final Loop loop;
    final Timer timer;
    final Idle idle;
    final Prepare prepare;
    final Check check;
    final Async async;

    Fixture() throws UvException {
      loop = Loop.create();
      timer = new Timer(loop).start(10_000, () -> {});
      idle = new Idle(loop);
      prepare = new Prepare(loop);
      check = new Check(loop);
      async = new Async(loop, () -> {});
    }
  }

  /** A call made on the fixture from another thread. */
  @FunctionalInterface
  interface FixtureCall {
    void call(Fixture f) throws Throwable;
  }

  private Fixture f;

  @BeforeEach
  void createFixture() throws UvException {
    f = new Fixture();
  }

  @AfterEach
  void closeLoop() {
    f.loop.close();
  }

  static Stream<Named<FixtureCall>> confinedCalls() {
    return Stream.of(
        call("Loop.run()", f -> f.loop.run()),
        call("Loop.run(NOWAIT)", f -> f.loop.run(RunMode.NOWAIT)),
        call("Loop.stop()", f -> f.loop.stop()),
        call("Loop.isAlive()", f -> f.loop.isAlive()),
        call("Loop.isRunning()", f -> f.loop.isRunning()),
        call("Loop.isClosed()", f -> f.loop.isClosed()),
        call("Loop.now()", f -> f.loop.now()),
        call("Loop.updateTime()", f -> f.loop.updateTime()),
        call("Loop.backendFd()", f -> f.loop.backendFd()),
        call("Loop.backendTimeout()", f -> f.loop.backendTimeout()),
        call("Loop.enableIdleTimeMetrics()", f -> f.loop.enableIdleTimeMetrics()),
        call("Loop.idleTime()", f -> f.loop.idleTime()),
        call("Loop.metrics()", f -> f.loop.metrics()),
        call("Loop.handles()", f -> f.loop.handles()),
        call("Loop.nextTick()", f -> f.loop.nextTick(() -> {})),
        call("Loop.queueMicrotask()", f -> f.loop.queueMicrotask(() -> {})),
        call("Loop.onUncaughtException()", f -> f.loop.onUncaughtException(null)),
        call("Loop.onUnhandledRejection()", f -> f.loop.onUnhandledRejection(null)),
        call("Loop.promise()", f -> f.loop.promise()),
        call("Loop.close()", f -> f.loop.close()),
        call("new Timer(loop)", f -> new Timer(f.loop)),
        call("new Idle(loop)", f -> new Idle(f.loop)),
        call("new Prepare(loop)", f -> new Prepare(f.loop)),
        call("new Check(loop)", f -> new Check(f.loop)),
        call("new Async(loop, callback)", f -> new Async(f.loop, () -> {})),
        call("Handle.close()", f -> f.idle.close()),
        call("Handle.close(onClose)", f -> f.idle.close(() -> {})),
        call("Handle.ref()", f -> f.timer.ref()),
        call("Handle.unref()", f -> f.timer.unref()),
        call("Handle.hasRef()", f -> f.timer.hasRef()),
        call("Handle.isActive()", f -> f.timer.isActive()),
        call("Handle.isClosing()", f -> f.timer.isClosing()),
        call("Timer.start(timeout, callback)", f -> f.timer.start(1, () -> {})),
        call("Timer.start(timeout, repeat, callback)", f -> f.timer.start(1, 1, () -> {})),
        call("Timer.stop()", f -> f.timer.stop()),
        call("Timer.again()", f -> f.timer.again()),
        call("Timer.setRepeat()", f -> f.timer.setRepeat(5)),
        call("Timer.repeat()", f -> f.timer.repeat()),
        call("Timer.dueIn()", f -> f.timer.dueIn()),
        call("Idle.start()", f -> f.idle.start(() -> {})),
        call("Idle.stop()", f -> f.idle.stop()),
        call("Prepare.start()", f -> f.prepare.start(() -> {})),
        call("Prepare.stop()", f -> f.prepare.stop()),
        call("Check.start()", f -> f.check.start(() -> {})),
        call("Check.stop()", f -> f.check.stop()),
        call("Async.close()", f -> f.async.close()),
        call("Async.unref()", f -> f.async.unref()));
  }

  private static Named<FixtureCall> call(String name, FixtureCall call) {
    return Named.of(name, call);
  }

  @ParameterizedTest(name = "{0} from another thread throws IllegalStateException")
  @MethodSource("confinedCalls")
  void callFromAnotherThreadThrowsIllegalStateException(FixtureCall call) throws Exception {
    OtherThread.assertRejected(() -> call.call(f));
  }

  @Test
  void rejectionMessageNamesBothThreadsAndPointsToExecute() throws Exception {
    Throwable thrown = OtherThread.thrownBy(f.loop::now);

    String message = thrown.getMessage();
    assertTrue(message.contains("'" + Thread.currentThread().getName() + "'"), message);
    assertTrue(message.contains("'not-the-loop-thread'"), message);
    assertTrue(message.contains("execute()"), message);
  }

  @Test
  void handleMethodsCalledFromAnotherThreadChangeNothing() throws Exception {
    f.idle.start(() -> {});

    OtherThread.assertRejected(() -> f.timer.stop());
    OtherThread.assertRejected(() -> f.idle.stop());
    OtherThread.assertRejected(() -> f.prepare.start(() -> {}));
    OtherThread.assertRejected(() -> f.timer.unref());
    OtherThread.assertRejected(() -> f.check.close());
    OtherThread.assertRejected(() -> f.timer.setRepeat(99));

    assertTrue(f.timer.isActive());
    assertTrue(f.idle.isActive());
    assertFalse(f.prepare.isActive());
    assertTrue(f.timer.hasRef());
    assertFalse(f.check.isClosing());
    assertEquals(0, f.timer.repeat());
    f.idle.stop();
  }

  @Test
  void timerStartedFromAnotherThreadNeverFires() throws Exception {
    AtomicBoolean fired = new AtomicBoolean();
    f.timer.stop();

    OtherThread.assertRejected(() -> f.timer.start(0, () -> fired.set(true)));
    f.timer.close();
    f.async.close();
    f.loop.run();

    assertFalse(fired.get());
  }

  @Test
  void nextTickFromAnotherThreadQueuesNothing() throws Exception {
    AtomicBoolean ran = new AtomicBoolean();

    OtherThread.assertRejected(() -> f.loop.nextTick(() -> ran.set(true)));
    f.loop.run(RunMode.NOWAIT);

    assertFalse(ran.get());
  }

  @Test
  void loopCloseFromAnotherThreadLeavesTheLoopOpen() throws Exception {
    OtherThread.assertRejected(() -> f.loop.close());

    assertFalse(f.loop.isClosed());
    assertTrue(f.timer.isActive());
  }

  @Test
  void handleLoopIsReadableFromAnyThreadSoItCanReachExecute() throws Exception {
    AtomicReference<Loop> seen = new AtomicReference<>();

    assertNull(OtherThread.thrownBy(() -> seen.set(f.timer.loop())));

    assertSame(f.loop, seen.get());
  }

  @Test
  void asyncSendIsAllowedFromAnotherThread() throws Exception {
    assertNull(OtherThread.thrownBy(() -> f.async.send()));
  }

  @Test
  void runFromInsideACallbackThrowsIllegalStateException() {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    f.timer.start(
        0,
        () -> {
          try {
            f.loop.run();
          } catch (Throwable t) {
            thrown.set(t);
          }
        });
    f.async.close();

    f.loop.run();

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown.get());
    assertTrue(e.getMessage().contains("inside a callback"), e.getMessage());
  }

  @Test
  void closeFromInsideACallbackThrowsIllegalStateException() {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    f.timer.start(
        0,
        () -> {
          try {
            f.loop.close();
          } catch (Throwable t) {
            thrown.set(t);
          }
        });
    f.async.close();

    f.loop.run();

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown.get());
    assertTrue(e.getMessage().contains("inside a callback"), e.getMessage());
    assertFalse(f.loop.isClosed());
  }

  @Test
  void closeFromInsideACloseCallbackDuringLoopCloseThrowsIllegalStateException() {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    f.idle.close(
        () -> {
          try {
            f.loop.close();
          } catch (Throwable t) {
            thrown.set(t);
          }
        });

    f.loop.close();

    assertInstanceOf(IllegalStateException.class, thrown.get());
    assertTrue(f.loop.isClosed());
  }

  @Test
  void nestedRunAttemptLeavesTheOuterRunWorking() {
    AtomicInteger fired = new AtomicInteger();
    f.timer.start(
        0,
        () -> {
          try {
            f.loop.run(RunMode.NOWAIT);
          } catch (IllegalStateException expected) {
            fired.incrementAndGet();
          }
        });
    new Timer(f.loop).start(10, fired::incrementAndGet);
    f.async.close();

    assertFalse(f.loop.run());

    assertEquals(2, fired.get());
  }
}
