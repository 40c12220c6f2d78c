package io.uv4j;

import static java.util.stream.Collectors.joining;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Conformance scenarios of the next-tick and microtask queues, throwing ticks and unhandled
 * rejections; see {@link Conformance} for how a scenario maps to uv4j.
 */
class ConformanceQueueTest extends Conformance {
  /*
   * // After the main script finishes: all nextTicks run before any microtask.
   * const log = (s) => console.log(s);
   * Promise.resolve().then(() => log('promise1'));
   * queueMicrotask(() => log('microtask2'));
   * process.nextTick(() => log('tick1'));
   * Promise.resolve().then(() => log('promise3'));
   * process.nextTick(() => log('tick2'));
   * log('sync');
   */
  @Test
  void s01_tickBeforeMicrotask() throws IOException {
    Promise.resolve(loop, null).thenAccept(v -> log("promise1"));
    loop.queueMicrotask(() -> log("microtask2"));
    loop.nextTick(() -> log("tick1"));
    Promise.resolve(loop, null).thenAccept(v -> log("promise3"));
    loop.nextTick(() -> log("tick2"));
    log("sync");
    runAndCompare("01-tick-before-microtask");
  }

  /*
   * // Promise jobs and queueMicrotask share ONE FIFO queue.
   * const log = (s) => console.log(s);
   * queueMicrotask(() => log('m1'));
   * Promise.resolve().then(() => log('p2'));
   * queueMicrotask(() => log('m3'));
   * Promise.resolve().then(() => log('p4'));
   * queueMicrotask(() => log('m5'));
   * log('sync');
   */
  @Test
  void s02_microtaskFifo() throws IOException {
    loop.queueMicrotask(() -> log("m1"));
    Promise.resolve(loop, null).thenAccept(v -> log("p2"));
    loop.queueMicrotask(() -> log("m3"));
    Promise.resolve(loop, null).thenAccept(v -> log("p4"));
    loop.queueMicrotask(() -> log("m5"));
    log("sync");
    runAndCompare("02-microtask-fifo");
  }

  /*
   * // nextTick callbacks run FIFO and receive the extra arguments given at scheduling time.
   * const log = (s) => console.log(s);
   * process.nextTick((a) => log('t1 ' + a), 'x');
   * process.nextTick((a, b) => log('t2 ' + a + ' ' + b), 'y', 'z');
   * process.nextTick(() => log('t3'));
   * process.nextTick((a, b, c, d, e) => log('t4 ' + [a, b, c, d, e].join(',')), 1, 2, 3, 4, 5);
   * log('sync');
   *
   * The extra arguments are captured by the task when it is queued (see withArgs).
   */
  @Test
  void s03_nextTickFifoArgs() throws IOException {
    loop.nextTick(withArgs(a -> log("t1 " + a[0]), "x"));
    loop.nextTick(withArgs(a -> log("t2 " + a[0] + " " + a[1]), "y", "z"));
    loop.nextTick(() -> log("t3"));
    loop.nextTick(withArgs(
        a -> log("t4 " + Arrays.stream(a).map(String::valueOf).collect(joining(","))), 1, 2, 3, 4, 5));
    log("sync");
    runAndCompare("03-nexttick-fifo-args");
  }

  /*
   * // A nextTick queued inside a nextTick runs before any microtask (whole tick queue drains first).
   * const log = (s) => console.log(s);
   * Promise.resolve().then(() => log('promise'));
   * process.nextTick(() => {
   *   log('tick1');
   *   process.nextTick(() => {
   *     log('tick1.1');
   *     process.nextTick(() => log('tick1.1.1'));
   *   });
   * });
   * process.nextTick(() => log('tick2'));
   * log('sync');
   */
  @Test
  void s04_tickInsideTick() throws IOException {
    Promise.resolve(loop, null).thenAccept(v -> log("promise"));
    loop.nextTick(() -> {
      log("tick1");
      loop.nextTick(() -> {
        log("tick1.1");
        loop.nextTick(() -> log("tick1.1.1"));
      });
    });
    loop.nextTick(() -> log("tick2"));
    log("sync");
    runAndCompare("04-tick-inside-tick");
  }

  /*
   * // A nextTick queued inside a microtask runs only after the microtask queue is completely empty
   * // (including microtasks queued meanwhile); then the tick queue drains, then microtasks again.
   * const log = (s) => console.log(s);
   * Promise.resolve().then(() => {
   *   log('p1');
   *   process.nextTick(() => {
   *     log('tick-from-p1');
   *     Promise.resolve().then(() => log('p-from-tick'));
   *   });
   *   Promise.resolve().then(() => log('p1.1'));
   * });
   * Promise.resolve().then(() => {
   *   log('p2');
   *   queueMicrotask(() => {
   *     log('p2.1');
   *     queueMicrotask(() => log('p2.1.1'));
   *   });
   * });
   * log('sync');
   */
  @Test
  void s06_tickInsideMicrotask() throws IOException {
    Promise.resolve(loop, null).thenAccept(v -> {
      log("p1");
      loop.nextTick(() -> {
        log("tick-from-p1");
        Promise.resolve(loop, null).thenAccept(w -> log("p-from-tick"));
      });
      Promise.resolve(loop, null).thenAccept(w -> log("p1.1"));
    });
    Promise.resolve(loop, null).thenAccept(v -> {
      log("p2");
      loop.queueMicrotask(() -> {
        log("p2.1");
        loop.queueMicrotask(() -> log("p2.1.1"));
      });
    });
    log("sync");
    runAndCompare("06-tick-inside-microtask");
  }

  /*
   * // Microtasks queued from a microtask run in the same drain, appended at the tail (FIFO).
   * const log = (s) => console.log(s);
   * queueMicrotask(() => {
   *   log('a');
   *   queueMicrotask(() => log('a.1'));
   *   queueMicrotask(() => log('a.2'));
   * });
   * queueMicrotask(() => {
   *   log('b');
   *   queueMicrotask(() => log('b.1'));
   * });
   * queueMicrotask(() => log('c'));
   * log('sync');
   */
  @Test
  void s07_microtaskInsideMicrotask() throws IOException {
    loop.queueMicrotask(() -> {
      log("a");
      loop.queueMicrotask(() -> log("a.1"));
      loop.queueMicrotask(() -> log("a.2"));
    });
    loop.queueMicrotask(() -> {
      log("b");
      loop.queueMicrotask(() -> log("b.1"));
    });
    loop.queueMicrotask(() -> log("c"));
    log("sync");
    runAndCompare("07-microtask-inside-microtask");
  }

  /*
   * // A tick that throws ends the drain; once a handler took the error, the ticks left queued wait for
   * // the next drain point. The check phase opens with one, before its first immediate, even when the
   * // immediate was queued before the throw.
   * const log = (s) => console.log(s);
   * process.on('uncaughtException', (err) => log('uncaught: ' + err.message));
   * process.nextTick(() => {
   *   process.nextTick(() => log('tick left queued'));
   *   throw new Error('boom-tick');
   * });
   * setImmediate(() => log('immediate'));
   * log('sync');
   */
  @Test
  void s42_throwLeavesTicksForTheCheckPhase() throws IOException {
    loop.onUncaughtException((err, origin) -> log("uncaught: " + err.getMessage()));
    loop.nextTick(() -> {
      loop.nextTick(() -> log("tick left queued"));
      throw new RuntimeException("boom-tick");
    });
    loop.setImmediate(() -> log("immediate"));
    log("sync");
    runAndCompare("42-throw-leaves-ticks-for-the-check-phase");
  }

  /*
   * // An exception thrown by a nextTick callback goes to 'uncaughtException'; the ticks still queued
   * // behind it (and pending microtasks) run afterwards, before the loop proceeds to other phases.
   * const log = (s) => console.log(s);
   * process.on('uncaughtException', (err) => log('uncaught: ' + err.message));
   * process.nextTick(() => { log('tick1 throws'); throw new Error('boom-tick'); });
   * process.nextTick(() => log('tick2'));
   * Promise.resolve().then(() => log('promise'));
   * setTimeout(() => log('timeout 10ms'), 10);
   * log('sync');
   */
  @Test
  void s44_uncaughtInNextTick() throws IOException {
    loop.onUncaughtException((err, origin) -> log("uncaught: " + err.getMessage()));
    loop.nextTick(() -> {
      log("tick1 throws");
      throw new RuntimeException("boom-tick");
    });
    loop.nextTick(() -> log("tick2"));
    Promise.resolve(loop, null).thenAccept(v -> log("promise"));
    loop.setTimeout(() -> log("timeout 10ms"), 10);
    log("sync");
    runAndCompare("44-uncaught-in-nexttick");
  }

  /*
   * // Node >= 15 default (--unhandled-rejections=throw): a promise rejected with no handler by the end of
   * // the tick+microtask drain crashes the process (exit code 1); no further callbacks run.
   * const log = (s) => console.log(s);
   * process.on('exit', (code) => log('exit ' + code));
   * setTimeout(() => log('timeout (must not run)'), 5);
   * process.nextTick(() => log('tick runs before rejection is processed'));
   * Promise.reject(new Error('nobody handles me'));
   * queueMicrotask(() => log('microtask runs before rejection is processed'));
   * log('sync');
   */
  @Test
  void s48_unhandledRejectionCrash() throws IOException {
    loop.onExit(code -> log("exit " + code));
    loop.setTimeout(() -> log("timeout (must not run)"), 5);
    loop.nextTick(() -> log("tick runs before rejection is processed"));
    Promise.reject(loop, new RuntimeException("nobody handles me"));
    loop.queueMicrotask(() -> log("microtask runs before rejection is processed"));
    log("sync");
    runAndCompare("48-unhandled-rejection-crash");
  }

  /*
   * // With an 'unhandledRejection' handler, it is invoked after the tick and microtask queues have been
   * // drained; then ticks/microtasks it queued run; the loop continues.
   * const log = (s) => console.log(s);
   * process.on('unhandledRejection', (reason, p) => {
   *   log('unhandledRejection: ' + reason.message);
   *   process.nextTick(() => log('tick from handler'));
   * });
   * process.on('exit', (code) => log('exit ' + code));
   * Promise.reject(new Error('r1'));
   * process.nextTick(() => log('tick'));
   * queueMicrotask(() => log('micro'));
   * setTimeout(() => log('timeout'), 5);
   * log('sync');
   */
  @Test
  void s49_unhandledRejectionHandler() throws IOException {
    loop.onUnhandledRejection((reason, p) -> {
      log("unhandledRejection: " + reason.getMessage());
      loop.nextTick(() -> log("tick from handler"));
    });
    loop.onExit(code -> log("exit " + code));
    Promise.reject(loop, new RuntimeException("r1"));
    loop.nextTick(() -> log("tick"));
    loop.queueMicrotask(() -> log("micro"));
    loop.setTimeout(() -> log("timeout"), 5);
    log("sync");
    runAndCompare("49-unhandled-rejection-handler");
  }

  /*
   * // A chain of nextTicks (each queuing the next) fully drains before the loop can reach timers or
   * // immediates; the loop is starved until the chain ends.
   * const log = (s) => console.log(s);
   * setImmediate(() => log('immediate'));
   * let n = 0;
   * function again() { if (++n < 1000) process.nextTick(again); else log('tick chain done n=' + n); }
   * process.nextTick(again);
   * let m = 0;
   * function againMicro() { if (++m < 1000) queueMicrotask(againMicro); else log('microtask chain done m=' + m); }
   * queueMicrotask(againMicro);
   */
  @Test
  void s57_manyTicksBeforeTimer() throws IOException {
    class Chains {
      int n;
      int m;

      void again() {
        if (++n < 1000) loop.nextTick(this::again);
        else log("tick chain done n=" + n);
      }

      void againMicro() {
        if (++m < 1000) loop.queueMicrotask(this::againMicro);
        else log("microtask chain done m=" + m);
      }
    }
    Chains chains = new Chains();
    loop.setImmediate(() -> log("immediate"));
    loop.nextTick(chains::again);
    loop.queueMicrotask(chains::againMicro);
    runAndCompare("57-many-ticks-before-timer");
  }
}
