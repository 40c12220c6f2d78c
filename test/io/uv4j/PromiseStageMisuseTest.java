package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The arguments and threads the {@link java.util.concurrent.CompletionStage} methods of a promise refuse. */
class PromiseStageMisuseTest extends LoopTestBase {
  private static final Executor DIRECT = Runnable::run;

  private Promise<String> p;
  private Promise<String> q;

  @BeforeEach
  void resolveTwoPromises() {
    p = Promise.resolve(loop, "p");
    q = Promise.resolve(loop, "q");
  }

  @AfterEach
  void runWhatTheTestQueued() {
    loop.run();
  }

  @Test
  void aNullFunctionOrOtherStageIsRefusedNamingTheParameter() {
    Map<Executable, String> calls = new LinkedHashMap<>();
    calls.put(() -> p.thenApply(null), "fn");
    calls.put(() -> p.thenAccept(null), "action");
    calls.put(() -> p.thenRun(null), "action");
    calls.put(() -> p.thenCombine(null, (a, b) -> a), "other");
    calls.put(() -> p.thenCombine(q, null), "fn");
    calls.put(() -> p.thenAcceptBoth(q, null), "action");
    calls.put(() -> p.runAfterBoth(q, null), "action");
    calls.put(() -> p.applyToEither(null, a -> a), "other");
    calls.put(() -> p.acceptEither(q, null), "action");
    calls.put(() -> p.runAfterEither(q, null), "action");
    calls.put(() -> p.thenCompose(null), "fn");
    calls.put(() -> p.handle(null), "fn");
    calls.put(() -> p.whenComplete(null), "action");
    calls.put(() -> p.exceptionally(null), "fn");
    calls.put(() -> p.exceptionallyCompose(null), "fn");
    calls.put(() -> p.onRejected(null), "action");
    calls.forEach((call, parameter) -> assertEquals(parameter, assertThrows(NullPointerException.class, call).getMessage()));
  }

  @Test
  void aNullExecutorIsRefusedNamingIt() {
    Executable[] calls = {
      () -> p.thenApplyAsync(v -> v, null),
      () -> p.thenAcceptAsync(v -> {}, null),
      () -> p.thenRunAsync(() -> {}, null),
      () -> p.thenCombineAsync(q, (a, b) -> a, null),
      () -> p.thenAcceptBothAsync(q, (a, b) -> {}, null),
      () -> p.runAfterBothAsync(q, () -> {}, null),
      () -> p.applyToEitherAsync(q, a -> a, null),
      () -> p.acceptEitherAsync(q, a -> {}, null),
      () -> p.runAfterEitherAsync(q, () -> {}, null),
      () -> p.thenComposeAsync(v -> q, null),
      () -> p.handleAsync((v, e) -> v, null),
      () -> p.whenCompleteAsync((v, e) -> {}, null),
      () -> p.exceptionallyAsync(e -> "x", null),
      () -> p.exceptionallyComposeAsync(e -> q, null),
    };
    for (Executable call : calls) {
      assertEquals("executor", assertThrows(NullPointerException.class, call).getMessage());
    }
  }

  @Test
  void callsFromAnotherThreadThrowIllegalState() throws Exception {
    Executable[] calls = {
      () -> p.thenApply(v -> v),
      () -> p.thenApplyAsync(v -> v, DIRECT),
      () -> p.thenCombine(q, (a, b) -> a),
      () -> p.applyToEither(q, a -> a),
      () -> p.thenCompose(v -> q),
      () -> p.handle((v, e) -> v),
      () -> p.whenComplete((v, e) -> {}),
      () -> p.exceptionally(e -> "x"),
      () -> p.onRejected(e -> {}),
      () -> Promise.all(p, q),
      () -> Promise.race(List.of(p, q)),
    };
    for (Executable call : calls) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread other = new Thread(() -> {
        try {
          call.execute();
        } catch (Throwable t) {
          thrown.set(t);
        }
      }, "not-the-loop-thread");
      other.start();
      other.join();
      assertInstanceOf(IllegalStateException.class, thrown.get());
    }
  }
}
