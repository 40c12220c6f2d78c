package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Work on libuv's thread pool (queueWork), and random bytes (Uv.random), which also run there. */
class WorkTest extends LoopTestBase {

  private final List<PoolBlockers> blocking = new ArrayList<>();

  @AfterEach
  void releaseTheBlockers() {
    // a failed test must not leave pool threads waiting for the full timeout
    for (PoolBlockers b : blocking) b.release();
  }

  private void runGuarded() {
    Timer watchdog = Watchdog.arm(loop, 60_000);
    loop.run();
    watchdog.close();
  }

  /** Occupies every pool thread, released after the test at the latest. */
  private PoolBlockers occupyThePool() throws Exception {
    PoolBlockers blockers = new PoolBlockers(loop);
    blocking.add(blockers);
    blockers.awaitRunning();
    return blockers;
  }

  // --- results --------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} items")
  @ValueSource(ints = {1, 100, 10_000})
  void everyItemsResultComesBackOnceOnTheLoopThread(int items) throws Exception {
    Thread loopThread = Thread.currentThread();
    int[] times = new int[items];
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      int index = i;
      loop.queueWork(() -> index * 3L, (value, error) -> {
        if (error != null || value != index * 3L || Thread.currentThread() != loopThread) wrong.add(index + ": " + value + " " + error);
        times[index]++;
      });
    }
    runGuarded();
    assertEquals(List.of(), wrong);
    int[] once = new int[items];
    Arrays.fill(once, 1);
    assertArrayEquals(once, times);
  }

  @Test
  void promiseFormFulfilsWithWhatTheWorkReturned() throws Exception {
    List<Promise<Integer>> promises = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int index = i;
      promises.add(loop.queueWork(() -> index + 1000));
    }
    Promise<List<Integer>> all = Promise.all(loop, promises);
    runGuarded();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) expected.add(i + 1000);
    assertEquals(expected, all.value());
  }

  @Test
  void workReturningNullReportsNullAndNoError() throws Exception {
    List<String> seen = new ArrayList<>();
    loop.queueWork(() -> null, (value, error) -> seen.add(value + " " + error));
    runGuarded();
    assertEquals(List.of("null null"), seen);
  }

  @Test
  void theCallbackRunsAfterTheCallThatQueuedTheWorkReturns() throws Exception {
    List<String> order = new ArrayList<>();
    CountDownLatch ran = new CountDownLatch(1);
    loop.queueWork(() -> {
      ran.countDown();
      return "v";
    }, (value, error) -> order.add("callback"));
    assertTrue(ran.await(30, TimeUnit.SECONDS));
    order.add("returned");
    runGuarded();
    assertEquals(List.of("returned", "callback"), order);
  }

  // --- failures -------------------------------------------------------------------------------

  @Test
  void workThrowingAnUncheckedExceptionRejectsWithThatException() throws Exception {
    IllegalArgumentException thrown = new IllegalArgumentException("unchecked");
    Promise<Object> work = loop.queueWork(() -> {
      throw thrown;
    });
    work.catchError(e -> null);
    runGuarded();
    assertSame(thrown, work.reason());
  }

  @Test
  void workThrowingACheckedExceptionRejectsWithThatException() throws Exception {
    IOException thrown = new IOException("checked");
    Promise<Object> work = loop.queueWork(() -> {
      throw thrown;
    });
    work.catchError(e -> null);
    runGuarded();
    assertSame(thrown, work.reason());
  }

  @Test
  void workThrowingAnErrorGivesTheCallbackThatError() throws Exception {
    AssertionError thrown = new AssertionError("an error");
    List<Object> seen = new ArrayList<>();
    loop.queueWork(() -> {
      throw thrown;
    }, (value, error) -> {
      seen.add(value);
      seen.add(error);
    });
    runGuarded();
    assertEquals(Arrays.asList(null, thrown), seen);
  }

  // --- cancellation ---------------------------------------------------------------------------

  @Test
  void cancelBeforeTheWorkStartsReportsEcanceledAndNeverRunsIt() throws Exception {
    PoolBlockers blockers = occupyThePool();
    AtomicInteger ran = new AtomicInteger();
    List<Cancelable> queued = new ArrayList<>();
    List<Throwable> errors = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      queued.add(loop.queueWork(() -> ran.incrementAndGet(), (value, error) -> {
        assertNull(value);
        errors.add(error);
      }));
    }
    for (Cancelable c : queued) assertTrue(c.cancel(), "queued work should be cancellable");
    assertTrue(errors.isEmpty(), "cancelling does not call back inside cancel()");
    blockers.release();
    runGuarded();
    assertEquals(10, errors.size());
    for (Throwable e : errors) {
      UvException uv = (UvException) e;
      assertEquals("ECANCELED", uv.code());
      assertEquals("uv_queue_work", uv.syscall());
    }
    assertEquals(0, ran.get());
    assertEquals(Collections.nCopies(PoolSize.get(), true), blockers.outcomes);
  }

  @Test
  void closingTheLoopRejectsQueuedPromiseFormWorkWithEcanceledAndLetsRunningWorkFinish() throws Exception {
    PoolBlockers blockers = occupyThePool();
    AtomicInteger ran = new AtomicInteger();
    Promise<Integer> queued = loop.queueWork(() -> ran.incrementAndGet());
    queued.catchError(e -> null);
    // this item is cancelled too; its callback lets the running ones finish, so close() can end
    loop.queueWork(() -> ran.incrementAndGet(), (value, error) -> blockers.release());
    loop.close();
    assertEquals("ECANCELED", ((UvException) queued.reason()).code());
    assertEquals(0, ran.get());
    assertEquals(Collections.nCopies(PoolSize.get(), true), blockers.outcomes);
  }

  @Test
  void cancelAfterCompletionReturnsFalse() throws Exception {
    Cancelable work = loop.queueWork(() -> 1, (value, error) -> {});
    runGuarded();
    assertFalse(work.cancel());
  }

  @Test
  void cancelOfWorkAlreadyRunningReturnsFalseAndTheWorkCompletes() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Object> seen = new ArrayList<>();
    Cancelable work = loop.queueWork(() -> {
      started.countDown();
      return release.await(30, TimeUnit.SECONDS);
    }, (value, error) -> seen.add(error != null ? error : value));
    assertTrue(started.await(30, TimeUnit.SECONDS));
    assertFalse(work.cancel());
    release.countDown();
    runGuarded();
    assertEquals(List.of(true), seen);
  }

  @Test
  void cancelTwiceCancelsOnce() throws Exception {
    PoolBlockers blockers = occupyThePool();
    List<Throwable> errors = new ArrayList<>();
    Cancelable work = loop.queueWork(() -> 1, (value, error) -> errors.add(error));
    assertTrue(work.cancel());
    assertFalse(work.cancel());
    blockers.release();
    runGuarded();
    assertEquals(1, errors.size());
  }

  // --- the pool ---------------------------------------------------------------------------------

  @Test
  void poolThreadsAreDaemonsNamedUv4jPool() throws Exception {
    Set<String> names = ConcurrentHashMap.newKeySet();
    List<Boolean> daemons = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 200; i++) {
      loop.queueWork(() -> {
        names.add(Thread.currentThread().getName());
        daemons.add(Thread.currentThread().isDaemon());
        return null;
      }, (value, error) -> {});
    }
    runGuarded();
    assertFalse(names.isEmpty());
    for (String name : names) assertTrue(name.matches("uv4j-pool-\\d+"), name);
    assertTrue(names.size() <= PoolSize.get(), names.toString());
    assertFalse(daemons.contains(false));
  }

  @Test
  void aPoolOfTwoRunsEightBlockingItemsOnExactlyTwoThreads() throws Exception {
    assertEquals("threads=2 concurrent=2 gathered=true done=8 names=OK", probe(2, 8, "pairs"));
  }

  @Test
  void aPoolOfEightRunsEightBlockingItemsAtOnce() throws Exception {
    assertEquals("threads=8 concurrent=8 gathered=true done=8 names=OK", probe(8, 8, "gather"));
  }

  /** Runs {@link PoolProbe} in a fresh JVM with the given pool size; returns its report. */
  private static String probe(int poolSize, int items, String mode) throws Exception {
    return ChildJvm.run(Map.of("UV_THREADPOOL_SIZE", String.valueOf(poolSize)), PoolProbe.class,
        String.valueOf(items), mode);
  }

  // --- queues -----------------------------------------------------------------------------------

  @Test
  void nextTicksAndMicrotasksQueuedInACallbackRunRightAfterIt() throws Exception {
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int index = i;
      loop.queueWork(() -> index, (value, error) -> {
        order.add("callback " + value);
        loop.queueMicrotask(() -> order.add("microtask " + value));
        loop.nextTick(() -> order.add("tick " + value));
      });
    }
    runGuarded();
    assertEquals(60, order.size());
    for (int i = 0; i < 60; i += 3) {
      String value = order.get(i).substring("callback ".length());
      assertEquals(List.of("callback " + value, "tick " + value, "microtask " + value), order.subList(i, i + 3));
    }
  }

  // --- random -----------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 64 * 1024})
  void randomSyncGivesTheRequestedNumberOfBytes(int n) throws Exception {
    assertEquals(n, Uv.randomSync(n).length);
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 64 * 1024})
  void randomGivesTheRequestedNumberOfBytesOnTheLoopThread(int n) throws Exception {
    Thread loopThread = Thread.currentThread();
    Thread[] on = new Thread[1];
    Promise<byte[]> bytes = Uv.random(loop, n);
    assertTrue(bytes.isPending());
    bytes.thenAccept(b -> on[0] = Thread.currentThread());
    runGuarded();
    assertEquals(n, bytes.value().length);
    assertSame(loopThread, on[0]);
  }

  @Test
  void twoRandomResultsDiffer() throws Exception {
    assertFalse(Arrays.equals(Uv.randomSync(64), Uv.randomSync(64)));
    Promise<byte[]> first = Uv.random(loop, 64 * 1024);
    Promise<byte[]> second = Uv.random(loop, 64 * 1024);
    runGuarded();
    assertFalse(Arrays.equals(first.value(), second.value()));
    assertFalse(Arrays.equals(new byte[64 * 1024], first.value()), "not all zero");
  }
}
