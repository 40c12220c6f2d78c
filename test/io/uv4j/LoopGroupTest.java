package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link LoopGroup}: loops on threads of their own, handed out in turn, shut down gracefully. */
class LoopGroupTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private LoopGroup group;
  /** What the group's handler was told, as "thread: message". */
  private final BlockingQueue<String> uncaught = new LinkedBlockingQueue<>();

  @AfterEach
  void shutDown() {
    if (group != null) group.close();
  }

  private LoopGroup recordingGroup(int size) throws UvException {
    return LoopGroup.create(size, "test-group", (error, origin) ->
        uncaught.add(Thread.currentThread().getName() + ": " + error.getMessage()));
  }

  /** Runs {@code call} on {@code loop}'s thread and waits for its value. */
  static <T> T on(Loop loop, Callable<T> call) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        result.complete(call.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private List<Thread> threadsOf(LoopGroup group) throws Exception {
    List<Thread> threads = new ArrayList<>();
    for (Loop loop : group.loops()) threads.add(on(loop, Thread::currentThread));
    return threads;
  }

  @Test
  void eachLoopRunsOnAThreadOfItsOwnNamedAfterTheGroup() throws Exception {
    group = recordingGroup(3);
    List<String> names = new ArrayList<>();
    for (Thread thread : threadsOf(group)) names.add(thread.getName());
    assertEquals(List.of("test-group-0", "test-group-1", "test-group-2"), names);
  }

  @Test
  void theThreadsAreNotDaemons() throws Exception {
    group = recordingGroup(2);
    for (Thread thread : threadsOf(group)) assertFalse(thread.isDaemon(), thread.getName());
  }

  @Test
  void withoutASizeTheGroupHasOneLoopPerProcessor() throws Exception {
    group = LoopGroup.create();
    assertEquals(Runtime.getRuntime().availableProcessors(), group.loops().size());
  }

  @Test
  void nextHandsOutTheLoopsInTurn() throws Exception {
    group = recordingGroup(3);
    List<Loop> loops = group.loops();
    List<Loop> handedOut = new ArrayList<>();
    for (int i = 0; i < 7; i++) handedOut.add(group.next());
    assertEquals(List.of(loops.get(0), loops.get(1), loops.get(2), loops.get(0), loops.get(1), loops.get(2), loops.get(0)),
        handedOut);
  }

  @Test
  void executeRunsEachTaskOnTheNextLoopInTurn() throws Exception {
    group = recordingGroup(2);
    BlockingQueue<String> ranOn = new LinkedBlockingQueue<>();
    for (int i = 0; i < 4; i++) {
      group.execute(() -> ranOn.add(Thread.currentThread().getName()));
      assertEquals(i % 2 == 0 ? "test-group-0" : "test-group-1", ranOn.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
    }
  }

  @Test
  void aTaskThatThrowsGoesToTheGroupsHandlerAndItsLoopRunsOn() throws Exception {
    group = recordingGroup(1);
    group.execute(() -> {
      throw new IllegalStateException("boom");
    });
    assertEquals("test-group-0: boom", uncaught.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals("still running", on(group.next(), () -> "still running"));
  }

  @Test
  void theDefaultHandlerKeepsTheLoopRunning() throws Exception {
    group = LoopGroup.create(1);
    group.execute(() -> {
      throw new IllegalStateException("printed to System.err by the default handler");
    });
    assertEquals("still running", on(group.next(), () -> "still running"));
  }

  @Test
  void anErrorALoopsOwnDefaultHandlingThrowsGoesToTheGroupsHandlerAndTheLoopRunsAgain() throws Exception {
    group = recordingGroup(1);
    Loop loop = group.next();
    on(loop, () -> {
      loop.onUncaughtException(null);
      return null;
    });
    loop.execute(() -> {
      throw new IllegalStateException("out of run()");
    });
    assertEquals("test-group-0: out of run()", uncaught.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals("still running", on(loop, () -> "still running"));
  }

  @Test
  void shutdownClosesHandlesThatWouldKeepTheLoopsRunningAndEndsEveryThread() throws Exception {
    group = recordingGroup(2);
    for (Loop loop : group.loops()) {
      on(loop, () -> {
        new Timer(loop).start(1_000_000, 1_000_000, () -> {});
        return null;
      });
    }
    List<Thread> threads = threadsOf(group);
    group.shutdown().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertTrue(group.awaitTermination(WAIT));
    for (Thread thread : threads) assertFalse(thread.isAlive(), thread.getName());
  }

  @Test
  void shutdownEndsALoopThatAnIntervalKeepsBusy() throws Exception {
    group = recordingGroup(1);
    Loop loop = group.next();
    on(loop, () -> loop.setInterval(() -> {}, 1));
    group.shutdown().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertTrue(group.awaitTermination(WAIT));
  }

  @Test
  void shutdownReturnsTheSameOutcomeWhenCalledAgain() throws Exception {
    group = recordingGroup(1);
    group.shutdown();
    assertTrue(group.isShutdown());
    group.shutdown().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertTrue(group.awaitTermination(WAIT));
  }

  @Test
  void aLoopThreadMayStartTheShutdown() throws Exception {
    group = recordingGroup(2);
    group.execute(group::shutdown);
    assertTrue(group.awaitTermination(WAIT));
  }

  @Test
  void executeAfterShutdownIsRejected() throws Exception {
    group = recordingGroup(1);
    group.shutdown();
    assertThrows(RejectedExecutionException.class, () -> group.execute(() -> {}));
  }

  @Test
  void awaitTerminationOnAThreadOfTheGroupIsRefused() throws Exception {
    group = recordingGroup(1);
    Throwable refused = on(group.next(), () -> {
      try {
        group.awaitTermination(WAIT);
        return null;
      } catch (IllegalStateException e) {
        return e;
      }
    });
    assertTrue(refused.getMessage().contains("test-group-0"), refused.getMessage());
  }

  @Test
  void closeOnAThreadOfTheGroupIsRefused() throws Exception {
    group = recordingGroup(1);
    Throwable refused = on(group.next(), () -> {
      try {
        group.close();
        return null;
      } catch (IllegalStateException e) {
        return e;
      }
    });
    assertTrue(refused.getMessage().startsWith("close() called on test-group-0"), refused.getMessage());
  }

  @Test
  void theLoopsListCannotBeChanged() throws Exception {
    group = recordingGroup(1);
    Loop loop = group.next();
    assertThrows(UnsupportedOperationException.class, () -> group.loops().add(loop));
    assertSame(loop, group.loops().get(0));
  }

  @Test
  void aSizeBelowOneIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoopGroup.create(0));
    assertEquals("size must be >= 1, got 0", e.getMessage());
  }

  @Test
  void anEmptyNameIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LoopGroup.create(1, "", (error, origin) -> {}));
    assertEquals("name is empty", e.getMessage());
  }

  @Test
  void aNullHandlerIsRefused() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> LoopGroup.create(1, "g", null));
    assertEquals("handler", e.getMessage());
  }
}
