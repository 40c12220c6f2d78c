package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link Promise} as a {@link CompletionStage}: each method's function runs on the loop thread
 * as a microtask, in the turn JavaScript would run the matching {@code then}, and code written
 * for {@code CompletionStage} or {@code CompletableFuture} takes a promise. Where a test has a
 * JavaScript program above it, its labels are what Node v20 prints for that program; {@code log}
 * is {@code (s) => console.log(s)}.
 */
class PromiseCompletionStageTest extends LoopTestBase {
  private Thread loopThread;
  private final List<String> labels = new ArrayList<>();

  @BeforeEach
  void noteTheLoopThread() {
    loopThread = Thread.currentThread();
  }

  /** Logs {@code label}, marked if it is not logged on the loop thread. */
  private void log(String label) {
    labels.add(Thread.currentThread() == loopThread ? label : label + " (not on the loop thread)");
  }

  /*
   * const p = Promise.resolve('v');
   * process.nextTick(() => log('tick'));
   * p.then(() => { log('before'); process.nextTick(() => log('tick from a reaction')); });
   * p.then((v) => log('reaction:' + v));
   * p.then(() => log('after')).then(() => log('after, next turn'));
   * log('sync');
   */
  private static final List<String> AS_THEN_ON_A_VALUE = List.of(
      "sync", "tick", "before", "reaction:v", "after", "after, next turn", "tick from a reaction");

  /** The labels when {@code reaction} reacts to a promise fulfilled with "v", between two thens. */
  private List<String> orderOnAValue(Consumer<Promise<String>> reaction) {
    Promise<String> p = Promise.resolve(loop, "v");
    loop.nextTick(() -> log("tick"));
    p.thenAccept(v -> {
      log("before");
      loop.nextTick(() -> log("tick from a reaction"));
    });
    reaction.accept(p);
    p.thenAccept(v -> log("after")).thenAccept(v -> log("after, next turn"));
    log("sync");
    loop.run();
    return labels;
  }

  /*
   * const p = Promise.reject(new Error('r'));
   * process.nextTick(() => log('tick'));
   * p.catch(() => { log('before'); process.nextTick(() => log('tick from a reaction')); });
   * p.catch((e) => log('reaction:' + e.message));
   * p.catch(() => log('after')).then(() => log('after, next turn'));
   * log('sync');
   */
  private static final List<String> AS_CATCH_ON_A_REASON = List.of(
      "sync", "tick", "before", "reaction:r", "after", "after, next turn", "tick from a reaction");

  /** The labels when {@code reaction} reacts to a promise rejected with "r", between two catches. */
  private List<String> orderOnAReason(Consumer<Promise<String>> reaction) {
    Promise<String> p = Promise.reject(loop, new IllegalStateException("r"));
    loop.nextTick(() -> log("tick"));
    p.onRejected(e -> {
      log("before");
      loop.nextTick(() -> log("tick from a reaction"));
    });
    reaction.accept(p);
    p.onRejected(e -> log("after")).thenAccept(v -> log("after, next turn"));
    log("sync");
    loop.run();
    return labels;
  }

  // --- each function runs as then's handler would ----------------------------------------------

  @Test
  void thenApplyRunsOnTheLoopThreadInThensTurnAfterNextTicks() {
    assertEquals(AS_THEN_ON_A_VALUE, orderOnAValue(p -> p.thenApply(v -> {
      log("reaction:" + v);
      return v;
    })));
  }

  @Test
  void thenAcceptRunsOnTheLoopThreadInThensTurnAfterNextTicks() {
    assertEquals(AS_THEN_ON_A_VALUE, orderOnAValue(p -> p.thenAccept(v -> log("reaction:" + v))));
  }

  @Test
  void thenRunRunsOnTheLoopThreadInThensTurnAfterNextTicks() {
    assertEquals(AS_THEN_ON_A_VALUE, orderOnAValue(p -> p.thenRun(() -> log("reaction:v"))));
  }

  @Test
  void handleRunsOnTheLoopThreadInThensTurnForAValue() {
    assertEquals(AS_THEN_ON_A_VALUE, orderOnAValue(p -> p.handle((v, e) -> {
      log("reaction:" + v);
      return null;
    })));
  }

  @Test
  void handleRunsOnTheLoopThreadInCatchsTurnForAReason() {
    assertEquals(AS_CATCH_ON_A_REASON, orderOnAReason(p -> p.handle((v, e) -> {
      log("reaction:" + e.getMessage());
      return null;
    })));
  }

  @Test
  void whenCompleteRunsOnTheLoopThreadInThensTurn() {
    assertEquals(AS_THEN_ON_A_VALUE, orderOnAValue(p -> p.whenComplete((v, e) -> log("reaction:" + v))));
  }

  @Test
  void exceptionallyRunsOnTheLoopThreadInCatchsTurn() {
    assertEquals(AS_CATCH_ON_A_REASON, orderOnAReason(p -> p.exceptionally(e -> {
      log("reaction:" + e.getMessage());
      return null;
    })));
  }

  @Test
  void asyncFormsWithoutAnExecutorRunOnTheLoopThreadInThensTurn() {
    assertEquals(AS_THEN_ON_A_VALUE, orderOnAValue(p -> p.thenApplyAsync(v -> {
      log("reaction:" + v);
      return v;
    })));
  }

  @Test
  void exceptionallyAsyncWithoutAnExecutorRunsOnTheLoopThreadInCatchsTurn() {
    assertEquals(AS_CATCH_ON_A_REASON, orderOnAReason(p -> p.exceptionallyAsync(e -> {
      log("reaction:" + e.getMessage());
      return null;
    })));
  }

  // --- what each derived promise settles to ----------------------------------------------------

  @Test
  void handleFulfilsWithItsResultForAReason() {
    Promise<String> p = Promise.<String>reject(loop, new IllegalStateException("r"))
        .handle((v, e) -> v + " or " + e.getMessage());
    loop.run();
    assertEquals("null or r", p.value());
  }

  @Test
  void whenCompleteKeepsTheValue() {
    Promise<String> p = Promise.resolve(loop, "v").whenComplete((v, e) -> log("saw " + v + " " + e));
    loop.run();
    assertEquals("v", p.value());
    assertEquals(List.of("saw v null"), labels);
  }

  @Test
  void whenCompleteActionThatThrowsOnARejectionKeepsTheReasonWithTheThrowSuppressed() {
    IllegalStateException reason = new IllegalStateException("r");
    IllegalStateException boom = new IllegalStateException("boom");
    Promise<String> p = Promise.<String>reject(loop, reason).whenComplete((v, e) -> {
      throw boom;
    });
    p.catchError(e -> null);
    loop.run();
    assertSame(reason, p.reason());
    assertSame(boom, reason.getSuppressed()[0]);
  }

  @Test
  void exceptionallyReceivesTheReasonUnwrapped() {
    IllegalStateException reason = new IllegalStateException("r");
    Promise<Throwable> p = Promise.<Throwable>reject(loop, reason).then(v -> v).exceptionally(e -> e);
    loop.run();
    assertSame(reason, p.value());
  }

  @Test
  void exceptionallyComposeFollowsTheStageItsFunctionReturns() {
    Promise<String> p = Promise.<String>reject(loop, new IllegalStateException("r"))
        .exceptionallyCompose(e -> CompletableFuture.completedFuture("recovered from " + e.getMessage()));
    loop.run();
    assertEquals("recovered from r", p.value());
  }

  @Test
  void theStagesAPromiseDerivesArePromisesOfItsLoop() {
    CompletionStage<String> stage = Promise.resolve(loop, "v");
    CompletionStage<Integer> derived = stage.thenApply(String::length);
    Promise<Integer> promise = assertInstanceOf(Promise.class, derived);
    assertSame(loop, promise.loop());
    loop.run();
    assertEquals(1, promise.value());
  }

  // --- two stages ------------------------------------------------------------------------------

  /*
   * p.thenCombine(q, f) runs f as Promise.all([p, q]).then(f) would:
   * const p = Promise.resolve(1), q = Promise.resolve(2);
   * Promise.all([p, q]).then(([a, b]) => log('all:' + (a + b)));
   * Promise.all([p, q]).then(([a, b]) => log('combine:' + (a + b)));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2'));
   */
  @Test
  void thenCombineRunsInTheTurnOfPromiseAllThen() {
    Promise<Integer> p = Promise.resolve(loop, 1);
    Promise<Integer> q = Promise.resolve(loop, 2);
    Promise.all(p, q).thenAccept(v -> log("all:" + (v.get(0) + v.get(1))));
    p.thenCombine(q, (a, b) -> {
      log("combine:" + (a + b));
      return a + b;
    });
    Promise.resolve(loop, null).thenAccept(v -> log("c1")).thenAccept(v -> log("c2"));
    loop.run();
    assertEquals(List.of("c1", "all:3", "combine:3", "c2"), labels);
  }

  @Test
  void thenCombineRejectsWithTheFirstRejection() {
    IllegalStateException reason = new IllegalStateException("r");
    Promise.Resolver<Integer> never = loop.promise();
    Promise<Integer> p = never.promise().thenCombine(Promise.<Integer>reject(loop, reason), Integer::sum);
    p.catchError(e -> null);
    loop.run();
    assertSame(reason, p.reason());
  }

  @Test
  void thenCombineTakesACompletableFutureCompletedOnAnotherThread() throws Exception {
    CompletableFuture<Integer> other = new CompletableFuture<>();
    Promise<Integer> sum = Promise.resolve(loop, 1).thenCombine(other, (a, b) -> {
      log("combine");
      return a + b;
    });
    Thread completer = new Thread(() -> other.complete(2), "completer");
    completer.start();
    loop.run();
    completer.join();
    assertEquals(3, sum.value());
    assertEquals(List.of("combine"), labels);
  }

  @Test
  void thenAcceptBothAndRunAfterBothRunOnceBothAreFulfilled() {
    Promise<String> p = Promise.resolve(loop, "a");
    Promise<String> q = Promise.resolve(loop, "b");
    p.thenAcceptBoth(q, (a, b) -> log("both " + a + b));
    p.runAfterBoth(q, () -> log("after both"));
    loop.run();
    assertEquals(List.of("both ab", "after both"), labels);
  }

  /*
   * p.applyToEither(q, f) runs f as Promise.race([p, q]).then(f) would:
   * const p = Promise.resolve(1), q = Promise.resolve(2);
   * Promise.race([p, q]).then((a) => log('race:' + a));
   * Promise.race([p, q]).then((a) => log('either:' + a));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2'));
   */
  @Test
  void applyToEitherRunsInTheTurnOfPromiseRaceThenWithTheFirstValue() {
    Promise<Integer> p = Promise.resolve(loop, 1);
    Promise<Integer> q = Promise.resolve(loop, 2);
    Promise.race(p, q).thenAccept(a -> log("race:" + a));
    p.applyToEither(q, a -> {
      log("either:" + a);
      return a;
    });
    Promise.resolve(loop, null).thenAccept(v -> log("c1")).thenAccept(v -> log("c2"));
    loop.run();
    assertEquals(List.of("c1", "race:1", "either:1", "c2"), labels);
  }

  @Test
  void acceptEitherAndRunAfterEitherReactToWhicheverSettlesFirst() {
    Promise.Resolver<String> never = loop.promise();
    Promise<String> settled = Promise.resolve(loop, "b");
    never.promise().acceptEither(settled, v -> log("either " + v));
    never.promise().runAfterEither(settled, () -> log("after either"));
    loop.run();
    assertEquals(List.of("either b", "after either"), labels);
  }

  @Test
  void aPromiseOfAnotherLoopIsRefusedAsTheOtherStage() throws UvException {
    try (Loop other = Loop.create()) {
      Promise<Integer> foreign = Promise.resolve(other, 2);
      Promise<Integer> own = Promise.resolve(loop, 1);
      IllegalArgumentException thrown =
          assertThrows(IllegalArgumentException.class, () -> own.thenCombine(foreign, Integer::sum));
      assertTrue(thrown.getMessage().contains("belongs to another loop"), thrown.getMessage());
      other.run();
    }
  }

  // --- thenCompose with a stage that is not a promise -----------------------------------------

  @Test
  void thenComposeWithACompletedFutureSettlesInACallbackOfItsOwnAfterTheDrain() {
    Promise.resolve(loop, "v")
        .thenCompose(v -> CompletableFuture.completedFuture("cf"))
        .thenAccept(v -> log("compose:" + v));
    Promise.resolve(loop, null)
        .thenAccept(v -> log("c1"))
        .thenAccept(v -> log("c2"))
        .thenAccept(v -> log("c3"))
        .thenAccept(v -> log("c4"));
    loop.nextTick(() -> log("tick"));
    log("sync");
    loop.run();
    assertEquals(List.of("sync", "tick", "c1", "c2", "c3", "c4", "compose:cf"), labels);
  }

  @Test
  void thenComposeWithAFutureCompletedOnAnotherThreadSettlesOnTheLoopThread() throws Exception {
    CompletableFuture<String> future = new CompletableFuture<>();
    Promise<String> p = Promise.resolve(loop, "v").thenCompose(v -> future);
    p.thenAccept(v -> log("composed " + v));
    Thread completer = new Thread(() -> future.complete("from another thread"), "completer");
    completer.start();
    loop.run();
    completer.join();
    assertEquals(List.of("composed from another thread"), labels);
  }

  @Test
  void thenComposeWithAFailedFutureRejectsWithTheUnwrappedCause() {
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<String> failed = CompletableFuture.<String>failedFuture(boom).thenApply(v -> v);
    Promise<String> p = Promise.resolve(loop, "v").thenCompose(v -> failed);
    p.catchError(e -> null);
    loop.run();
    assertSame(boom, p.reason());
  }

  // --- code written for CompletionStage and CompletableFuture ----------------------------------

  /** Code that knows only CompletionStage. */
  private static CompletionStage<Integer> lengthOf(CompletionStage<String> text) {
    return text.thenApply(String::length).exceptionally(e -> -1);
  }

  @Test
  void codeWrittenForCompletionStageTakesAPromise() {
    CompletionStage<Integer> length = lengthOf(Promise.resolve(loop, "four"));
    loop.run();
    assertEquals(4, length.toCompletableFuture().join());
  }

  @Test
  void completableFutureAllOfWaitsForPromisesAndRunsOnTheLoopThread() {
    Promise.Resolver<String> first = loop.promise();
    Promise.Resolver<String> second = loop.promise();
    CompletableFuture<String> a = first.promise().toCompletableFuture();
    CompletableFuture<String> b = second.promise().toCompletableFuture();
    CompletableFuture.allOf(a, b).thenRun(() -> log("all of " + a.join() + b.join()));
    loop.setTimeout(() -> first.resolve("a"), 0);
    loop.setImmediate(() -> second.resolve("b"));
    loop.run();
    assertEquals(List.of("all of ab"), labels);
  }

  @Test
  void completingTheFutureFromOutsideLeavesThePromiseAlone() {
    Promise.Resolver<String> resolver = loop.promise();
    CompletableFuture<String> future = resolver.promise().toCompletableFuture();
    assertTrue(future.complete("from outside"));

    assertTrue(resolver.promise().isPending());
    resolver.resolve("v");
    loop.run();
    assertEquals("v", resolver.promise().value());
    assertEquals("from outside", future.join());
  }

  @Test
  void aFutureOfThePromiseIsANewOneEachTime() {
    Promise<String> p = Promise.resolve(loop, "v");
    CompletableFuture<String> first = p.toCompletableFuture();
    first.completeExceptionally(new IllegalStateException("only this one"));
    CompletableFuture<String> second = p.toCompletableFuture();
    loop.run();
    assertTrue(first.isCompletedExceptionally());
    assertEquals("v", second.join());
  }

  // --- from -----------------------------------------------------------------------------------

  @Test
  void fromAPromiseOfTheSameLoopAdoptsIt() {
    Promise.Resolver<String> resolver = loop.promise();
    Promise<String> adopted = Promise.from(loop, resolver.promise());
    resolver.resolve("v");
    loop.run();
    assertEquals("v", adopted.value());
  }

  @Test
  void fromAPromiseOfAnotherLoopIsRefused() throws UvException {
    try (Loop other = Loop.create()) {
      Promise<String> foreign = Promise.resolve(other, "v");
      assertThrows(IllegalArgumentException.class, () -> Promise.from(loop, foreign));
      other.run();
    }
  }

  @Test
  void aStageCompletedOnAnotherThreadBeforeTheLoopClosesSettlesItsPromiseWhileClosing() throws Exception {
    Loop closing = Loop.create();
    CompletableFuture<String> future = new CompletableFuture<>();
    Promise<String> p = Promise.from(closing, future);
    Thread completer = new Thread(() -> future.complete("v"), "completer");
    completer.start();
    completer.join();

    closing.close();

    assertEquals("v", p.value());
  }
}
