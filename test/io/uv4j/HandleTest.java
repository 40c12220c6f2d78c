package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What every handle kind shares: start, stop, ref, unref, close. */
class HandleTest extends LoopTestBase {
  /** Creates, starts and stops one kind of handle the same way. */
  enum Kind {
    TIMER {
      @Override
      Handle create(Loop loop, Runnable callback) {
        return new Timer(loop);
      }

      @Override
      void start(Handle handle, Runnable callback) {
        ((Timer) handle).start(0, 1, callback);
      }

      @Override
      void stop(Handle handle) {
        ((Timer) handle).stop();
      }
    },
    IDLE {
      @Override
      Handle create(Loop loop, Runnable callback) {
        return new Idle(loop);
      }

      @Override
      void start(Handle handle, Runnable callback) {
        ((Idle) handle).start(callback);
      }

      @Override
      void stop(Handle handle) {
        ((Idle) handle).stop();
      }
    },
    PREPARE {
      @Override
      Handle create(Loop loop, Runnable callback) {
        return new Prepare(loop);
      }

      @Override
      void start(Handle handle, Runnable callback) {
        ((Prepare) handle).start(callback);
      }

      @Override
      void stop(Handle handle) {
        ((Prepare) handle).stop();
      }
    },
    CHECK {
      @Override
      Handle create(Loop loop, Runnable callback) {
        return new Check(loop);
      }

      @Override
      void start(Handle handle, Runnable callback) {
        ((Check) handle).start(callback);
      }

      @Override
      void stop(Handle handle) {
        ((Check) handle).stop();
      }
    },
    /** An async handle is started by its creation and stopped only by close. */
    ASYNC {
      @Override
      Handle create(Loop loop, Runnable callback) throws UvException {
        return new Async(loop, callback);
      }

      @Override
      void start(Handle handle, Runnable callback) {
        ((Async) handle).send();
      }

      @Override
      void stop(Handle handle) {
        throw new UnsupportedOperationException("an async handle has no stop()");
      }
    };

    /** A new handle; it is started only if its kind starts on creation. */
    abstract Handle create(Loop loop, Runnable callback) throws UvException;

    /** Starts the handle so that {@code callback} runs in the loop's next iteration. */
    abstract void start(Handle handle, Runnable callback);

    abstract void stop(Handle handle);

    boolean startsOnCreation() {
      return this == ASYNC;
    }

    Handle create(Loop loop) throws UvException {
      return create(loop, () -> {});
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void newHandleIsOpenReferencedAndBelongsToItsLoop(Kind kind) throws UvException {
    Handle handle = kind.create(loop);

    assertFalse(handle.isClosing());
    assertTrue(handle.hasRef());
    assertSame(loop, handle.loop());
    assertEquals(kind.startsOnCreation(), handle.isActive());
    handle.close();
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = "ASYNC", mode = EnumSource.Mode.EXCLUDE)
  void startMakesTheHandleActiveAndStopInactive(Kind kind) throws UvException {
    Handle handle = kind.create(loop);

    kind.start(handle, () -> {});
    assertTrue(handle.isActive());
    assertTrue(loop.isAlive());

    kind.stop(handle);
    assertFalse(handle.isActive());
    assertFalse(loop.isAlive());
    handle.close();
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = "ASYNC", mode = EnumSource.Mode.EXCLUDE)
  void stoppingAStoppedHandleDoesNothing(Kind kind) throws UvException {
    Handle handle = kind.create(loop);

    kind.stop(handle);
    kind.stop(handle);

    assertFalse(handle.isActive());
    handle.close();
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = "ASYNC", mode = EnumSource.Mode.EXCLUDE)
  void stoppedHandleDoesNotFire(Kind kind) throws UvException {
    AtomicInteger fired = new AtomicInteger();
    AtomicInteger iterations = new AtomicInteger();
    Handle handle = kind.create(loop);
    kind.start(handle, fired::incrementAndGet);
    Idle spinner = new Idle(loop).start(iterations::incrementAndGet);

    kind.stop(handle);
    loop.run(RunMode.NOWAIT);
    loop.run(RunMode.NOWAIT);

    assertEquals(2, iterations.get(), "the loop iterated");
    assertEquals(0, fired.get());
    handle.close();
    spinner.close();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void startedHandleFiresOnTheLoopThread(Kind kind) throws UvException {
    List<Thread> firedOn = new ArrayList<>();
    Handle handle = kind.create(loop, () -> firedOn.add(Thread.currentThread()));
    kind.start(
        handle,
        () -> {
          firedOn.add(Thread.currentThread());
          handle.close();
        });

    loop.run(RunMode.NOWAIT);

    assertEquals(List.of(Thread.currentThread()), firedOn);
    handle.close();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void unrefAndRefToggleHasRef(Kind kind) throws UvException {
    Handle handle = kind.create(loop);

    handle.unref();
    assertFalse(handle.hasRef());
    handle.unref();
    assertFalse(handle.hasRef(), "unref is idempotent");

    handle.ref();
    assertTrue(handle.hasRef());
    handle.ref();
    assertTrue(handle.hasRef(), "ref is idempotent");
    handle.close();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void activeReferencedHandleKeepsTheLoopAlive(Kind kind) throws UvException {
    Handle handle = kind.create(loop);
    if (!kind.startsOnCreation()) kind.start(handle, () -> {});

    assertTrue(loop.isAlive());
    handle.close();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void unreferencedActiveHandleDoesNotKeepTheLoopAlive(Kind kind) throws UvException {
    Handle handle = kind.create(loop);
    if (!kind.startsOnCreation()) kind.start(handle, () -> {});

    handle.unref();

    assertTrue(handle.isActive());
    assertFalse(loop.isAlive());
    long start = System.nanoTime();
    assertFalse(loop.run());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    handle.close();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void closeMarksTheHandleClosingAtOnce(Kind kind) throws UvException {
    Handle handle = kind.create(loop);

    handle.close();

    assertTrue(handle.isClosing());
    assertFalse(loop.handles().contains(handle));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void closeStopsAnActiveHandle(Kind kind) throws UvException {
    AtomicInteger fired = new AtomicInteger();
    Handle handle = kind.create(loop, fired::incrementAndGet);
    kind.start(handle, fired::incrementAndGet);

    handle.close();
    assertFalse(loop.run());

    assertEquals(0, fired.get());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void closeCallbackRunsOnceOnTheLoopThreadAfterCloseReturns(Kind kind) throws UvException {
    List<Thread> ranOn = new ArrayList<>();
    Handle handle = kind.create(loop);

    handle.close(() -> ranOn.add(Thread.currentThread()));
    assertEquals(List.of(), ranOn, "onClose ran inside close()");

    assertFalse(loop.run());
    assertEquals(List.of(Thread.currentThread()), ranOn);
    loop.run();
    assertEquals(1, ranOn.size());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void closingTwiceDoesNothingAndTheSecondCallbackNeverRuns(Kind kind) throws UvException {
    AtomicInteger first = new AtomicInteger();
    AtomicInteger second = new AtomicInteger();
    Handle handle = kind.create(loop);

    handle.close(first::incrementAndGet);
    handle.close(second::incrementAndGet);
    loop.run();
    handle.close(second::incrementAndGet);
    handle.close();
    loop.run();

    assertEquals(1, first.get());
    assertEquals(0, second.get());
    assertTrue(handle.isClosing());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void closeWithNullCallbackCloses(Kind kind) throws UvException {
    Handle handle = kind.create(loop);

    handle.close(null);
    assertFalse(loop.run());

    assertTrue(handle.isClosing());
    assertEquals(List.of(), loop.handles());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void creatingAHandleOnAClosedLoopThrowsIllegalStateException(Kind kind) {
    loop.close();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> kind.create(loop));

    assertTrue(e.getMessage().contains("is closed"), e.getMessage());
  }

  /** A method of a handle, called after the handle was closed. */
  @FunctionalInterface
  interface HandleCall {
    void call(Handle handle);
  }

  static Stream<Arguments> methodsAfterClose() {
    List<Arguments> calls = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      String k = kind.name().charAt(0) + kind.name().substring(1).toLowerCase();
      calls.add(Arguments.of(kind, k + ".ref()", (HandleCall) Handle::ref));
      calls.add(Arguments.of(kind, k + ".unref()", (HandleCall) Handle::unref));
      calls.add(Arguments.of(kind, k + ".hasRef()", (HandleCall) Handle::hasRef));
      calls.add(Arguments.of(kind, k + ".isActive()", (HandleCall) Handle::isActive));
    }
    calls.add(Arguments.of(Kind.TIMER, "Timer.start(t, cb)",
        (HandleCall) h -> ((Timer) h).start(1, () -> {})));
    calls.add(Arguments.of(Kind.TIMER, "Timer.start(t, r, cb)",
        (HandleCall) h -> ((Timer) h).start(1, 1, () -> {})));
    calls.add(Arguments.of(Kind.TIMER, "Timer.stop()", (HandleCall) h -> ((Timer) h).stop()));
    calls.add(Arguments.of(Kind.TIMER, "Timer.again()", (HandleCall) h -> ((Timer) h).again()));
    calls.add(Arguments.of(Kind.TIMER, "Timer.setRepeat()",
        (HandleCall) h -> ((Timer) h).setRepeat(1)));
    calls.add(Arguments.of(Kind.TIMER, "Timer.repeat()", (HandleCall) h -> ((Timer) h).repeat()));
    calls.add(Arguments.of(Kind.TIMER, "Timer.dueIn()", (HandleCall) h -> ((Timer) h).dueIn()));
    calls.add(Arguments.of(Kind.IDLE, "Idle.start()",
        (HandleCall) h -> ((Idle) h).start(() -> {})));
    calls.add(Arguments.of(Kind.IDLE, "Idle.stop()", (HandleCall) h -> ((Idle) h).stop()));
    calls.add(Arguments.of(Kind.PREPARE, "Prepare.start()",
        (HandleCall) h -> ((Prepare) h).start(() -> {})));
    calls.add(Arguments.of(Kind.PREPARE, "Prepare.stop()",
        (HandleCall) h -> ((Prepare) h).stop()));
    calls.add(Arguments.of(Kind.CHECK, "Check.start()",
        (HandleCall) h -> ((Check) h).start(() -> {})));
    calls.add(Arguments.of(Kind.CHECK, "Check.stop()", (HandleCall) h -> ((Check) h).stop()));
    calls.add(Arguments.of(Kind.ASYNC, "Async.send()", (HandleCall) h -> ((Async) h).send()));
    return calls.stream();
  }

  @ParameterizedTest(name = "{1} on a closing handle throws IllegalStateException")
  @MethodSource("methodsAfterClose")
  void everyMethodThrowsOnceCloseWasCalled(Kind kind, String name, HandleCall call)
      throws UvException {
    Handle handle = kind.create(loop);
    handle.close();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> call.call(handle));

    assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
  }

  @ParameterizedTest(name = "{1} after the close callback ran throws IllegalStateException")
  @MethodSource("methodsAfterClose")
  void everyMethodThrowsAfterTheCloseCompleted(Kind kind, String name, HandleCall call)
      throws UvException {
    Handle handle = kind.create(loop);
    handle.close();
    loop.run();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> call.call(handle));

    assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
  }

  @ParameterizedTest(name = "{1} after the loop closed throws IllegalStateException")
  @MethodSource("methodsAfterClose")
  void everyMethodThrowsAfterTheLoopClosed(Kind kind, String name, HandleCall call)
      throws UvException {
    Handle handle = kind.create(loop);
    loop.close();

    assertThrows(IllegalStateException.class, () -> call.call(handle));
  }
}
