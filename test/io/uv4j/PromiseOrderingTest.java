package io.uv4j;

import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toList;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Promise chains interleave on the microtask queue exactly as in JavaScript. Above each test is the
 * JavaScript program it translates, with what Node v20 prints for it; {@code log} is {@code (s) =>
 * console.log(s)}. The {@code c1, c2, ...} chain is a plain then-chain that counts microtask turns.
 */
class PromiseOrderingTest extends LoopTestBase {
  private final List<String> labels = new ArrayList<>();

  /** {@code Promise.resolve().then(() => log('c1')).then(() => log('c2'))...}, n steps. */
  private void counter(int steps) {
    Promise<Void> p = Promise.resolve(loop, null);
    for (int i = 1; i <= steps; i++) {
      String label = "c" + i;
      p = p.thenAccept(v -> labels.add(label));
    }
  }

  /** A rejection handler that logs {@code prefix} and the reason's message. */
  private <T> Promise.Handler<Throwable, T> caught(String prefix) {
    return e -> {
      labels.add(prefix + e.getMessage());
      return null;
    };
  }

  /** JavaScript's {@code String(array)}: the elements joined by commas. */
  private static String joined(List<?> values) {
    return values.stream().map(String::valueOf).collect(joining(","));
  }

  /** The labels after running the loop until the queues are empty. */
  private List<String> run() {
    loop.run();
    return labels;
  }

  /*
   * Promise.resolve().then(() => log('a1')).then(() => log('a2')).then(() => log('a3'));
   * Promise.resolve().then(() => log('b1')).then(() => log('b2')).then(() => log('b3'));
   * // a1 b1 a2 b2 a3 b3
   */
  @Test
  void twoIndependentChainsInterleaveStepByStep() {
    Promise.resolve(loop, null)
        .thenAccept(v -> labels.add("a1"))
        .thenAccept(v -> labels.add("a2"))
        .thenAccept(v -> labels.add("a3"));
    Promise.resolve(loop, null)
        .thenAccept(v -> labels.add("b1"))
        .thenAccept(v -> labels.add("b2"))
        .thenAccept(v -> labels.add("b3"));
    assertEquals(List.of("a1", "b1", "a2", "b2", "a3", "b3"), run());
  }

  /*
   * let resolveP;
   * const p = new Promise((r) => { resolveP = r; });
   * p.then(() => log('p1'));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2'));
   * p.then(() => log('p2'));
   * queueMicrotask(() => { log('m'); resolveP(); });
   * // c1 m c2 p1 p2
   */
  @Test
  void reactionsOfAPendingPromiseAreQueuedInRegistrationOrderWhenItSettles() {
    Promise.Resolver<Void> resolver = loop.promise();
    resolver.promise().thenAccept(v -> labels.add("p1"));
    counter(2);
    resolver.promise().thenAccept(v -> labels.add("p2"));
    loop.queueMicrotask(() -> {
      labels.add("m");
      resolver.resolve(null);
    });
    assertEquals(List.of("c1", "m", "c2", "p1", "p2"), run());
  }

  /*
   * const q = Promise.resolve('q');
   * Promise.resolve().then(() => q).then((v) => log('promise:' + v));
   * Promise.resolve().then(() => 'v').then((v) => log('value:' + v));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4'));
   * // c1 value:v c2 c3 promise:q c4
   */
  @Test
  void thenReturningAPromiseTakesTwoMoreTurnsThanThenReturningAValue() {
    Promise<String> q = Promise.resolve(loop, "q");
    Promise.resolve(loop, null).thenCompose(v -> q).thenAccept(v -> labels.add("promise:" + v));
    Promise.resolve(loop, null).then(v -> "v").thenAccept(v -> labels.add("value:" + v));
    counter(4);
    assertEquals(List.of("c1", "value:v", "c2", "c3", "promise:q", "c4"), run());
  }

  /*
   * let resolveQ;
   * const q = new Promise((r) => { resolveQ = r; });
   * Promise.resolve().then(() => q).then((v) => log('promise:' + v));
   * Promise.resolve().then(() => log('c1')).then(() => { log('c2'); resolveQ('q'); })
   *     .then(() => log('c3')).then(() => log('c4')).then(() => log('c5')).then(() => log('c6'));
   * // c1 c2 c3 promise:q c4 c5 c6
   */
  @Test
  void thenReturningAPendingPromiseFollowsItTwoTurnsAfterItSettles() {
    Promise.Resolver<String> q = loop.promise();
    Promise.resolve(loop, null).thenCompose(v -> q.promise()).thenAccept(v -> labels.add("promise:" + v));
    Promise.resolve(loop, null)
        .thenAccept(v -> labels.add("c1"))
        .thenAccept(v -> {
          labels.add("c2");
          q.resolve("q");
        })
        .thenAccept(v -> labels.add("c3"))
        .thenAccept(v -> labels.add("c4"))
        .thenAccept(v -> labels.add("c5"))
        .thenAccept(v -> labels.add("c6"));
    assertEquals(List.of("c1", "c2", "c3", "promise:q", "c4", "c5", "c6"), run());
  }

  /*
   * Promise.resolve().then(() => Promise.reject(new Error('r'))).catch((e) => log('caught:' + e.message));
   * Promise.resolve().then(() => { throw new Error('t'); }).catch((e) => log('caught:' + e.message));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4'));
   * // c1 caught:t c2 c3 caught:r c4
   */
  @Test
  void thenReturningARejectedPromiseRejectsTwoTurnsLaterThanThenThatThrows() {
    Promise.resolve(loop, null)
        .thenCompose(v -> Promise.reject(loop, new IllegalStateException("r")))
        .catchError(caught("caught:"));
    Promise.resolve(loop, null)
        .then(v -> {
          throw new IllegalStateException("t");
        })
        .catchError(caught("caught:"));
    counter(4);
    assertEquals(List.of("c1", "caught:t", "c2", "c3", "caught:r", "c4"), run());
  }

  /*
   * Promise.reject(new Error('r')).then(() => log('never1')).then(() => log('never2'))
   *     .catch((e) => log('caught:' + e.message));
   * Promise.resolve('v').catch(() => log('never3')).then((v) => log('value:' + v));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4'));
   * // c1 value:v c2 caught:r c3 c4
   */
  @Test
  void passingThroughAThenOrACatchTakesOneTurnEach() {
    Promise.<Void>reject(loop, new IllegalStateException("r"))
        .thenAccept(v -> labels.add("never1"))
        .thenAccept(v -> labels.add("never2"))
        .catchError(caught("caught:"));
    Promise.resolve(loop, "v")
        .catchError(caught("never3:"))
        .thenAccept(v -> labels.add("value:" + v));
    counter(4);
    assertEquals(List.of("c1", "value:v", "c2", "caught:r", "c3", "c4"), run());
  }

  /*
   * let resolveA, resolveB;
   * const a = new Promise((r) => { resolveA = r; });
   * const b = new Promise((r) => { resolveB = r; });
   * a.then((v) => log('adopted:' + v));
   * b.then((v) => log('plain:' + v));
   * resolveA(Promise.resolve('q'));
   * resolveB('v');
   * Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4'));
   * // plain:v c1 c2 adopted:q c3 c4
   */
  @Test
  void adoptTakesTwoTurnsMoreThanResolve() {
    Promise.Resolver<String> a = loop.promise();
    Promise.Resolver<String> b = loop.promise();
    a.promise().thenAccept(v -> labels.add("adopted:" + v));
    b.promise().thenAccept(v -> labels.add("plain:" + v));
    a.adopt(Promise.resolve(loop, "q"));
    b.resolve("v");
    counter(4);
    assertEquals(List.of("plain:v", "c1", "c2", "adopted:q", "c3", "c4"), run());
  }

  /*
   * let resolveA;
   * const a = new Promise((r) => { resolveA = r; });
   * a.catch((e) => log('adopted rejection:' + e.message));
   * resolveA(Promise.reject(new Error('r')));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4'));
   * // c1 c2 adopted rejection:r c3 c4
   */
  @Test
  void adoptingARejectedPromiseRejectsTwoTurnsLater() {
    Promise.Resolver<String> a = loop.promise();
    a.promise().catchError(caught("adopted rejection:"));
    a.adopt(Promise.reject(loop, new IllegalStateException("r")));
    counter(4);
    assertEquals(List.of("c1", "c2", "adopted rejection:r", "c3", "c4"), run());
  }

  /*
   * Promise.resolve('v').finally(() => log('finally')).then((v) => log('after:' + v));
   * Promise.resolve('w').then(() => log('then')).then(() => log('after then'));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3'))
   *     .then(() => log('c4')).then(() => log('c5'));
   * // finally then c1 after then c2 c3 after:v c4 c5
   */
  @Test
  void finallyPassesTheValueOnThreeTurnsLaterThanThen() {
    Promise.resolve(loop, "v")
        .finallyDo(() -> labels.add("finally"))
        .thenAccept(v -> labels.add("after:" + v));
    Promise.resolve(loop, "w")
        .thenAccept(v -> labels.add("then"))
        .thenAccept(v -> labels.add("after then"));
    counter(5);
    assertEquals(
        List.of("finally", "then", "c1", "after then", "c2", "c3", "after:v", "c4", "c5"), run());
  }

  /*
   * Promise.reject(new Error('r')).finally(() => log('finally')).catch((e) => log('caught:' + e.message));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3'))
   *     .then(() => log('c4')).then(() => log('c5'));
   * // finally c1 c2 c3 caught:r c4 c5
   */
  @Test
  void finallyPassesTheRejectionOnThreeTurnsLater() {
    Promise.<String>reject(loop, new IllegalStateException("r"))
        .finallyDo(() -> labels.add("finally"))
        .catchError(caught("caught:"));
    counter(5);
    assertEquals(List.of("finally", "c1", "c2", "c3", "caught:r", "c4", "c5"), run());
  }

  /*
   * Promise.resolve('v').finally(() => { log('finally throws'); throw new Error('f'); })
   *     .catch((e) => log('caught:' + e.message));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3'));
   * // finally throws c1 caught:f c2 c3
   */
  @Test
  void finallyThatThrowsRejectsInItsOwnTurn() {
    Promise.resolve(loop, "v")
        .finallyDo(() -> {
          labels.add("finally throws");
          throw new IllegalStateException("f");
        })
        .catchError(caught("caught:"));
    counter(3);
    assertEquals(List.of("finally throws", "c1", "caught:f", "c2", "c3"), run());
  }

  /*
   * Promise.all([Promise.resolve(1), Promise.resolve(2)]).then((v) => log('all:' + v));
   * Promise.allSettled([Promise.resolve(1), Promise.reject(new Error('x'))])
   *     .then((v) => log('allSettled:' + v.map((o) => o.status).join(',')));
   * Promise.race([Promise.resolve(1), Promise.resolve(2)]).then((v) => log('race:' + v));
   * Promise.any([Promise.reject(new Error('x')), Promise.resolve(2)]).then((v) => log('any:' + v));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3'));
   * // c1 all:1,2 allSettled:fulfilled,rejected race:1 any:2 c2 c3
   */
  @Test
  void combinatorsOfSettledPromisesSettleOneTurnLater() {
    Promise.all(loop, List.of(Promise.resolve(loop, 1), Promise.resolve(loop, 2)))
        .thenAccept(v -> labels.add("all:" + joined(v)));
    Promise.allSettled(
            loop, List.of(Promise.resolve(loop, 1), Promise.<Integer>reject(loop, new IllegalStateException("x"))))
        .thenAccept(v -> labels.add("allSettled:" + joined(
            v.stream().map(o -> o.isFulfilled() ? "fulfilled" : "rejected").collect(toList()))));
    Promise.race(loop, List.of(Promise.resolve(loop, 1), Promise.resolve(loop, 2)))
        .thenAccept(v -> labels.add("race:" + v));
    Promise.any(loop, List.of(Promise.<Integer>reject(loop, new IllegalStateException("x")), Promise.resolve(loop, 2)))
        .thenAccept(v -> labels.add("any:" + v));
    counter(3);
    assertEquals(
        List.of(
            "c1",
            "all:1,2",
            "allSettled:fulfilled,rejected",
            "race:1",
            "any:2",
            "c2",
            "c3"),
        run());
  }

  /*
   * Promise.all([]).then((v) => log('all:' + v.length));
   * Promise.allSettled([]).then((v) => log('allSettled:' + v.length));
   * Promise.any([]).catch((e) => log('any:' + e.constructor.name + ':' + e.errors.length));
   * Promise.race([]).then(() => log('race (never)'));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2'));
   * // all:0 allSettled:0 any:AggregateError:0 c1 c2
   */
  @Test
  void combinatorsOfEmptyListsSettleAtOnceExceptRace() {
    Promise.all(loop, List.<Promise<Integer>>of()).thenAccept(v -> labels.add("all:" + v.size()));
    Promise.allSettled(loop, List.<Promise<Integer>>of()).thenAccept(v -> labels.add("allSettled:" + v.size()));
    Promise.any(loop, List.<Promise<Integer>>of())
        .catchError(e -> {
          labels.add("any:" + e.getClass().getSimpleName() + ":" + ((AggregateException) e).errors().size());
          return null;
        });
    Promise.race(loop, List.<Promise<Integer>>of()).thenAccept(v -> labels.add("race (never)"));
    counter(2);
    assertEquals(List.of("all:0", "allSettled:0", "any:AggregateException:0", "c1", "c2"), run());
  }

  /*
   * let r1, r2;
   * const p1 = new Promise((r) => { r1 = r; });
   * const p2 = new Promise((r) => { r2 = r; });
   * Promise.all([p1, p2]).then((v) => log('all:' + v));
   * Promise.race([p1, p2]).then((v) => log('race:' + v));
   * Promise.resolve().then(() => { log('c1'); r2(2); }).then(() => { log('c2'); r1(1); })
   *     .then(() => log('c3')).then(() => log('c4'));
   * // c1 c2 race:2 c3 all:1,2 c4
   */
  @Test
  void allAndRaceSettleOneTurnAfterTheDecidingElementSettles() {
    Promise.Resolver<Integer> r1 = loop.promise();
    Promise.Resolver<Integer> r2 = loop.promise();
    Promise.all(loop, List.of(r1.promise(), r2.promise())).thenAccept(v -> labels.add("all:" + joined(v)));
    Promise.race(loop, List.of(r1.promise(), r2.promise())).thenAccept(v -> labels.add("race:" + v));
    Promise.resolve(loop, null)
        .thenAccept(v -> {
          labels.add("c1");
          r2.resolve(2);
        })
        .thenAccept(v -> {
          labels.add("c2");
          r1.resolve(1);
        })
        .thenAccept(v -> labels.add("c3"))
        .thenAccept(v -> labels.add("c4"));
    assertEquals(List.of("c1", "c2", "race:2", "c3", "all:1,2", "c4"), run());
  }

  /*
   * let r1, j2, j3;
   * const p1 = new Promise((r) => { r1 = r; });
   * const p2 = new Promise((_, j) => { j2 = j; });
   * const p3 = new Promise((_, j) => { j3 = j; });
   * Promise.all([p1, p2, p3]).then((v) => log('all:' + v), (e) => log('all rejected:' + e.message));
   * Promise.any([p2, p3]).catch((e) => log('any rejected:' + e.errors.map((x) => x.message).join(',')));
   * Promise.resolve().then(() => { log('c1'); j3(new Error('e3')); })
   *     .then(() => { log('c2'); j2(new Error('e2')); r1(1); })
   *     .then(() => log('c3')).then(() => log('c4'));
   * // c1 c2 all rejected:e3 c3 any rejected:e2,e3 c4
   */
  @Test
  void allRejectsOneTurnAfterTheFirstRejectionAndAnyAfterTheLast() {
    Promise.Resolver<Integer> r1 = loop.promise();
    Promise.Resolver<Integer> j2 = loop.promise();
    Promise.Resolver<Integer> j3 = loop.promise();
    Promise.all(loop, List.of(r1.promise(), j2.promise(), j3.promise()))
        .then(v -> labels.add("all:" + joined(v)), e -> labels.add("all rejected:" + e.getMessage()));
    Promise.any(loop, List.of(j2.promise(), j3.promise()))
        .catchError(e -> {
          List<Throwable> reasons = ((AggregateException) e).errors();
          labels.add("any rejected:" + joined(reasons.stream().map(Throwable::getMessage).collect(toList())));
          return null;
        });
    Promise.resolve(loop, null)
        .thenAccept(v -> {
          labels.add("c1");
          j3.reject(new IllegalStateException("e3"));
        })
        .thenAccept(v -> {
          labels.add("c2");
          j2.reject(new IllegalStateException("e2"));
          r1.resolve(1);
        })
        .thenAccept(v -> labels.add("c3"))
        .thenAccept(v -> labels.add("c4"));
    assertEquals(List.of("c1", "c2", "all rejected:e3", "c3", "any rejected:e2,e3", "c4"), run());
  }
}
