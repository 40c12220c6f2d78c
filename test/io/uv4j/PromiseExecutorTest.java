package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code ...Async} forms of {@link Promise} that take an executor: the function runs there,
 * and the derived promise settles back on the loop thread.
 */
class PromiseExecutorTest {
  private static final String EXECUTOR_THREAD = "stage-executor";

  private Loop loop;
  private ExecutorService executor;
  private final List<String> labels = new ArrayList<>();

  @BeforeEach
  void createLoopAndExecutor() throws UvException {
    loop = Loop.create();
    executor = Executors.newSingleThreadExecutor(task -> new Thread(task, EXECUTOR_THREAD));
  }

  @AfterEach
  void closeLoopAndExecutor() throws InterruptedException {
    loop.close();
    executor.shutdown();
    assertTrue(executor.awaitTermination(1, TimeUnit.MINUTES));
  }

  private static String thread() {
    return Thread.currentThread().getName();
  }

  @Test
  void thenApplyAsyncRunsTheFunctionOnTheExecutorAndSettlesOnTheLoopThread() {
    String loopThread = thread();
    Promise<String> p = Promise.resolve(loop, "v").thenApplyAsync(v -> v + " on " + thread(), executor);
    p.thenAccept(v -> labels.add(v + ", settled on " + thread()));
    loop.run();
    assertEquals(List.of("v on " + EXECUTOR_THREAD + ", settled on " + loopThread), labels);
  }

  @Test
  void theLoopWaitsForTheExecutorsOutcome() {
    Promise<String> p = Promise.resolve(loop, "v").thenApplyAsync(v -> v + "!", executor);
    loop.run();
    assertEquals("v!", p.value());
  }

  @Test
  void aFunctionThatThrowsOnTheExecutorRejectsWithWhatItThrew() {
    UncheckedIOException boom = new UncheckedIOException(new IOException("boom"));
    Promise<Void> p = Promise.resolve(loop, "v").thenAcceptAsync(v -> {
      throw boom;
    }, executor);
    p.catchError(e -> null);
    loop.run();
    assertSame(boom, p.reason());
  }

  @Test
  void anExecutorThatRefusesTheTaskRejectsTheDerivedPromise() {
    RejectedExecutionException refusal = new RejectedExecutionException("full");
    Executor refusing = task -> {
      throw refusal;
    };
    Promise<String> p = Promise.resolve(loop, "v").thenApplyAsync(v -> v, refusing);
    p.catchError(e -> null);
    loop.run();
    assertSame(refusal, p.reason());
  }

  @Test
  void handleAsyncRunsOnTheExecutorForAReason() {
    Promise<String> p = Promise.<String>reject(loop, new IllegalStateException("r"))
        .handleAsync((v, e) -> e.getMessage() + " handled on " + thread(), executor);
    loop.run();
    assertEquals("r handled on " + EXECUTOR_THREAD, p.value());
  }

  @Test
  void thenComposeAsyncFollowsTheStageItsFunctionReturnsOnTheExecutor() {
    Promise<String> p = Promise.resolve(loop, "v")
        .thenComposeAsync(v -> CompletableFuture.supplyAsync(() -> v + " composed", executor), executor);
    loop.run();
    assertEquals("v composed", p.value());
  }

  @Test
  void thenCombineAsyncRunsTheFunctionOnTheExecutor() {
    Promise<String> p = Promise.resolve(loop, "a")
        .thenCombineAsync(Promise.resolve(loop, "b"), (a, b) -> a + b + " on " + thread(), executor);
    loop.run();
    assertEquals("ab on " + EXECUTOR_THREAD, p.value());
  }

  @Test
  void anOutcomeArrivingAfterTheLoopClosedIsDroppedAndThePromisesFutureWasFailed() throws Exception {
    Loop closing = Loop.create();
    List<Runnable> held = new ArrayList<>();
    Promise<String> p = Promise.resolve(closing, "v").thenApplyAsync(v -> v + "!", held::add);
    CompletableFuture<String> future = p.toCompletableFuture();
    closing.run(RunMode.NOWAIT);
    closing.close();

    held.forEach(Runnable::run);

    assertTrue(p.isPending());
    assertTrue(future.isCompletedExceptionally());
  }
}
