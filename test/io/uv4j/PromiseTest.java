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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What a {@link Promise} settles to, and the arguments, threads and loops it accepts. */
class PromiseTest extends LoopTestBase {
  private final List<String> labels = new ArrayList<>();

  /** Runs {@code call} on a new thread and returns what it threw (null if nothing). */
  private static Throwable thrownOnAnotherThread(Executable call) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        call.execute();
      } catch (Throwable t) {
        thrown.set(t);
      }
    }, "not-the-loop-thread");
    thread.start();
    thread.join();
    return thrown.get();
  }

  // --- settling -------------------------------------------------------------------------------

  @Test
  void resolveSettlesOnceAndLaterResolveOrRejectIsIgnored() {
    Promise.Resolver<String> resolver = loop.promise();
    assertTrue(resolver.promise().isPending());
    assertTrue(resolver.resolve("first"));
    assertFalse(resolver.resolve("second"));
    assertFalse(resolver.reject(new IllegalStateException("late")));
    assertTrue(resolver.promise().isFulfilled());
    assertEquals("first", resolver.promise().value());
  }

  @Test
  void rejectSettlesOnceAndLaterResolveOrRejectIsIgnored() {
    Promise.Resolver<String> resolver = loop.promise();
    IllegalStateException reason = new IllegalStateException("first");
    assertTrue(resolver.reject(reason));
    assertFalse(resolver.reject(new IllegalStateException("second")));
    assertFalse(resolver.resolve("late"));
    assertTrue(resolver.promise().isRejected());
    assertSame(reason, resolver.promise().reason());
    resolver.promise().catchError(e -> null);
  }

  @Test
  void resolveWithNullFulfilsWithNull() {
    Promise.Resolver<String> resolver = loop.promise();
    assertTrue(resolver.resolve(null));
    assertTrue(resolver.promise().isFulfilled());
    assertNull(resolver.promise().value());
  }

  @Test
  void valueAndReasonThrowIllegalStateInTheWrongState() {
    Promise.Resolver<String> resolver = loop.promise();
    assertThrows(IllegalStateException.class, resolver.promise()::value);
    assertThrows(IllegalStateException.class, resolver.promise()::reason);
    resolver.resolve("v");
    assertThrows(IllegalStateException.class, resolver.promise()::reason);
  }

  @Test
  void reactionsNeverRunBeforeTheCurrentCodeReturns() {
    Promise.resolve(loop, "v").thenAccept(v -> labels.add("then " + v));
    labels.add("sync");
    loop.run();
    assertEquals(List.of("sync", "then v"), labels);
  }

  // --- adopt ----------------------------------------------------------------------------------

  @Test
  void adoptFollowsTheOtherPromisesValue() {
    Promise.Resolver<String> resolver = loop.promise();
    Promise.Resolver<String> other = loop.promise();
    assertTrue(resolver.adopt(other.promise()));
    resolver.promise().thenAccept(v -> labels.add("adopted " + v));
    loop.queueMicrotask(() -> other.resolve("v"));
    loop.run();
    assertEquals(List.of("adopted v"), labels);
  }

  @Test
  void adoptFollowsTheOtherPromisesRejection() {
    Promise.Resolver<String> resolver = loop.promise();
    IllegalStateException reason = new IllegalStateException("r");
    resolver.adopt(Promise.reject(loop, reason));
    resolver.promise().catchError(e -> {
      labels.add("caught " + (e == reason));
      return null;
    });
    loop.run();
    assertEquals(List.of("caught true"), labels);
  }

  @Test
  void resolveOrRejectAfterAdoptIsIgnored() {
    Promise.Resolver<String> resolver = loop.promise();
    assertTrue(resolver.adopt(Promise.resolve(loop, "adopted")));
    assertFalse(resolver.resolve("late"));
    assertFalse(resolver.reject(new IllegalStateException("late")));
    assertTrue(resolver.promise().isPending());
    loop.run();
    assertEquals("adopted", resolver.promise().value());
  }

  @Test
  void adoptAfterSettlingOrAdoptingReturnsFalse() {
    Promise.Resolver<String> settled = loop.promise();
    settled.resolve("v");
    assertFalse(settled.adopt(Promise.resolve(loop, "other")));
    Promise.Resolver<String> adopting = loop.promise();
    assertTrue(adopting.adopt(Promise.resolve(loop, "first")));
    assertFalse(adopting.adopt(Promise.resolve(loop, "second")));
    loop.run();
    assertEquals("v", settled.promise().value());
    assertEquals("first", adopting.promise().value());
  }

  @Test
  void adoptOfItselfThrowsIllegalArgument() {
    Promise.Resolver<String> resolver = loop.promise();
    assertThrows(IllegalArgumentException.class, () -> resolver.adopt(resolver.promise()));
    assertTrue(resolver.resolve("still pending until now"));
  }

  // --- then -----------------------------------------------------------------------------------

  @Test
  void thenFulfilsWithTheFunctionsResult() {
    Promise<Integer> p = Promise.resolve(loop, 2).then(v -> v * 10);
    loop.run();
    assertEquals(20, p.value());
  }

  @Test
  void thenFunctionThatThrowsRejectsTheDerivedPromise() {
    IllegalStateException boom = new IllegalStateException("boom");
    Promise<Integer> p = Promise.resolve(loop, 2).then(v -> {
      throw boom;
    });
    p.catchError(e -> null);
    loop.run();
    assertSame(boom, p.reason());
  }

  @Test
  void rejectionPassesThroughThenWithoutOnRejected() {
    IllegalStateException reason = new IllegalStateException("r");
    Promise<String> p = Promise.<Integer>reject(loop, reason).then(v -> {
      labels.add("must not run");
      return "x";
    });
    p.catchError(e -> null);
    loop.run();
    assertSame(reason, p.reason());
    assertEquals(List.of(), labels);
  }

  @Test
  void thenWithOnRejectedFulfilsWithItsResult() {
    Promise<String> p = Promise.<String>reject(loop, new IllegalStateException("r"))
        .then(v -> "value " + v, e -> "recovered " + e.getMessage());
    loop.run();
    assertEquals("recovered r", p.value());
  }

  @Test
  void thenWithOnRejectedRunsOnlyOnFulfilledForAValue() {
    Promise<String> p = Promise.resolve(loop, "v").then(v -> "value " + v, e -> "recovered");
    loop.run();
    assertEquals("value v", p.value());
  }

  @Test
  void thenAcceptFulfilsWithNullAfterTheAction() {
    Promise<Void> p = Promise.resolve(loop, "v").thenAccept(v -> labels.add("accepted " + v));
    loop.run();
    assertNull(p.value());
    assertEquals(List.of("accepted v"), labels);
  }

  @Test
  void thenAcceptActionThatThrowsRejects() {
    IllegalStateException boom = new IllegalStateException("boom");
    Promise<Void> p = Promise.resolve(loop, "v").thenAccept(v -> {
      throw boom;
    });
    p.catchError(e -> null);
    loop.run();
    assertSame(boom, p.reason());
  }

  // --- thenCompose ----------------------------------------------------------------------------

  @Test
  void thenComposeFollowsTheReturnedPromisesValue() {
    Promise.Resolver<String> inner = loop.promise();
    Promise<String> p = Promise.resolve(loop, 1).thenCompose(v -> inner.promise());
    loop.queueMicrotask(() -> loop.queueMicrotask(() -> inner.resolve("inner")));
    loop.run();
    assertEquals("inner", p.value());
  }

  @Test
  void thenComposeFollowsTheReturnedPromisesRejection() {
    IllegalStateException reason = new IllegalStateException("r");
    Promise<String> p = Promise.resolve(loop, 1).thenCompose(v -> Promise.reject(loop, reason));
    p.catchError(e -> null);
    loop.run();
    assertSame(reason, p.reason());
  }

  @Test
  void thenComposeFunctionThatThrowsRejects() {
    IllegalStateException boom = new IllegalStateException("boom");
    Promise<String> p = Promise.resolve(loop, 1).thenCompose(v -> {
      throw boom;
    });
    p.catchError(e -> null);
    loop.run();
    assertSame(boom, p.reason());
  }

  @Test
  void thenComposeFunctionReturningNullRejectsWithNullPointer() {
    Promise<String> p = Promise.resolve(loop, 1).thenCompose(v -> null);
    p.catchError(e -> null);
    loop.run();
    assertInstanceOf(NullPointerException.class, p.reason());
  }

  @Test
  void thenComposePassesARejectionThroughWithoutCallingTheFunction() {
    IllegalStateException reason = new IllegalStateException("r");
    Promise<String> p = Promise.<Integer>reject(loop, reason).thenCompose(v -> {
      labels.add("must not run");
      return Promise.resolve(loop, "x");
    });
    p.catchError(e -> null);
    loop.run();
    assertSame(reason, p.reason());
    assertEquals(List.of(), labels);
  }

  // --- catchError -----------------------------------------------------------------------------

  @Test
  void catchErrorFulfilsWithTheHandlersResult() {
    Promise<String> p = Promise.<String>reject(loop, new IllegalStateException("r"))
        .catchError(e -> "recovered " + e.getMessage());
    loop.run();
    assertEquals("recovered r", p.value());
  }

  @Test
  void catchErrorPassesAValueThroughWithoutCallingTheHandler() {
    Promise<String> p = Promise.resolve(loop, "v").catchError(e -> {
      labels.add("must not run");
      return "x";
    });
    loop.run();
    assertEquals("v", p.value());
    assertEquals(List.of(), labels);
  }

  @Test
  void catchErrorHandlerThatThrowsRejectsWithWhatItThrew() {
    IllegalStateException second = new IllegalStateException("second");
    Promise<String> p = Promise.<String>reject(loop, new IllegalStateException("first"))
        .catchError(e -> {
          throw second;
        });
    p.catchError(e -> null);
    loop.run();
    assertSame(second, p.reason());
  }

  // --- finallyDo ------------------------------------------------------------------------------

  @Test
  void finallyDoRunsTheActionAndKeepsTheValue() {
    Promise<String> p = Promise.resolve(loop, "v").finallyDo(() -> labels.add("finally"));
    loop.run();
    assertEquals("v", p.value());
    assertEquals(List.of("finally"), labels);
  }

  @Test
  void finallyDoRunsTheActionAndKeepsTheRejection() {
    IllegalStateException reason = new IllegalStateException("r");
    Promise<String> p = Promise.<String>reject(loop, reason).finallyDo(() -> labels.add("finally"));
    p.catchError(e -> null);
    loop.run();
    assertSame(reason, p.reason());
    assertEquals(List.of("finally"), labels);
  }

  @Test
  void finallyDoActionThatThrowsRejectsAValueWithWhatItThrew() {
    IllegalStateException boom = new IllegalStateException("boom");
    Promise<String> p = Promise.resolve(loop, "v").finallyDo(() -> {
      throw boom;
    });
    p.catchError(e -> null);
    loop.run();
    assertSame(boom, p.reason());
  }

  @Test
  void finallyDoActionThatThrowsReplacesTheRejection() {
    IllegalStateException boom = new IllegalStateException("boom");
    Promise<String> p = Promise.<String>reject(loop, new IllegalStateException("r")).finallyDo(() -> {
      throw boom;
    });
    p.catchError(e -> null);
    loop.run();
    assertSame(boom, p.reason());
  }

  // --- combinators ----------------------------------------------------------------------------

  @Test
  void allFulfilsWithTheValuesInListOrder() {
    Promise.Resolver<String> first = loop.promise();
    Promise.Resolver<String> second = loop.promise();
    Promise<List<String>> all = Promise.all(loop, List.of(first.promise(), second.promise()));
    loop.queueMicrotask(() -> {
      second.resolve("b");
      first.resolve("a");
    });
    loop.run();
    assertEquals(List.of("a", "b"), all.value());
  }

  @Test
  void allRejectsWithTheFirstRejection() {
    Promise.Resolver<String> pending = loop.promise();
    Promise.Resolver<String> rejectedFirst = loop.promise();
    Promise.Resolver<String> rejectedSecond = loop.promise();
    IllegalStateException firstReason = new IllegalStateException("first");
    Promise<List<String>> all = Promise.all(
        loop, List.of(pending.promise(), rejectedSecond.promise(), rejectedFirst.promise()));
    all.catchError(e -> null);
    loop.queueMicrotask(() -> {
      rejectedFirst.reject(firstReason);
      rejectedSecond.reject(new IllegalStateException("second"));
      pending.resolve("late");
    });
    loop.run();
    assertSame(firstReason, all.reason());
  }

  @Test
  void allOfAnEmptyListFulfilsWithAnEmptyList() {
    Promise<List<String>> all = Promise.all(loop, List.<Promise<String>>of());
    assertEquals(List.of(), all.value());
  }

  @Test
  void allSettledReportsEveryOutcomeInListOrder() {
    IllegalStateException reason = new IllegalStateException("r");
    Promise<List<Promise.Settled<String>>> settled = Promise.allSettled(
        loop, List.of(Promise.resolve(loop, "a"), Promise.reject(loop, reason), Promise.resolve(loop, "c")));
    loop.run();
    List<Promise.Settled<String>> outcomes = settled.value();
    assertEquals(3, outcomes.size());
    assertTrue(outcomes.get(0).isFulfilled());
    assertEquals("a", outcomes.get(0).value());
    assertFalse(outcomes.get(1).isFulfilled());
    assertSame(reason, outcomes.get(1).reason());
    assertEquals("c", outcomes.get(2).value());
  }

  @Test
  void allSettledOfAnEmptyListFulfilsWithAnEmptyList() {
    Promise<List<Promise.Settled<String>>> settled = Promise.allSettled(loop, List.<Promise<String>>of());
    assertEquals(List.of(), settled.value());
  }

  @Test
  void anyFulfilsWithTheFirstValue() {
    Promise.Resolver<String> slow = loop.promise();
    Promise.Resolver<String> fast = loop.promise();
    Promise<String> any = Promise.any(
        loop, List.of(Promise.<String>reject(loop, new IllegalStateException("r")), slow.promise(), fast.promise()));
    loop.queueMicrotask(() -> {
      fast.resolve("fast");
      slow.resolve("slow");
    });
    loop.run();
    assertEquals("fast", any.value());
  }

  @Test
  void anyRejectsWithAnAggregateExceptionListingTheReasonsInListOrder() {
    Promise.Resolver<String> first = loop.promise();
    Promise.Resolver<String> second = loop.promise();
    IllegalStateException firstReason = new IllegalStateException("first");
    IllegalStateException secondReason = new IllegalStateException("second");
    Promise<String> any = Promise.any(loop, List.of(first.promise(), second.promise()));
    any.catchError(e -> null);
    loop.queueMicrotask(() -> {
      second.reject(secondReason);
      first.reject(firstReason);
    });
    loop.run();
    AggregateException aggregate = assertInstanceOf(AggregateException.class, any.reason());
    assertEquals(List.of(firstReason, secondReason), aggregate.errors());
  }

  @Test
  void anyOfAnEmptyListRejectsWithAnAggregateExceptionWithoutErrors() {
    Promise<String> any = Promise.any(loop, List.<Promise<String>>of());
    any.catchError(e -> null);
    AggregateException aggregate = assertInstanceOf(AggregateException.class, any.reason());
    assertEquals(List.of(), aggregate.errors());
  }

  @Test
  void raceFulfilsAsTheFirstToSettle() {
    Promise.Resolver<String> slow = loop.promise();
    Promise.Resolver<String> fast = loop.promise();
    Promise<String> race = Promise.race(loop, List.of(slow.promise(), fast.promise()));
    loop.queueMicrotask(() -> {
      fast.resolve("fast");
      slow.reject(new IllegalStateException("slow"));
    });
    loop.run();
    assertEquals("fast", race.value());
  }

  @Test
  void raceRejectsAsTheFirstToSettle() {
    Promise.Resolver<String> slow = loop.promise();
    Promise.Resolver<String> fast = loop.promise();
    IllegalStateException reason = new IllegalStateException("fast");
    Promise<String> race = Promise.race(loop, List.of(slow.promise(), fast.promise()));
    race.catchError(e -> null);
    loop.queueMicrotask(() -> {
      fast.reject(reason);
      slow.resolve("slow");
    });
    loop.run();
    assertSame(reason, race.reason());
  }

  @Test
  void raceOfAnEmptyListStaysPending() {
    Promise<String> race = Promise.race(loop, List.<Promise<String>>of());
    loop.run();
    assertTrue(race.isPending());
  }

  // --- CompletableFuture ----------------------------------------------------------------------

  @Test
  void toCompletableFutureCompletesWithTheValue() throws Exception {
    CompletableFuture<String> future = Promise.resolve(loop, "v").toCompletableFuture();
    assertFalse(future.isDone());
    loop.run();
    assertEquals("v", future.getNow(null));
  }

  @Test
  void toCompletableFutureCompletesExceptionallyWithTheReasonAndCountsAsAHandler() {
    IllegalStateException reason = new IllegalStateException("r");
    CompletableFuture<String> future = Promise.<String>reject(loop, reason).toCompletableFuture();
    loop.run();
    ExecutionException thrown = assertThrows(ExecutionException.class, future::get);
    assertSame(reason, thrown.getCause());
  }

  private static final String RESCUED = "rescued from a wait that blocked the loop thread";

  /** A wait on the loop thread's own future, made by one of get, timed get and join. */
  @FunctionalInterface
  private interface Wait {
    String on(CompletableFuture<String> future) throws Exception;
  }

  /**
   * Makes {@code wait} on {@code future} here, on the loop thread, while another thread completes
   * the future with {@link #RESCUED} as soon as a thread waits on it: a wait that blocks returns
   * that instead of hanging the test.
   */
  private static String waitRescued(CompletableFuture<String> future, Wait wait) throws Exception {
    Thread rescuer = new Thread(() -> {
      while (future.getNumberOfDependents() == 0 && !future.isDone()) Thread.onSpinWait();
      future.complete(RESCUED);
    }, "rescuer");
    rescuer.start();
    try {
      return wait.on(future);
    } finally {
      future.complete("done with the test");
      rescuer.join();
    }
  }

  @Test
  void joinOnTheLoopThreadOfAPendingPromisesFutureThrowsInsteadOfWaitingForItself() throws Exception {
    CompletableFuture<String> future = loop.<String>promise().promise().toCompletableFuture();

    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> waitRescued(future, CompletableFuture::join));

    assertTrue(thrown.getMessage().contains("join()"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains(loop.toString()), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("then"), thrown.getMessage());
  }

  @Test
  void getOnTheLoopThreadOfAPendingPromisesFutureThrowsInsteadOfWaitingForItself() throws Exception {
    CompletableFuture<String> future = loop.<String>promise().promise().toCompletableFuture();

    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> waitRescued(future, CompletableFuture::get));

    assertTrue(thrown.getMessage().contains("get()"), thrown.getMessage());
  }

  @Test
  void timedGetOnTheLoopThreadOfAPendingPromisesFutureThrowsInsteadOfWaitingForItself() throws Exception {
    CompletableFuture<String> future = loop.<String>promise().promise().toCompletableFuture();

    IllegalStateException thrown = assertThrows(
        IllegalStateException.class, () -> waitRescued(future, f -> f.get(1, TimeUnit.DAYS)));

    assertTrue(thrown.getMessage().contains("get(timeout)"), thrown.getMessage());
  }

  @Test
  void joinOnTheLoopThreadOfAFutureDerivedFromAPendingPromisesFutureThrows() throws Exception {
    CompletableFuture<String> derived =
        loop.<String>promise().promise().toCompletableFuture().thenApply(v -> v + "!");

    assertThrows(IllegalStateException.class, () -> waitRescued(derived, CompletableFuture::join));
  }

  @Test
  void joinOnTheLoopThreadAnswersOnceThePromiseHasSettledEvenBeforeTheFutureIsCompleted() throws Exception {
    Promise.Resolver<String> resolver = loop.promise();
    CompletableFuture<String> future = resolver.promise().toCompletableFuture();
    resolver.resolve("v");

    assertEquals("v", waitRescued(future, CompletableFuture::join));
  }

  @Test
  void getOnTheLoopThreadOfARejectedPromisesFutureThrowsTheReason() throws Exception {
    IllegalStateException reason = new IllegalStateException("r");
    CompletableFuture<String> future = Promise.<String>reject(loop, reason).toCompletableFuture();

    ExecutionException thrown =
        assertThrows(ExecutionException.class, () -> waitRescued(future, CompletableFuture::get));

    assertSame(reason, thrown.getCause());
  }

  @Test
  void joinOnAnotherThreadWaitsUntilTheLoopCompletesTheFuture() throws Exception {
    Promise.Resolver<String> resolver = loop.promise();
    CompletableFuture<String> future = resolver.promise().toCompletableFuture();
    AtomicReference<String> joined = new AtomicReference<>();
    Thread waiter = new Thread(() -> joined.set(future.join()), "waiter");
    waiter.start();
    while (future.getNumberOfDependents() == 0) Thread.onSpinWait();

    resolver.resolve("v");
    loop.run();
    waiter.join();

    assertEquals("v", joined.get());
  }

  @Test
  void aThreadWaitingForAPromiseItsLoopCanNoLongerSettleIsReleasedWhenTheLoopCloses() throws Exception {
    Loop closing = Loop.create();
    CompletableFuture<String> future = closing.<String>promise().promise().toCompletableFuture();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch waiting = new CountDownLatch(1);
    Thread waiter = new Thread(() -> {
      waiting.countDown();
      try {
        future.join();
      } catch (CompletionException e) {
        failure.set(e.getCause());
      }
    }, "waiter");
    waiter.start();
    waiting.await();

    closing.close();
    waiter.join();

    assertInstanceOf(IllegalStateException.class, failure.get());
    assertTrue(failure.get().getMessage().contains("is closed and the promise did not settle"), failure.get().getMessage());
  }

  @Test
  void theFutureOfAPendingPromiseOfAClosedLoopFailsAtOnce() throws Exception {
    Loop closing = Loop.create();
    Promise<String> pending = closing.<String>promise().promise();
    closing.close();

    CompletableFuture<String> future = pending.toCompletableFuture();

    assertTrue(future.isCompletedExceptionally());
  }

  @Test
  void aSettledPromisesFutureIsNotFailedByTheLoopClosingLater() throws Exception {
    Loop closing = Loop.create();
    Promise.Resolver<String> resolver = closing.promise();
    CompletableFuture<String> future = resolver.promise().toCompletableFuture();
    resolver.resolve("v");
    closing.run();
    closing.close();

    assertEquals("v", future.join());
  }

  @Test
  void fromStageCompletedOnAnotherThreadSettlesOnTheLoopThread() throws Exception {
    CompletableFuture<String> future = new CompletableFuture<>();
    Promise<String> p = Promise.from(loop, future);
    AtomicReference<Thread> settledOn = new AtomicReference<>();
    p.thenAccept(v -> {
      settledOn.set(Thread.currentThread());
      labels.add("then " + v);
    });
    CountDownLatch completed = new CountDownLatch(1);
    Thread completer = new Thread(() -> {
      future.complete("v");
      completed.countDown();
    }, "completer");
    completer.start();
    loop.run();
    assertTrue(completed.await(10, TimeUnit.SECONDS));
    completer.join();
    assertEquals("v", p.value());
    assertSame(Thread.currentThread(), settledOn.get());
    assertEquals(List.of("then v"), labels);
  }

  @Test
  void fromStageFailedOnAnotherThreadRejectsWithTheUnwrappedCause() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<String> source = new CompletableFuture<>();
    // a dependent stage reports the failure wrapped in a CompletionException
    Promise<String> p = Promise.from(loop, source.thenApply(Function.identity()));
    AtomicReference<Thread> settledOn = new AtomicReference<>();
    p.catchError(e -> {
      settledOn.set(Thread.currentThread());
      return null;
    });
    Thread completer = new Thread(() -> source.completeExceptionally(boom), "completer");
    completer.start();
    loop.run();
    completer.join();
    assertSame(boom, p.reason());
    assertSame(Thread.currentThread(), settledOn.get());
  }

  @Test
  void fromStageKeepsTheLoopAliveUntilTheStageCompletes() throws Exception {
    CompletableFuture<String> future = new CompletableFuture<>();
    Promise<String> p = Promise.from(loop, future);
    // the stage completes only once the loop runs with nothing else left to keep it alive
    CountDownLatch lastCallbackRan = new CountDownLatch(1);
    Thread completer = new Thread(() -> {
      try {
        lastCallbackRan.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      future.complete("late");
    }, "completer");
    completer.start();
    loop.setImmediate(lastCallbackRan::countDown);
    assertFalse(loop.run());
    completer.join();
    assertEquals("late", p.value());
  }

  @Test
  void fromAnAlreadyCompletedStageStillSettlesAsynchronously() {
    Promise<String> p = Promise.from(loop, CompletableFuture.completedFuture("v"));
    assertTrue(p.isPending());
    loop.run();
    assertEquals("v", p.value());
  }

  // --- unhandled rejections -------------------------------------------------------------------

  @Test
  void rejectionWithoutHandlerIsReportedWithItsReasonAndTheLastPromiseOfTheChain() {
    IllegalStateException reason = new IllegalStateException("r");
    Promise<String> first = Promise.reject(loop, reason);
    Promise<String> last = first.then(v -> v + "1").then(v -> v + "2");
    List<Promise<?>> reported = new ArrayList<>();
    loop.onUnhandledRejection((r, promise) -> {
      labels.add("unhandled " + (r == reason));
      reported.add(promise);
    });
    loop.run();
    assertEquals(List.of("unhandled true"), labels);
    assertEquals(1, reported.size());
    assertSame(last, reported.get(0));
  }

  @Test
  void rejectionWithAHandlerAttachedBeforeTheDrainEndsIsNotReported() {
    loop.onUnhandledRejection((r, promise) -> labels.add("unhandled " + r.getMessage()));
    Promise<String> p = Promise.reject(loop, new IllegalStateException("r"));
    p.catchError(e -> {
      labels.add("caught " + e.getMessage());
      return null;
    });
    loop.run();
    assertEquals(List.of("caught r"), labels);
  }

  @Test
  void rejectionHandledOnlyByALaterCallbackIsReportedFirst() {
    loop.onUnhandledRejection((r, promise) -> labels.add("unhandledRejection: " + r.getMessage()));
    Promise<String> p = Promise.reject(loop, new IllegalStateException("r"));
    Timer timer = new Timer(loop);
    timer.start(0, () -> {
      labels.add("timer");
      p.catchError(e -> {
        labels.add("caught:" + e.getMessage());
        return null;
      });
      timer.close();
    });
    labels.add("sync");
    loop.run();
    assertEquals(List.of("sync", "unhandledRejection: r", "timer", "caught:r"), labels);
  }

  @Test
  void rejectionWithoutAnyHandlerMakesRunThrowUncaughtExceptionOfUnhandledRejection() {
    IllegalStateException reason = new IllegalStateException("r");
    Promise.reject(loop, reason);
    UncaughtException thrown = assertThrows(UncaughtException.class, loop::run);
    assertEquals(ErrorOrigin.UNHANDLED_REJECTION, thrown.origin());
    assertSame(reason, thrown.getCause());
  }

  @Test
  void rejectionWithoutRejectionHandlerGoesToTheUncaughtExceptionHandler() {
    IllegalStateException reason = new IllegalStateException("r");
    loop.onUncaughtException((error, origin) -> labels.add("uncaught " + (error == reason) + " " + origin));
    Promise.reject(loop, reason);
    loop.run();
    assertEquals(List.of("uncaught true UNHANDLED_REJECTION"), labels);
  }

  // --- loops, threads and arguments -----------------------------------------------------------

  @Test
  void promisesOfAnotherLoopAreRejectedWithIllegalArgument() throws UvException {
    try (Loop other = Loop.create()) {
      Promise<String> foreign = Promise.resolve(other, "foreign");
      List<Promise<String>> mixed = List.of(Promise.resolve(loop, "own"), foreign);
      Promise.Resolver<String> resolver = loop.promise();
      assertThrows(IllegalArgumentException.class, () -> resolver.adopt(foreign));
      assertThrows(IllegalArgumentException.class, () -> Promise.all(loop, mixed));
      assertThrows(IllegalArgumentException.class, () -> Promise.allSettled(loop, mixed));
      assertThrows(IllegalArgumentException.class, () -> Promise.any(loop, mixed));
      assertThrows(IllegalArgumentException.class, () -> Promise.race(loop, mixed));
      Promise<String> composed = Promise.resolve(loop, 1).thenCompose(v -> foreign);
      composed.catchError(e -> null);
      loop.run();
      assertInstanceOf(IllegalArgumentException.class, composed.reason());
      other.run();
    }
  }

  @Test
  void callsFromAnotherThreadThrowIllegalState() throws Exception {
    Promise<String> p = Promise.resolve(loop, "v");
    Promise.Resolver<String> resolver = loop.promise();
    List<Executable> calls = List.of(
        () -> loop.promise(),
        () -> Promise.resolve(loop, "x"),
        () -> Promise.reject(loop, new IllegalStateException("x")),
        () -> Promise.from(loop, new CompletableFuture<String>()),
        () -> Promise.all(loop, List.of(p)),
        () -> Promise.allSettled(loop, List.of(p)),
        () -> Promise.any(loop, List.of(p)),
        () -> Promise.race(loop, List.of(p)),
        () -> p.then(v -> v),
        () -> p.then(v -> v, e -> "x"),
        () -> p.thenAccept(v -> {}),
        () -> p.thenCompose(v -> p),
        () -> p.catchError(e -> "x"),
        () -> p.finallyDo(() -> {}),
        () -> p.toCompletableFuture(),
        () -> resolver.resolve("x"),
        () -> resolver.reject(new IllegalStateException("x")),
        () -> resolver.adopt(p));
    for (Executable call : calls) {
      assertInstanceOf(IllegalStateException.class, thrownOnAnotherThread(call));
    }
    assertTrue(resolver.promise().isPending());
  }

  @Test
  void nullArgumentsThrowNullPointer() {
    Promise<String> p = Promise.resolve(loop, "v");
    Promise.Resolver<String> resolver = loop.promise();
    List<Promise<String>> withNull = new ArrayList<>();
    withNull.add(p);
    withNull.add(null);
    List<Executable> calls = List.of(
        () -> Promise.resolve(null, "x"),
        () -> Promise.reject(null, new IllegalStateException("x")),
        () -> Promise.reject(loop, null),
        () -> Promise.from(null, new CompletableFuture<String>()),
        () -> Promise.from(loop, null),
        () -> Promise.all(null, List.of(p)),
        () -> Promise.all(loop, null),
        () -> Promise.all(loop, withNull),
        () -> Promise.allSettled(loop, null),
        () -> Promise.allSettled(loop, withNull),
        () -> Promise.any(loop, null),
        () -> Promise.any(loop, withNull),
        () -> Promise.race(loop, null),
        () -> Promise.race(loop, withNull),
        () -> p.then(null),
        () -> p.then(null, e -> "x"),
        () -> p.then(v -> v, null),
        () -> p.thenAccept(null),
        () -> p.thenCompose(null),
        () -> p.catchError(null),
        () -> p.finallyDo(null),
        () -> resolver.reject(null),
        () -> resolver.adopt(null));
    for (Executable call : calls) {
      assertThrows(NullPointerException.class, call);
    }
    assertTrue(resolver.promise().isPending());
  }
}
