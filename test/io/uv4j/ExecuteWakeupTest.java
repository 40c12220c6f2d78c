package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Loop#execute(Runnable)} wakes the loop only when no wake-up is pending: these tests
 * check that no task is lost or run twice for it, however submissions interleave with drains and
 * with close().
 */
class ExecuteWakeupTest extends LoopTestBase {
  private Thread loopThread;

  ExecuteWakeupTest() {
    super(60_000);
  }

  @BeforeEach
  void noteTheLoopThread() {
    loopThread = Thread.currentThread();
  }

  @Test
  void tasksSubmittedInBurstsWhileTheLoopDrainsEachRunOnceInTheirThreadsOrder() throws Exception {
    final int threads = 4;
    final int bursts = 300;
    final int perBurst = 40;
    final int perThread = bursts * perBurst;
    int[] runs = new int[threads * perThread];
    int[] nextExpected = new int[threads];
    AtomicIntegerArray ranPerThread = new AtomicIntegerArray(threads);
    List<String> failures = new ArrayList<>();
    Async keepAlive = new Async(loop, () -> {});
    AtomicBoolean abandoned = new AtomicBoolean();

    List<Thread> submitters = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      final int id = t;
      Thread submitter =
          new Thread(
              () -> {
                for (int seq = 0; seq < perThread; seq++) {
                  final int mine = seq;
                  loop.execute(
                      () -> {
                        runs[id * perThread + mine]++;
                        if (Thread.currentThread() != loopThread || nextExpected[id] != mine) {
                          failures.add("thread " + id + ": task " + mine + " ran after "
                              + nextExpected[id] + " on " + Thread.currentThread().getName());
                        }
                        nextExpected[id] = mine + 1;
                        ranPerThread.set(id, mine + 1);
                        if (allRan(ranPerThread, perThread)) keepAlive.close();
                      });
                  // after each burst, wait until the loop has drained it, so that the next burst
                  // is submitted after the loop cleared its wake-up flag
                  if ((seq + 1) % perBurst == 0) {
                    while (ranPerThread.get(id) < seq + 1 && !abandoned.get()) Thread.onSpinWait();
                  }
                }
              },
              "burst-submitter-" + t);
      submitters.add(submitter);
      submitter.start();
    }

    try {
      assertFalse(loop.run());
    } finally {
      abandoned.set(true);
      for (Thread submitter : submitters) submitter.join();
    }

    assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())));
    for (int i = 0; i < runs.length; i++) assertEquals(1, runs[i], "runs of task " + i);
  }

  @Test
  void aThreadThatSubmitsEachTaskOnlyAfterThePreviousRanIsNeverLeftWaiting() throws Exception {
    final int rounds = 20_000;
    AtomicInteger ran = new AtomicInteger();
    AtomicBoolean abandoned = new AtomicBoolean();
    Async keepAlive = new Async(loop, () -> {});
    Thread submitter =
        new Thread(
            () -> {
              for (int i = 0; i < rounds && !abandoned.get(); i++) {
                loop.execute(
                    () -> {
                      if (ran.incrementAndGet() == rounds) keepAlive.close();
                    });
                while (ran.get() <= i && !abandoned.get()) Thread.onSpinWait();
              }
            },
            "ping-pong-submitter");
    submitter.start();

    try {
      assertFalse(loop.run());
    } finally {
      abandoned.set(true);
      submitter.join();
    }

    assertEquals(rounds, ran.get());
  }

  @Test
  void aTaskSubmittedByARunningTaskRunsWhileAReferencedHandleKeepsTheLoopWaiting()
      throws Exception {
    final int chain = 5_000;
    AtomicInteger ran = new AtomicInteger();
    Async keepAlive = new Async(loop, () -> {});
    Runnable[] link = new Runnable[1];
    link[0] =
        () -> {
          if (ran.incrementAndGet() < chain) loop.execute(link[0]);
          else keepAlive.close();
        };
    loop.execute(link[0]);

    assertFalse(loop.run());

    assertEquals(chain, ran.get());
  }

  @Test
  void executeRacingCloseEitherRunsTheTaskOnceOrRejectsIt() throws Exception {
    final int threads = 4;
    final int rounds = 20;
    for (int round = 0; round < rounds; round++) {
      Loop racing = Loop.create();
      int[] ranPerThread = new int[threads];
      int[] accepted = new int[threads];
      boolean[] rejected = new boolean[threads];
      List<String> failures = new ArrayList<>();
      AtomicInteger started = new AtomicInteger();
      List<Thread> submitters = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        final int id = t;
        Thread submitter =
            new Thread(
                () -> {
                  for (int seq = 0; ; seq++) {
                    final int mine = seq;
                    try {
                      racing.execute(
                          () -> {
                            if (ranPerThread[id] != mine) {
                              failures.add("thread " + id + ": task " + mine + " ran after "
                                  + ranPerThread[id] + " tasks");
                            }
                            ranPerThread[id]++;
                          });
                    } catch (RejectedExecutionException e) {
                      rejected[id] = true;
                      return;
                    }
                    accepted[id] = mine + 1;
                    if (mine == 0) started.incrementAndGet();
                  }
                },
                "close-racer-" + t);
        submitters.add(submitter);
        submitter.start();
      }
      while (started.get() < threads) Thread.onSpinWait();

      racing.close();
      for (Thread submitter : submitters) submitter.join();

      assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())));
      for (int t = 0; t < threads; t++) {
        assertTrue(rejected[t], "thread " + t + " was refused once close() had run");
        assertEquals(accepted[t], ranPerThread[t], "tasks of thread " + t + " accepted vs run");
      }
      assertThrows(RejectedExecutionException.class, () -> racing.execute(() -> {}));
    }
  }

  private static boolean allRan(AtomicIntegerArray ranPerThread, int perThread) {
    for (int t = 0; t < ranPerThread.length(); t++) {
      if (ranPerThread.get(t) != perThread) return false;
    }
    return true;
  }
}
