package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What happens to an exception a callback throws: Node's uncaughtException, in Java. */
class UncaughtExceptionTest {
  private Loop loop;

  @BeforeEach
  void createLoop() throws UvException {
    loop = Loop.create();
    Watchdog.arm(loop, 30_000);
  }

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  @Test
  void exceptionFromATimerCallbackIsRethrownByRunAsItIs() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    new Timer(loop).start(1, () -> {
      throw boom;
    });

    RuntimeException thrown = assertThrows(RuntimeException.class, loop::run);

    assertSame(boom, thrown);
  }

  @Test
  void errorFromACallbackIsRethrownByRunAsItIs() {
    StackOverflowError overflow = new StackOverflowError("deep");
    new Idle(loop).start(() -> {
      throw overflow;
    });

    Error thrown = assertThrows(Error.class, loop::run);

    assertSame(overflow, thrown);
  }

  @Test
  void laterCallbacksOfThatRunDoNotRun() {
    List<String> ran = new ArrayList<>();
    new Timer(loop).start(5, () -> {
      ran.add("thrower");
      throw new IllegalStateException("boom");
    });
    new Timer(loop).start(5, () -> ran.add("same timeout, started later"));
    new Timer(loop).start(20, () -> ran.add("later timer"));

    assertThrows(IllegalStateException.class, loop::run);

    assertEquals(List.of("thrower"), ran);
  }

  @Test
  void ticksAndMicrotasksQueuedByAThrowingCallbackDoNotRunInThatRun() {
    List<String> ran = new ArrayList<>();
    new Timer(loop).start(1, () -> {
      loop.nextTick(() -> ran.add("tick"));
      loop.queueMicrotask(() -> ran.add("microtask"));
      throw new IllegalStateException("boom");
    });

    assertThrows(IllegalStateException.class, loop::run);

    assertEquals(List.of(), ran);
  }

  @Test
  void exceptionFromATickStopsTheRemainingTicks() {
    List<String> ran = new ArrayList<>();
    new Timer(loop).start(1, () -> {
      loop.nextTick(() -> {
        throw new IllegalStateException("boom");
      });
      loop.nextTick(() -> ran.add("second tick"));
    });

    assertThrows(IllegalStateException.class, loop::run);

    assertEquals(List.of(), ran);
  }

  @Test
  void loopCanRunAgainAfterRunRethrew() {
    AtomicInteger fired = new AtomicInteger();
    new Timer(loop).start(1, () -> {
      throw new IllegalStateException("boom");
    });
    assertThrows(IllegalStateException.class, loop::run);

    new Timer(loop).start(1, fired::incrementAndGet);

    assertFalse(loop.run());
    assertEquals(1, fired.get());
  }

  @Test
  void handlerGetsTheExceptionAsUncaughtAndTheLoopContinues() {
    List<Throwable> errors = new ArrayList<>();
    List<ErrorOrigin> origins = new ArrayList<>();
    loop.onUncaughtException((error, origin) -> {
      errors.add(error);
      origins.add(origin);
    });
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    AtomicInteger laterFired = new AtomicInteger();
    new Timer(loop).start(1, () -> {
      throw boom;
    });
    new Timer(loop).start(20, laterFired::incrementAndGet);

    assertFalse(loop.run());

    assertEquals(List.of(boom), errors);
    assertEquals(List.of(ErrorOrigin.UNCAUGHT_EXCEPTION), origins);
    assertEquals(1, laterFired.get());
  }

  @Test
  void handlerRunsOnTheLoopThread() {
    List<Thread> ranOn = new ArrayList<>();
    loop.onUncaughtException((error, origin) -> ranOn.add(Thread.currentThread()));
    new Timer(loop).start(1, () -> {
      throw new IllegalStateException("boom");
    });

    loop.run();

    assertEquals(List.of(Thread.currentThread()), ranOn);
  }

  @Test
  void repeatingTimerThatThrowsKeepsRepeatingUnderAHandler() {
    AtomicInteger handled = new AtomicInteger();
    loop.onUncaughtException((error, origin) -> handled.incrementAndGet());
    Timer timer = new Timer(loop);
    AtomicInteger fired = new AtomicInteger();
    timer.start(1, 1, () -> {
      if (fired.incrementAndGet() == 3) timer.stop();
      throw new IllegalStateException("boom " + fired.get());
    });

    assertFalse(loop.run());

    assertEquals(3, fired.get());
    assertEquals(3, handled.get());
  }

  @Test
  void removingTheHandlerRestoresTheDefault() {
    loop.onUncaughtException((error, origin) -> {});
    loop.onUncaughtException(null);
    new Timer(loop).start(1, () -> {
      throw new IllegalStateException("boom");
    });

    assertThrows(IllegalStateException.class, loop::run);
  }

  @Test
  void handlerThatThrowsStopsTheLoopWithItsOwnExceptionSuppressingTheOriginal() {
    IllegalStateException original = new IllegalStateException("original");
    IllegalArgumentException fromHandler = new IllegalArgumentException("from handler");
    loop.onUncaughtException((error, origin) -> {
      throw fromHandler;
    });
    new Timer(loop).start(1, () -> {
      throw original;
    });

    RuntimeException thrown = assertThrows(RuntimeException.class, loop::run);

    assertSame(fromHandler, thrown);
    assertArrayEquals(new Throwable[] {original}, thrown.getSuppressed());
  }

  @Test
  void checkedExceptionThrownSneakilyIsWrappedInUncaughtException() {
    IOException checked = new IOException("disk on fire");
    new Timer(loop).start(1, () -> sneakyThrow(checked));

    UncaughtException thrown = assertThrows(UncaughtException.class, loop::run);

    assertSame(checked, thrown.getCause());
    assertEquals(ErrorOrigin.UNCAUGHT_EXCEPTION, thrown.origin());
    assertTrue(thrown.getMessage().contains("disk on fire"), thrown.getMessage());
  }

  @Test
  void checkedExceptionThrownSneakilyReachesTheHandlerUnwrapped() {
    IOException checked = new IOException("disk on fire");
    List<Throwable> errors = new ArrayList<>();
    loop.onUncaughtException((error, origin) -> errors.add(error));
    new Timer(loop).start(1, () -> sneakyThrow(checked));

    loop.run();

    assertEquals(List.of(checked), errors);
  }

  @Test
  void exceptionFromACloseCallbackIsRethrownByRun() {
    IllegalStateException boom = new IllegalStateException("boom");
    new Timer(loop).close(() -> {
      throw boom;
    });

    RuntimeException thrown = assertThrows(RuntimeException.class, loop::run);

    assertSame(boom, thrown);
  }

  @Test
  void exceptionFromACloseCallbackDuringLoopCloseIsRethrownByCloseWhichStillCloses() {
    IllegalStateException boom = new IllegalStateException("boom");
    new Timer(loop).close(() -> {
      throw boom;
    });

    RuntimeException thrown = assertThrows(RuntimeException.class, loop::close);

    assertSame(boom, thrown);
    assertTrue(loop.isClosed());
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }
}
