package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A cancellable request whose completion upcall fails (a tracer that throws around its callback,
 * a stack overflow at the upcall's very entry, before any Java runs) is finished for good: its
 * native request is freed, and neither cancelling it nor closing its loop may touch that memory
 * or cancel the request that reuses it. A tracer's error never costs the callback its event. Under AddressSanitizer a stale address is a report; with glibc's
 * allocator the next request of the same size gets the freed block, so a stale cancel cancels it.
 */
class RequestLifetimeTest {
  /** The kinds of request that can be cancelled, each with what a tracer calls its completion. */
  enum Kind {
    WORK("queueWork done") {
      @Override
      Cancelable start(Loop loop, Path file, Consumer<String> outcome) throws UvException {
        return loop.queueWork(() -> "done", (value, error) -> outcome.accept(outcomeOf(error)));
      }
    },
    FS_STAT("fs.stat done") {
      @Override
      Cancelable start(Loop loop, Path file, Consumer<String> outcome) {
        return loop.fs().stat(file, (stat, error) -> outcome.accept(outcomeOf(error)));
      }
    },
    GETADDRINFO("getaddrinfo done") {
      @Override
      Cancelable start(Loop loop, Path file, Consumer<String> outcome) {
        return Dns.getAddrInfo(loop, "127.0.0.1", "80", Dns.Hints.family(4),
            (addresses, error) -> outcome.accept(outcomeOf(error)));
      }
    };

    final String completion;

    Kind(String completion) {
      this.completion = completion;
    }

    abstract Cancelable start(Loop loop, Path file, Consumer<String> outcome) throws UvException;

    private static String outcomeOf(Throwable error) {
      if (error == null) return "ok";
      return error instanceof UvException ? ((UvException) error).code() : error.toString();
    }
  }

  /** What the tracer below throws. */
  static final class TracerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TracerFailure(String what) {
      super("tracer failed at " + what);
    }
  }

  /** Throws from callbackStarted for the first callback named {@code failAt}. */
  private static final class ThrowingTracer implements LoopTracer {
    private final String failAt;
    private boolean thrown;

    ThrowingTracer(String failAt) {
      this.failAt = failAt;
    }

    @Override
    public void callbackStarted(Phase phase, String what) {
      if (thrown || !what.equals(failAt)) return;
      thrown = true;
      throw new TracerFailure(what);
    }
  }

  @TempDir Path dir;
  private Path file;
  private Loop loop;
  private PoolBlockers poolBlockers;
  /** Outcomes of the request whose completion upcall fails. */
  private final List<String> outcomes = new ArrayList<>();
  /** Tries of run() that the loop refused for want of stack, and whether a try then ran it. */
  private int refusedForStack;
  private boolean ranTheLoop;

  @BeforeEach
  void create() throws Exception {
    file = Files.writeString(dir.resolve("file"), "data");
    loop = Loop.create();
  }

  @AfterEach
  void close() {
    releasePool();
    loop.close();
  }

  /** Occupies every pool thread until releasePool(); returns once they all run. */
  private void occupyThePool() throws Exception {
    poolBlockers = new PoolBlockers(loop);
    poolBlockers.awaitRunning();
  }

  private void releasePool() {
    if (poolBlockers != null) poolBlockers.release();
  }

  /**
   * Starts a request of {@code kind} and has its completion arrive while every pool thread is
   * busy, so that a request started next must wait for one. Its callback stops the loop.
   */
  private Cancelable startThenOccupyThePool(Kind kind) throws Exception {
    Cancelable request = kind.start(loop, file, outcome -> {
      outcomes.add(outcome);
      loop.stop();
    });
    // the pool threads can only all start once the request has run and posted its completion
    occupyThePool();
    return request;
  }

  /** A request whose completion's tracer call throws; the callback still runs. */
  private Cancelable completeUnderAThrowingTracer(Kind kind) throws Exception {
    Cancelable request = startThenOccupyThePool(kind);
    loop.setTracer(new ThrowingTracer(kind.completion));
    assertThrows(TracerFailure.class, loop::run);
    loop.setTracer(null);
    assertEquals(List.of("ok"), outcomes, "the callback did not get its completion");
    return request;
  }

  /**
   * Recurses until the stack overflows, then, one frame higher at a time, tries {@code run(NOWAIT)}
   * until a try returns: the deeper tries overflow in Java, then the loop refuses them for want of
   * stack, which is counted in {@link #refusedForStack}.
   */
  private void descendThenRunTheLoop() {
    try {
      descendThenRunTheLoop();
    } catch (StackOverflowError limit) {
      // the deepest frame: start trying from here
    }
    if (ranTheLoop) return;
    try {
      loop.run(RunMode.NOWAIT);
      ranTheLoop = true;
    } catch (StackOverflowError overflow) {
      if (String.valueOf(overflow.getMessage()).contains("bytes of stack to run its callbacks")) refusedForStack++;
    }
  }

  /** Starts a request of the same kind, which waits for a pool thread, then cancels the lost one. */
  private void assertCancellingTheLostOneSparesTheNext(Kind kind, Cancelable lost) throws Exception {
    List<String> next = new ArrayList<>();
    kind.start(loop, file, next::add);
    assertFalse(lost.cancel(), "cancel() of a request whose completion has run");
    releasePool();
    loop.run();
    assertEquals(List.of("ok"), next);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aCompletionWhoseTracerThrowsStillReachesItsCallbackAndLeavesNoRequestInFlight(Kind kind) throws Exception {
    kind.start(loop, file, outcomes::add);
    loop.setTracer(new ThrowingTracer(kind.completion));
    assertThrows(TracerFailure.class, loop::run);
    assertEquals(List.of("ok"), outcomes);
    assertEquals(0, loop.requestsInFlight());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aTracerErrorAtACompletionGoesToTheUncaughtHandlerAfterTheCallback(Kind kind) throws Exception {
    List<String> seen = new ArrayList<>();
    loop.onUncaughtException((error, origin) -> seen.add(error.getMessage()));
    kind.start(loop, file, outcome -> seen.add("callback " + outcome));
    loop.setTracer(new ThrowingTracer(kind.completion));
    loop.run();
    assertEquals(List.of("callback ok", "tracer failed at " + kind.completion), seen);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void cancelAfterACompletionWhoseTracerThrewCancelsNoOtherRequest(Kind kind) throws Exception {
    assertCancellingTheLostOneSparesTheNext(kind, completeUnderAThrowingTracer(kind));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void closeThenCancelAfterACompletionWhoseTracerThrewTouchNoFreedRequest(Kind kind) throws Exception {
    Cancelable lost = completeUnderAThrowingTracer(kind);
    releasePool();
    loop.close();
    assertTrue(loop.isClosed());
    assertFalse(lost.cancel());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRunOnANearlyFullStackIsRefusedAndTheCompletionWaitsForARunThatCanDeliverIt(Kind kind) throws Exception {
    kind.start(loop, file, outcomes::add);
    // the pool threads can only all start once the request has run and posted its completion
    occupyThePool();
    descendThenRunTheLoop();
    assertTrue(refusedForStack > 0, "no run() was refused for want of stack");
    assertTrue(ranTheLoop);
    assertEquals(List.of("ok"), outcomes);
  }

  @Test
  void tasksQueuedBeforeARunRefusedForWantOfStackRunOnTheNextRun() {
    CompletableFuture<String> future = new CompletableFuture<>();
    Promise<String> promise = Promise.from(loop, future);
    // queues the task that settles the promise, and wakes the loop for it
    future.complete("value");
    descendThenRunTheLoop();
    assertTrue(refusedForStack > 0, "no run() was refused for want of stack");
    loop.run();
    assertEquals("value", promise.value());
  }
}
