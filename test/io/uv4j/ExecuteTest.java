package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Loop#execute(Runnable)}: the way other threads hand work to a loop. */
class ExecuteTest extends LoopTestBase {
  private Thread loopThread;

  ExecuteTest() {
    super(60_000);
  }

  @BeforeEach
  void noteTheLoopThread() {
    loopThread = Thread.currentThread();
  }

  @Test
  void tasksFromEightThreadsAllRunOnTheLoopThreadEachThreadsInItsOwnOrder() throws Exception {
    final int threads = 8;
    final int perThread = 10_000;
    int[] nextExpected = new int[threads];
    List<String> failures = new ArrayList<>();
    AtomicInteger ran = new AtomicInteger();
    Async keepAlive = new Async(loop, () -> {});

    CountDownLatch go = new CountDownLatch(1);
    List<Thread> submitters = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      final int id = t;
      Thread submitter =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  final int seq = i;
                  loop.execute(
                      () -> {
                        if (Thread.currentThread() != loopThread) {
                          failures.add("task ran on " + Thread.currentThread().getName());
                        }
                        if (nextExpected[id] != seq) {
                          failures.add("thread " + id + ": got task " + seq + ", expected "
                              + nextExpected[id]);
                        }
                        nextExpected[id] = seq + 1;
                        if (ran.incrementAndGet() == threads * perThread) keepAlive.close();
                      });
                }
              },
              "submitter-" + t);
      submitters.add(submitter);
      submitter.start();
    }
    go.countDown();

    assertFalse(loop.run());
    for (Thread submitter : submitters) submitter.join(10_000);

    assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())));
    assertEquals(threads * perThread, ran.get());
    for (int t = 0; t < threads; t++) assertEquals(perThread, nextExpected[t]);
  }

  @Test
  void runOnALoopWithoutHandlesReturnsOnlyAfterTasksSubmittedBeforeItHaveRun() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    assertNull(
        OtherThread.thrownBy(
            () -> {
              for (int i = 0; i < 5_000; i++) loop.execute(ran::incrementAndGet);
            }));
    assertTrue(loop.isAlive(), "submitted tasks make the loop alive");

    assertFalse(loop.run());

    assertEquals(5_000, ran.get());
    assertFalse(loop.isAlive());
  }

  @Test
  void tasksRunOnTheLoopThread() throws Exception {
    List<Thread> ranOn = new ArrayList<>();
    assertNull(OtherThread.thrownBy(() -> loop.execute(() -> ranOn.add(Thread.currentThread()))));

    loop.run();

    assertEquals(List.of(loopThread), ranOn);
  }

  @Test
  void taskSubmittedByATaskRunsInTheSameRun() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    assertNull(
        OtherThread.thrownBy(
            () -> loop.execute(() -> loop.execute(() -> ran.addAndGet(10)))));

    assertFalse(loop.run());

    assertEquals(10, ran.get());
  }

  @Test
  void taskSubmittedWhileTheLoopWaitsWakesIt() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    // nothing but the task ends this wait: the handle keeps the loop waiting until the task closes it
    Async waitForever = new Async(loop, () -> {});
    CountDownLatch aboutToWait = new CountDownLatch(1);
    Prepare beforePoll = new Prepare(loop).start(aboutToWait::countDown);
    beforePoll.unref();
    Thread submitter =
        new Thread(
            () -> {
              try {
                aboutToWait.await();
              } catch (InterruptedException e) {
                return;
              }
              loop.execute(
                  () -> {
                    ran.incrementAndGet();
                    waitForever.close();
                  });
            });
    submitter.start();

    assertFalse(loop.run());
    submitter.join();

    assertEquals(1, ran.get());
    beforePoll.close();
  }

  @Test
  void executeAfterCloseIsRejected() {
    loop.close();

    assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> {}));
  }

  @Test
  void executeFromAnotherThreadAfterCloseIsRejected() throws Exception {
    loop.close();

    Throwable thrown = OtherThread.thrownBy(() -> loop.execute(() -> {}));

    assertInstanceOf(RejectedExecutionException.class, thrown);
  }

  @Test
  void nullTaskIsRejectedWithNullPointerException() {
    assertThrows(NullPointerException.class, () -> loop.execute(null));
  }

  @Test
  void tasksSubmittedBeforeCloseRunDuringClose() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    assertNull(
        OtherThread.thrownBy(
            () -> {
              for (int i = 0; i < 3_000; i++) loop.execute(ran::incrementAndGet);
            }));

    loop.close();

    assertEquals(3_000, ran.get());
  }

  @Test
  void everyTaskAcceptedWhileCloseRacesRunsAndTheRestAreRejected() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    AtomicInteger ran = new AtomicInteger();
    AtomicBoolean started = new AtomicBoolean();
    List<Throwable> unexpected = new ArrayList<>();
    Thread submitter =
        new Thread(
            () -> {
              while (true) {
                try {
                  loop.execute(ran::incrementAndGet);
                  accepted.incrementAndGet();
                  started.set(true);
                } catch (RejectedExecutionException e) {
                  rejected.incrementAndGet();
                  return;
                } catch (Throwable t) {
                  synchronized (unexpected) {
                    unexpected.add(t);
                  }
                  return;
                }
              }
            });
    submitter.start();
    while (!started.get()) Thread.onSpinWait();

    loop.close();
    submitter.join(10_000);

    assertEquals(List.of(), unexpected);
    assertEquals(1, rejected.get());
    assertEquals(accepted.get(), ran.get());
  }

  @Test
  void executeFromACloseCallbackDuringLoopCloseIsRejected() {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean ran = new AtomicBoolean();
    new Timer(loop)
        .close(
            () -> {
              try {
                loop.execute(() -> ran.set(true));
              } catch (Throwable t) {
                thrown.set(t);
              }
            });

    loop.close();

    assertInstanceOf(RejectedExecutionException.class, thrown.get());
    assertFalse(ran.get());
  }

  @Test
  void taskThatThrowsIsReportedAsUncaught() throws Exception {
    RuntimeException boom = new RuntimeException("boom");
    assertNull(OtherThread.thrownBy(() -> loop.execute(() -> {
      throw boom;
    })));

    RuntimeException thrown = assertThrows(RuntimeException.class, loop::run);

    assertSame(boom, thrown);
  }

  @Test
  void closeRunsTheTasksAcceptedAfterOneThatThrowsAndRethrowsItsError() {
    RuntimeException boom = new RuntimeException("boom");
    List<String> ran = new ArrayList<>();
    loop.execute(() -> {
      ran.add("first");
      throw boom;
    });
    loop.execute(() -> ran.add("second"));
    loop.execute(() -> ran.add("third"));

    RuntimeException thrown = assertThrows(RuntimeException.class, loop::close);

    assertSame(boom, thrown);
    assertEquals(List.of("first", "second", "third"), ran);
    assertTrue(loop.isClosed());
  }

  @Test
  void closeRethrowsTheFirstTaskErrorWithTheLaterOnesSuppressed() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second");
    loop.execute(() -> {
      throw first;
    });
    loop.execute(() -> {
      throw second;
    });

    RuntimeException thrown = assertThrows(RuntimeException.class, loop::close);

    assertSame(first, thrown);
    assertEquals(List.of(second), List.of(thrown.getSuppressed()));
  }

  @Test
  void closeRunsTheTasksAcceptedBeforeARunEndedByExit() throws Exception {
    AtomicBoolean ran = new AtomicBoolean();
    new Timer(loop).start(0, () -> {
      loop.execute(() -> ran.set(true));
      loop.exit(3);
    });
    loop.run();
    assertFalse(ran.get());

    loop.close();

    assertTrue(ran.get());
  }

  @Test
  void closeRunsTheTasksAcceptedAfterOneThatCallsExit() {
    List<String> ran = new ArrayList<>();
    loop.execute(() -> {
      ran.add("exits");
      loop.exit(3);
    });
    loop.execute(() -> ran.add("after"));

    loop.close();

    assertEquals(List.of("exits", "after"), ran);
  }
}
