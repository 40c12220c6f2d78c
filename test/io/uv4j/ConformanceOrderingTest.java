package io.uv4j;

import static java.util.stream.Collectors.joining;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Conformance scenarios of ordering across the queues and phases: how many microtask turns promise
 * adoption, {@code finally} and the combinators take, timers refreshed or cleared within a pass,
 * unreferenced timers and immediates around {@code beforeExit}, and ticks and microtasks queued
 * from each other; see {@link Conformance} for how a scenario maps to uv4j.
 */
class ConformanceOrderingTest extends Conformance {
  /** The scenario's {@code chain(name, n)}: a tick that queues a microtask that starts the next link. */
  private void chain(String name, int n) {
    if (n == 0) return;
    loop.nextTick(() -> {
      log(name + " tick " + n);
      loop.queueMicrotask(() -> {
        log(name + " micro " + n);
        chain(name, n - 1);
      });
    });
  }

  /*
   * // resolve(promise) settles the outer promise two microtask turns after the inner one settled.
   * const log = (s) => console.log(s);
   * let resolveOuter;
   * const outer = new Promise((r) => { resolveOuter = r; });
   * resolveOuter(Promise.resolve('v'));
   * outer.then((v) => log('outer ' + v));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4'));
   * log('sync');
   *
   * Resolving with a promise is Resolver.adopt.
   */
  @Test
  void s14_resolveWithPromiseTakesTwoTurns() throws IOException {
    Promise.Resolver<String> resolveOuter = loop.promise();
    Promise<String> outer = resolveOuter.promise();
    resolveOuter.adopt(Promise.resolve(loop, "v"));
    outer.thenAccept(v -> log("outer " + v));
    Promise.resolve(loop, null).thenRun(() -> log("c1")).thenRun(() -> log("c2")).thenRun(() -> log("c3"))
        .thenRun(() -> log("c4"));
    log("sync");
    runAndCompare("14-resolve-with-promise-takes-two-turns");
  }

  /*
   * // A handler that returns a promise: the derived promise adopts it, which takes two more turns.
   * const log = (s) => console.log(s);
   * Promise.resolve().then(() => { log('a'); return Promise.resolve('x'); }).then((v) => log('a2 ' + v));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4')).then(() => log('c5'));
   * log('sync');
   *
   * The adopting form is thenCompose: a promise that a then handler returns is a plain value.
   */
  @Test
  void s16_handlerReturningPromiseIsAdopted() throws IOException {
    Promise.resolve(loop, null)
        .thenCompose(v -> {
          log("a");
          return Promise.resolve(loop, "x");
        })
        .thenAccept(v -> log("a2 " + v));
    Promise.resolve(loop, null).thenRun(() -> log("c1")).thenRun(() -> log("c2")).thenRun(() -> log("c3"))
        .thenRun(() -> log("c4")).thenRun(() -> log("c5"));
    log("sync");
    runAndCompare("16-handler-returning-promise-is-adopted");
  }

  /*
   * // finally runs its callback one turn after settlement and settles its promise two turns later.
   * const log = (s) => console.log(s);
   * Promise.resolve(1).finally(() => log('f1')).then((v) => log('after f1 ' + v));
   * Promise.reject(new Error('r')).finally(() => log('f2')).catch((e) => log('after f2 ' + e.message));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4')).then(() => log('c5'));
   * log('sync');
   */
  @Test
  void s19_finallySettlesTwoTurnsAfterItsCallback() throws IOException {
    Promise.resolve(loop, 1).finallyDo(() -> log("f1")).thenAccept(v -> log("after f1 " + v));
    Promise.reject(loop, new RuntimeException("r")).finallyDo(() -> log("f2"))
        .onRejected(e -> log("after f2 " + e.getMessage()));
    Promise.resolve(loop, null).thenRun(() -> log("c1")).thenRun(() -> log("c2")).thenRun(() -> log("c3"))
        .thenRun(() -> log("c4")).thenRun(() -> log("c5"));
    log("sync");
    runAndCompare("19-finally-settles-two-turns-after-its-callback");
  }

  /*
   * // all/race/any/allSettled of settled promises settle one turn later; their handlers run a turn after.
   * const log = (s) => console.log(s);
   * const a = Promise.resolve('a');
   * const b = Promise.resolve('b');
   * Promise.all([a, b]).then((v) => log('all ' + v.join(',')));
   * Promise.race([a, b]).then((v) => log('race ' + v));
   * Promise.any([Promise.reject(new Error('x')), b]).then((v) => log('any ' + v));
   * Promise.allSettled([a, Promise.reject(new Error('y'))]).then((r) => log('allSettled ' + r.map((x) => x.status).join(',')));
   * Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3'));
   * log('sync');
   */
  @Test
  void s21_combinatorsSettleOneTurnAfterInputs() throws IOException {
    Promise<String> a = Promise.resolve(loop, "a");
    Promise<String> b = Promise.resolve(loop, "b");
    Promise.all(a, b).thenAccept(v -> log("all " + String.join(",", v)));
    Promise.race(a, b).thenAccept(v -> log("race " + v));
    Promise.any(Promise.<String>reject(loop, new RuntimeException("x")), b).thenAccept(v -> log("any " + v));
    Promise.allSettled(a, Promise.<String>reject(loop, new RuntimeException("y")))
        .thenAccept(r -> log("allSettled " + r.stream().map(x -> x.isFulfilled() ? "fulfilled" : "rejected").collect(joining(","))));
    Promise.resolve(loop, null).thenRun(() -> log("c1")).thenRun(() -> log("c2")).thenRun(() -> log("c3"));
    log("sync");
    runAndCompare("21-combinators-settle-one-turn-after-inputs");
  }

  /*
   * // A timer refreshed by an earlier timer of the same pass moves to the end of its list and waits for
   * // a later pass: a due timer of a longer list runs first.
   * const log = (s) => console.log(s);
   * const busy = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
   * setTimeout(() => { log('a'); b.refresh(); }, 1);
   * const b = setTimeout(() => log('b'), 1);
   * setTimeout(() => log('c'), 2);
   * busy(10);
   */
  @Test
  void s24_refreshedTimerWaitsForALaterPass() throws IOException {
    Timeout[] b = new Timeout[1];
    loop.setTimeout(() -> {
      log("a");
      b[0].refresh();
    }, 1);
    b[0] = loop.setTimeout(() -> log("b"), 1);
    loop.setTimeout(() -> log("c"), 2);
    busyWait(10);
    runAndCompare("24-refreshed-timer-waits-for-a-later-pass");
  }

  /*
   * // An interval cleared in its own callback, and one cleared by a later timer of the same pass after it ran.
   * const log = (s) => console.log(s);
   * const busy = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
   * let i = 0;
   * const self = setInterval(() => { log('self ' + i); if (++i === 2) clearInterval(self); }, 1);
   * const other = setInterval(() => log('other'), 3);
   * setTimeout(() => { log('killer'); clearInterval(other); }, 3);
   * busy(10);
   * process.on('exit', (c) => log('exit ' + c));
   */
  @Test
  void s26_intervalClearedByItselfOrAnotherTimer() throws IOException {
    int[] i = {0};
    Timeout[] self = new Timeout[1];
    self[0] = loop.setInterval(() -> {
      log("self " + i[0]);
      if (++i[0] == 2) loop.clearInterval(self[0]);
    }, 1);
    Timeout other = loop.setInterval(() -> log("other"), 3);
    loop.setTimeout(() -> {
      log("killer");
      loop.clearInterval(other);
    }, 3);
    busyWait(10);
    loop.onExit(c -> log("exit " + c));
    runAndCompare("26-interval-cleared-by-itself-or-another-timer");
  }

  /*
   * // An unreferenced interval does not hold the loop: beforeExit comes first; work scheduled from it
   * // lets the interval fire.
   * const log = (s) => console.log(s);
   * const iv = setInterval(() => { log('iv'); clearInterval(iv); }, 1);
   * iv.unref();
   * let n = 0;
   * process.on('beforeExit', (code) => {
   *   log('beforeExit ' + code + ' #' + (++n));
   *   if (n === 1) setTimeout(() => log('timeout'), 20);
   * });
   * process.on('exit', (c) => log('exit ' + c));
   * log('sync');
   */
  @Test
  void s29_unrefIntervalBeforeExit() throws IOException {
    Timeout[] iv = new Timeout[1];
    iv[0] = loop.setInterval(() -> {
      log("iv");
      loop.clearInterval(iv[0]);
    }, 1);
    iv[0].unref();
    int[] n = {0};
    loop.onBeforeExit(code -> {
      log("beforeExit " + code + " #" + (++n[0]));
      if (n[0] == 1) loop.setTimeout(() -> log("timeout"), 20);
    });
    loop.onExit(c -> log("exit " + c));
    log("sync");
    runAndCompare("29-unref-interval-before-exit");
  }

  /*
   * // A queueMicrotask callback that throws is an uncaught exception, told at once: the microtasks after
   * // it still run in the same drain, then the ticks queued by it and by the handler.
   * const log = (s) => console.log(s);
   * process.on('uncaughtException', (e) => { log('uncaught ' + e.message); process.nextTick(() => log('tick from handler')); });
   * queueMicrotask(() => log('m1'));
   * queueMicrotask(() => { log('m2'); process.nextTick(() => log('tick from m2')); throw new Error('boom'); });
   * queueMicrotask(() => log('m3'));
   * Promise.resolve().then(() => log('p4'));
   * process.nextTick(() => log('tick'));
   * setImmediate(() => log('immediate'));
   * log('sync');
   */
  @Test
  void s32_throwingMicrotaskLeavesTheRestRunning() throws IOException {
    loop.onUncaughtException((e, origin) -> {
      log("uncaught " + e.getMessage());
      loop.nextTick(() -> log("tick from handler"));
    });
    loop.queueMicrotask(() -> log("m1"));
    loop.queueMicrotask(() -> {
      log("m2");
      loop.nextTick(() -> log("tick from m2"));
      throw new RuntimeException("boom");
    });
    loop.queueMicrotask(() -> log("m3"));
    Promise.resolve(loop, null).thenRun(() -> log("p4"));
    loop.nextTick(() -> log("tick"));
    loop.setImmediate(() -> log("immediate"));
    log("sync");
    runAndCompare("32-throwing-microtask-leaves-the-rest-running");
  }

  /*
   * // Ticks and microtasks queued from each other: every tick batch drains before the microtasks it follows.
   * const log = (s) => console.log(s);
   * function chain(name, n) {
   *   if (n === 0) return;
   *   process.nextTick(() => {
   *     log(name + ' tick ' + n);
   *     queueMicrotask(() => { log(name + ' micro ' + n); chain(name, n - 1); });
   *   });
   * }
   * chain('A', 3);
   * chain('B', 2);
   * Promise.resolve().then(() => { log('p'); process.nextTick(() => log('p tick')); }).then(() => log('p2'));
   * log('sync');
   */
  @Test
  void s34_ticksAndMicrotasksQueuedFromEachOther() throws IOException {
    chain("A", 3);
    chain("B", 2);
    Promise.resolve(loop, null)
        .thenRun(() -> {
          log("p");
          loop.nextTick(() -> log("p tick"));
        })
        .thenRun(() -> log("p2"));
    log("sync");
    runAndCompare("34-ticks-and-microtasks-queued-from-each-other");
  }

  /*
   * // An unreferenced immediate does not hold the loop, but runs once beforeExit gives it more work.
   * const log = (s) => console.log(s);
   * const imm = setImmediate(() => log('immediate'));
   * imm.unref();
   * log('hasRef=' + imm.hasRef());
   * let n = 0;
   * process.on('beforeExit', () => {
   *   log('beforeExit #' + (++n));
   *   if (n === 1) setTimeout(() => log('timeout'), 5);
   * });
   * process.on('exit', (c) => log('exit ' + c));
   */
  @Test
  void s36_unrefImmediateRunsOnceTheLoopRestarts() throws IOException {
    Immediate imm = loop.setImmediate(() -> log("immediate"));
    imm.unref();
    log("hasRef=" + imm.hasRef());
    int[] n = {0};
    loop.onBeforeExit(code -> {
      log("beforeExit #" + (++n[0]));
      if (n[0] == 1) loop.setTimeout(() -> log("timeout"), 5);
    });
    loop.onExit(c -> log("exit " + c));
    runAndCompare("36-unref-immediate-runs-once-the-loop-restarts");
  }
}
