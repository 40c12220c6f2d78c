package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * libuv runs every pool item that finished since the loop last looked from one callback; such a
 * burst reaches Java in one upcall, and each completion in it must still behave exactly as a
 * completion of its own: drained after it, suppressed once an unhandled error stops the loop,
 * traced, released when (and only when) it is delivered.
 */
class BatchedCompletionTest extends LoopTestBase {
  private static final int BURST = PoolSize.get();

  private final CountDownLatch finish = new CountDownLatch(1);
  private final CountDownLatch followersFinish = new CountDownLatch(1);
  private final List<String> log = new ArrayList<>();

  @AfterEach
  void releasePoolThreads() {
    // a failed test must not leave pool threads waiting for the full timeout
    finish.countDown();
    followersFinish.countDown();
  }

  /**
   * Queues one item per pool thread, each returning its index, that all finish while the loop
   * thread is busy, so that libuv hands them to the loop together. Behind them wait as many
   * followers, which block until the burst is complete, so that each pool thread takes one: a
   * pool thread takes its follower only once its item is queued for the loop, so once every
   * follower has started, the whole burst is waiting, and the followers come after it.
   */
  private List<Cancelable> burst(Loop.WorkCallback<Integer> callback) throws Exception {
    CountDownLatch started = new CountDownLatch(BURST);
    CountDownLatch followersStarted = new CountDownLatch(BURST);
    List<Cancelable> items = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      int index = i;
      items.add(loop.queueWork(() -> {
        started.countDown();
        assertTrue(finish.await(30, TimeUnit.SECONDS), "the burst was never released");
        return index;
      }, callback));
    }
    for (int i = 0; i < BURST; i++) {
      loop.queueWork(() -> {
        followersStarted.countDown();
        return followersFinish.await(30, TimeUnit.SECONDS);
      }, (value, error) -> {});
    }
    assertTrue(started.await(30, TimeUnit.SECONDS), "the pool threads never all started");
    Timer release = new Timer(loop);
    release.start(0, () -> {
      release.close();
      finish.countDown();
      try {
        assertTrue(followersStarted.await(30, TimeUnit.SECONDS), "the burst never finished");
        followersFinish.countDown();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    return items;
  }

  /** Whether the log is `count` runs of the given entries, each run naming one item. */
  private void assertRunsOf(String... entries) {
    assertEquals(BURST * entries.length, log.size(), log.toString());
    for (int run = 0; run < BURST; run++) {
      String item = log.get(run * entries.length).split(" ")[1];
      for (int i = 0; i < entries.length; i++) {
        assertEquals(entries[i] + " " + item, log.get(run * entries.length + i), log.toString());
      }
    }
  }

  @Test
  void eachCompletionOfABurstIsFollowedByItsNextTicksAndMicrotasks() throws Exception {
    burst((value, error) -> {
      log.add("done " + value);
      loop.queueMicrotask(() -> log.add("microtask " + value));
      loop.nextTick(() -> log.add("tick " + value));
    });

    loop.run();

    assertRunsOf("done", "tick", "microtask");
  }

  @Test
  void aRequestOfTheBurstLeavesTheRequestsInFlightWhenItIsDelivered() throws Exception {
    List<Integer> inFlight = new ArrayList<>();
    burst((value, error) -> inFlight.add(loop.requestsInFlight()));

    loop.run();

    List<Integer> expected = new ArrayList<>();
    // the followers stay in flight until after the burst
    for (int i = 1; i <= BURST; i++) expected.add(2 * BURST - i);
    assertEquals(expected, inFlight);
  }

  @Test
  void aHandleClosedByOneCompletionIsClosingForTheNextAndClosedAfterTheBurst() throws Exception {
    Idle idle = new Idle(loop);
    burst((value, error) -> {
      log.add("done " + value + (idle.isClosing() ? " closing" : " open"));
      if (!idle.isClosing()) idle.close(() -> log.add("closed"));
    });

    loop.run();

    assertEquals(BURST + 1, log.size(), log.toString());
    assertTrue(log.get(0).endsWith(" open"), log.toString());
    for (int i = 1; i < BURST; i++) assertTrue(log.get(i).endsWith(" closing"), log.toString());
    assertEquals("closed", log.get(BURST));
  }

  @Test
  void cancellingAnotherRequestOfTheBurstFailsAndItStillDeliversItsValue() throws Exception {
    List<Cancelable> items = new ArrayList<>();
    List<Boolean> cancelled = new ArrayList<>();
    List<Object> outcomes = new ArrayList<>();
    items.addAll(burst((value, error) -> {
      if (outcomes.isEmpty()) {
        for (Cancelable item : items) cancelled.add(item.cancel());
      }
      outcomes.add(error != null ? error : value);
    }));

    loop.run();

    assertEquals(BURST, cancelled.size());
    assertFalse(cancelled.contains(true), cancelled.toString());
    assertEquals(BURST, outcomes.size());
    for (Object outcome : outcomes) assertTrue(outcome instanceof Integer, outcomes.toString());
  }

  @Test
  void aCompletionThatThrowsLeavesTheRestOfTheBurstToTheHandlerInTurn() throws Exception {
    loop.onUncaughtException((error, origin) -> log.add("handled " + error.getMessage()));
    burst((value, error) -> {
      log.add("done " + value);
      throw new IllegalStateException(String.valueOf(value));
    });

    loop.run();

    assertRunsOf("done", "handled");
  }

  @Test
  void withoutAHandlerTheFirstErrorOfABurstSuppressesTheRestAndRunThrowsIt() throws Exception {
    IllegalStateException thrown = new IllegalStateException("first");
    burst((value, error) -> {
      log.add("done " + value);
      throw thrown;
    });

    assertSame(thrown, assertThrows(IllegalStateException.class, loop::run));

    assertEquals(1, log.size(), log.toString());
    loop.run();
    assertEquals(1, log.size(), "a suppressed completion ran its callback later: " + log);
  }

  @Test
  void aTracerHearsOfEachCompletionOfABurstAsACallbackWithItsOwnDrain() throws Exception {
    loop.setTracer(new LoopTracer() {
      @Override
      public void callbackStarted(Phase phase, String what) {
        if (what.equals("queueWork done")) log.add("started " + phase);
      }

      @Override
      public void callbackEnded(Phase phase, String what) {
        if (what.equals("queueWork done")) log.add("ended " + phase);
      }

      @Override
      public void drainStarted() {
        log.add("drain");
      }
    });
    burst((value, error) -> loop.nextTick(() -> {}));

    loop.run();
    loop.setTracer(null);

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < BURST; i++) expected.addAll(List.of("started POLL", "ended POLL", "drain"));
    // then the followers, with nothing queued to drain after them
    for (int i = 0; i < BURST; i++) expected.addAll(List.of("started POLL", "ended POLL"));
    assertEquals(expected, log);
  }
}
