package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** {@code Promise.all/allSettled/any/race} that take the loop from their first promise. */
class PromiseCombinatorsTest extends LoopTestBase {
  @Test
  void allOfAListTakesTheLoopOfItsFirstPromise() {
    Promise<List<String>> all = Promise.all(List.of(Promise.resolve(loop, "a"), Promise.resolve(loop, "b")));
    assertSame(loop, all.loop());
    loop.run();
    assertEquals(List.of("a", "b"), all.value());
  }

  @Test
  void allOfPromisesGivenOneByOneKeepsTheirOrder() {
    Promise.Resolver<String> late = loop.promise();
    Promise<List<String>> all = Promise.all(late.promise(), Promise.resolve(loop, "b"), Promise.resolve(loop, "c"));
    loop.setImmediate(() -> late.resolve("a"));
    loop.run();
    assertEquals(List.of("a", "b", "c"), all.value());
  }

  @Test
  void allSettledWithoutALoopReportsEachOutcome() {
    IllegalStateException reason = new IllegalStateException("r");
    Promise<List<Promise.Settled<String>>> settled =
        Promise.allSettled(Promise.resolve(loop, "a"), Promise.<String>reject(loop, reason));
    loop.run();
    assertEquals("a", settled.value().get(0).value());
    assertSame(reason, settled.value().get(1).reason());
  }

  @Test
  void anyWithoutALoopFulfilsWithTheFirstValue() {
    Promise<String> any = Promise.any(
        Promise.<String>reject(loop, new IllegalStateException("r")), Promise.resolve(loop, "b"));
    loop.run();
    assertEquals("b", any.value());
  }

  @Test
  void raceWithoutALoopSettlesAsTheFirstToSettle() {
    Promise.Resolver<String> never = loop.promise();
    Promise<String> race = Promise.race(List.of(never.promise(), Promise.resolve(loop, "b")));
    loop.run();
    assertEquals("b", race.value());
  }

  @Test
  void anEmptyListWithoutALoopIsRefusedNamingTheFormThatTakesOne() {
    List<Promise<String>> none = List.of();
    IllegalArgumentException all = assertThrows(IllegalArgumentException.class, () -> Promise.all(none));
    assertTrue(all.getMessage().contains("all(loop, promises)"), all.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Promise.allSettled(none));
    assertThrows(IllegalArgumentException.class, () -> Promise.any(none));
    assertThrows(IllegalArgumentException.class, () -> Promise.race(none));
  }

  @Test
  void aNullPromiseGivenOneByOneIsRefusedNamingItsPosition() {
    NullPointerException thrown = assertThrows(
        NullPointerException.class, () -> Promise.all(Promise.resolve(loop, "a"), null, Promise.resolve(loop, "c")));
    assertEquals("promises[1] is null", thrown.getMessage());
  }

  @Test
  void promisesOfTwoLoopsAreRefusedNamingBothLoops() throws Exception {
    CountDownLatch made = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    CompletableFuture<Promise<String>> foreignPromise = new CompletableFuture<>();
    Thread owner = new Thread(() -> {
      try (Loop other = Loop.create()) {
        foreignPromise.complete(Promise.resolve(other, "foreign"));
        made.countDown();
        done.await();
        other.run();
      } catch (Exception e) {
        foreignPromise.completeExceptionally(e);
        made.countDown();
      }
    }, "other-loop-thread");
    owner.start();
    made.await();
    Promise<String> foreign = foreignPromise.join();
    try {
      IllegalArgumentException thrown = assertThrows(
          IllegalArgumentException.class, () -> Promise.all(Promise.resolve(loop, "own"), foreign));
      assertTrue(thrown.getMessage().contains("promises[1]"), thrown.getMessage());
      assertTrue(thrown.getMessage().contains(loop.toString()), thrown.getMessage());
      assertTrue(thrown.getMessage().contains("Loop[other-loop-thread]"), thrown.getMessage());
    } finally {
      done.countDown();
      owner.join();
    }
  }

  @Test
  void theLoopTakingFormsStillAcceptAnEmptyList() {
    Promise<List<String>> all = Promise.all(loop, List.<Promise<String>>of());
    Promise<String> any = Promise.any(loop, List.<Promise<String>>of());
    any.catchError(e -> null);
    loop.run();
    assertEquals(List.of(), all.value());
    assertInstanceOf(AggregateException.class, any.reason());
  }
}
