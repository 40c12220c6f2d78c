package io.uv4j;

import java.io.IOException;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * Conformance scenarios of the process events and their listeners: {@code process.on(name, f)},
 * {@code process.once(name, f)} and {@code process.off(name, f)} are {@link Loop#on}, {@link
 * Loop#once} and {@link Loop#off} with the {@link LoopEvent} of that name, and {@code origin} is
 * printed with {@link ErrorOrigin#nodeName()}. See {@link Conformance}. Scenarios 92 and 93 end
 * by printing a fatal error; {@link ProcessExitTest} runs them in a JVM of their own, checking what
 * they print to stderr too.
 */
class ConformanceProcessEventsTest extends Conformance {
  /*
   * // 'exit' listeners run in the order they were added; a listener added with once runs like the
   * // others; one removed with off is not called; off of a listener added twice removes only its
   * // latest registration, so the earlier one keeps its place.
   * const log = (s) => console.log(s);
   * const removed = () => log('removed (must not run)');
   * const twice = (code) => log('twice ' + code);
   * process.on('exit', (code) => log('first ' + code));
   * process.on('exit', twice);
   * process.once('exit', (code) => log('once ' + code));
   * process.on('exit', removed);
   * process.on('exit', (code) => log('last ' + code));
   * process.on('exit', twice);
   * process.off('exit', removed);
   * process.off('exit', twice);
   * log('sync');
   */
  @Test
  void s88_exitListenersOnOnceOff() throws IOException {
    IntConsumer removed = code -> log("removed (must not run)");
    IntConsumer twice = code -> log("twice " + code);
    loop.on(LoopEvent.EXIT, code -> log("first " + code));
    loop.on(LoopEvent.EXIT, twice);
    loop.once(LoopEvent.EXIT, code -> log("once " + code));
    loop.on(LoopEvent.EXIT, removed);
    loop.on(LoopEvent.EXIT, code -> log("last " + code));
    loop.on(LoopEvent.EXIT, twice);
    loop.off(LoopEvent.EXIT, removed);
    loop.off(LoopEvent.EXIT, twice);
    log("sync");
    runAndCompare("88-exit-listeners-on-once-off");
  }

  /*
   * // A 'beforeExit' listener added with once runs only the first time the loop empties; one added
   * // with on runs every time. When a 'beforeExit' turn schedules nothing, the process exits.
   * const log = (s) => console.log(s);
   * let count = 0;
   * process.on('beforeExit', (code) => log('on beforeExit ' + ++count + ' code ' + code));
   * process.once('beforeExit', () => {
   *   log('once beforeExit');
   *   setTimeout(() => log('timer from once listener'), 1);
   * });
   * process.on('exit', (code) => log('exit ' + code));
   * log('sync');
   */
  @Test
  void s89_beforeExitOnce() throws IOException {
    int[] count = {0};
    loop.on(LoopEvent.BEFORE_EXIT, code -> log("on beforeExit " + ++count[0] + " code " + code));
    loop.once(LoopEvent.BEFORE_EXIT, code -> {
      log("once beforeExit");
      loop.setTimeout(() -> log("timer from once listener"), 1);
    });
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    log("sync");
    runAndCompare("89-before-exit-once");
  }

  /*
   * // Every 'uncaughtException' listener gets each uncaught error, in the order they were added, with
   * // the origin; a listener added with once gets only the first error; a listener removed with off
   * // between two errors misses the second.
   * const log = (s) => console.log(s);
   * const second = (err, origin) => log('second ' + err.message + ' ' + origin);
   * process.on('uncaughtException', (err, origin) => log('first ' + err.message + ' ' + origin));
   * process.on('uncaughtException', second);
   * process.once('uncaughtException', (err, origin) => log('once ' + err.message + ' ' + origin));
   * process.on('uncaughtException', (err, origin) => log('last ' + err.message + ' ' + origin));
   * setTimeout(() => {
   *   throw new Error('e1');
   * }, 1);
   * setTimeout(() => process.off('uncaughtException', second), 3);
   * setTimeout(() => {
   *   throw new Error('e2');
   * }, 5);
   */
  @Test
  void s90_uncaughtListenersInOrder() throws IOException {
    Loop.UncaughtExceptionHandler second = (err, origin) -> log("second " + err.getMessage() + " " + origin.nodeName());
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (err, origin) -> log("first " + err.getMessage() + " " + origin.nodeName()));
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, second);
    loop.once(LoopEvent.UNCAUGHT_EXCEPTION, (err, origin) -> log("once " + err.getMessage() + " " + origin.nodeName()));
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (err, origin) -> log("last " + err.getMessage() + " " + origin.nodeName()));
    loop.setTimeout(() -> {
      throw new RuntimeException("e1");
    }, 1);
    loop.setTimeout(() -> loop.off(LoopEvent.UNCAUGHT_EXCEPTION, second), 3);
    loop.setTimeout(() -> {
      throw new RuntimeException("e2");
    }, 5);
    runAndCompare("90-uncaught-listeners-in-order");
  }

  /*
   * // 'uncaughtExceptionMonitor' listeners are called before the 'uncaughtException' listeners, with
   * // the same error and origin; when an 'uncaughtException' listener is present the loop goes on.
   * const log = (s) => console.log(s);
   * process.on('uncaughtException', (err, origin) => log('uncaught ' + err.message + ' ' + origin));
   * process.on('uncaughtExceptionMonitor', (err, origin) => log('monitor 1 ' + err.message + ' ' + origin));
   * process.on('uncaughtExceptionMonitor', (err, origin) => log('monitor 2 ' + err.message + ' ' + origin));
   * process.on('exit', (code) => log('exit ' + code));
   * setTimeout(() => {
   *   throw new Error('boom');
   * }, 1);
   * setTimeout(() => log('later timer'), 5);
   */
  @Test
  void s91_uncaughtMonitorFirst() throws IOException {
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (err, origin) -> log("uncaught " + err.getMessage() + " " + origin.nodeName()));
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION_MONITOR,
        (err, origin) -> log("monitor 1 " + err.getMessage() + " " + origin.nodeName()));
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION_MONITOR,
        (err, origin) -> log("monitor 2 " + err.getMessage() + " " + origin.nodeName()));
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    loop.setTimeout(() -> {
      throw new RuntimeException("boom");
    }, 1);
    loop.setTimeout(() -> log("later timer"), 5);
    runAndCompare("91-uncaught-monitor-first");
  }

  /*
   * // Every 'unhandledRejection' listener gets each unhandled rejection, in the order they were added;
   * // a listener added with once gets only the first; a listener removed with off between two
   * // rejections misses the second.
   * const log = (s) => console.log(s);
   * const second = (reason) => log('second ' + reason.message);
   * process.on('unhandledRejection', (reason) => log('first ' + reason.message));
   * process.on('unhandledRejection', second);
   * process.once('unhandledRejection', (reason) => log('once ' + reason.message));
   * process.on('unhandledRejection', (reason) => log('last ' + reason.message));
   * process.on('exit', (code) => log('exit ' + code));
   * Promise.reject(new Error('r1'));
   * setTimeout(() => {
   *   process.off('unhandledRejection', second);
   *   Promise.reject(new Error('r2'));
   * }, 1);
   */
  @Test
  void s94_unhandledRejectionListenersOnceOff() throws IOException {
    Loop.UnhandledRejectionHandler second = (reason, promise) -> log("second " + reason.getMessage());
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, promise) -> log("first " + reason.getMessage()));
    loop.on(LoopEvent.UNHANDLED_REJECTION, second);
    loop.once(LoopEvent.UNHANDLED_REJECTION, (reason, promise) -> log("once " + reason.getMessage()));
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, promise) -> log("last " + reason.getMessage()));
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    Promise.reject(loop, new RuntimeException("r1"));
    loop.setTimeout(() -> {
      loop.off(LoopEvent.UNHANDLED_REJECTION, second);
      Promise.reject(loop, new RuntimeException("r2"));
    }, 1);
    runAndCompare("94-unhandled-rejection-listeners-once-off");
  }

  /*
   * // An 'unhandledRejection' listener that throws: its error goes to the 'uncaughtException'
   * // listeners with origin 'uncaughtException', and the loop goes on.
   * const log = (s) => console.log(s);
   * process.on('unhandledRejection', (reason) => {
   *   log('unhandledRejection ' + reason.message);
   *   throw new Error('from listener');
   * });
   * process.on('uncaughtException', (err, origin) => log('uncaught ' + err.message + ' ' + origin));
   * process.on('exit', (code) => log('exit ' + code));
   * Promise.reject(new Error('r1'));
   * setTimeout(() => log('later timer'), 1);
   */
  @Test
  void s95_rejectionHandlerThrowsIsUncaught() throws IOException {
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, promise) -> {
      log("unhandledRejection " + reason.getMessage());
      throw new RuntimeException("from listener");
    });
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (err, origin) -> log("uncaught " + err.getMessage() + " " + origin.nodeName()));
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    Promise.reject(loop, new RuntimeException("r1"));
    loop.setTimeout(() -> log("later timer"), 1);
    runAndCompare("95-rejection-handler-throws-is-uncaught");
  }

  /*
   * // An 'unhandledRejection' listener that throws, with no 'uncaughtException' listener: the process
   * // dies with status 1 ('exit' listeners see 1, later timers never run).
   * const log = (s) => console.log(s);
   * process.on('unhandledRejection', (reason) => {
   *   log('unhandledRejection ' + reason.message);
   *   throw new Error('from listener');
   * });
   * process.on('exit', (code) => log('exit ' + code));
   * Promise.reject(new Error('r1'));
   * setTimeout(() => log('later timer (must not run)'), 1);
   *
   * runToCompletion() prints the listener's error to stderr, as Node does.
   */
  @Test
  void s96_rejectionHandlerThrowsNoUncaughtListener() throws IOException {
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, promise) -> {
      log("unhandledRejection " + reason.getMessage());
      throw new RuntimeException("from listener");
    });
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    Promise.reject(loop, new RuntimeException("r1"));
    loop.setTimeout(() -> log("later timer (must not run)"), 1);
    runAndCompare("96-rejection-handler-throws-no-uncaught-listener");
  }

  /*
   * // A 'beforeExit' listener that throws with no 'uncaughtException' listener ends the process with
   * // status 1: the exit listeners see 1, and 'beforeExit' is not emitted again.
   * const log = (s) => console.log(s);
   * process.on('beforeExit', (code) => {
   *   log('beforeExit ' + code);
   *   throw new Error('from beforeExit');
   * });
   * process.on('exit', (code) => log('exit ' + code));
   */
  @Test
  void s38_beforeExitThrowsWithNoHandlerExits1() throws IOException {
    loop.on(LoopEvent.BEFORE_EXIT, code -> {
      log("beforeExit " + code);
      throw new RuntimeException("from beforeExit");
    });
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    runAndCompare("38-before-exit-throws-no-handler-exits-1");
  }

  /*
   * // An exit listener that throws: the error goes to the 'uncaughtException' listeners, the exit
   * // listeners after it are not called, and the exit code stays what it was.
   * const log = (s) => console.log(s);
   * process.on('exit', (code) => {
   *   log('first exit listener ' + code);
   *   throw new Error('from exit listener');
   * });
   * process.on('exit', (code) => log('second exit listener (must not run) ' + code));
   * process.on('uncaughtException', (err, origin) => log('uncaught ' + err.message + ' ' + origin));
   * setTimeout(() => log('timer'), 1);
   */
  @Test
  void s50_exitListenerThrowsIsUncaught() throws IOException {
    loop.on(LoopEvent.EXIT, code -> {
      log("first exit listener " + code);
      throw new RuntimeException("from exit listener");
    });
    loop.on(LoopEvent.EXIT, code -> log("second exit listener (must not run) " + code));
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (err, origin) -> log("uncaught " + err.getMessage() + " " + origin.nodeName()));
    loop.setTimeout(() -> log("timer"), 1);
    runAndCompare("50-exit-listener-throws-is-uncaught");
  }

  /*
   * // An exit listener that throws with no 'uncaughtException' listener ends the process with status 1;
   * // the exit listeners after it are not called, and none is called again.
   * const log = (s) => console.log(s);
   * process.on('exit', (code) => {
   *   log('first exit listener ' + code);
   *   throw new Error('from exit listener');
   * });
   * process.on('exit', (code) => log('second exit listener (must not run) ' + code));
   * setTimeout(() => log('timer'), 1);
   */
  @Test
  void s55_exitListenerThrowsWithNoHandlerExits1() throws IOException {
    loop.on(LoopEvent.EXIT, code -> {
      log("first exit listener " + code);
      throw new RuntimeException("from exit listener");
    });
    loop.on(LoopEvent.EXIT, code -> log("second exit listener (must not run) " + code));
    loop.setTimeout(() -> log("timer"), 1);
    runAndCompare("55-exit-listener-throws-no-handler-exits-1");
  }

  /*
   * // A 'beforeExit' listener that throws, with an 'uncaughtException' listener to take the error:
   * // taking it queues an empty immediate, so the loop turns once more and, out of work again, emits
   * // 'beforeExit' again.
   * const log = (s) => console.log(s);
   * let calls = 0;
   * process.on('beforeExit', (code) => {
   *   log('beforeExit ' + code + ' call ' + ++calls);
   *   if (calls === 1) throw new Error('from beforeExit');
   * });
   * process.on('uncaughtException', (err) => log('uncaught ' + err.message));
   * process.on('exit', (code) => log('exit ' + code));
   */
  @Test
  void s58_beforeExitThrowHandledTurnsTheLoopAgain() throws IOException {
    int[] calls = {0};
    loop.on(LoopEvent.BEFORE_EXIT, code -> {
      log("beforeExit " + code + " call " + ++calls[0]);
      if (calls[0] == 1) throw new RuntimeException("from beforeExit");
    });
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (err, origin) -> log("uncaught " + err.getMessage()));
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    runAndCompare("58-before-exit-throw-handled-turns-the-loop-again");
  }

  /*
   * // After the exit listeners, the drain that runs their microtasks also reports the rejections they
   * // left unhandled (ticks are ignored by then).
   * const log = (s) => console.log(s);
   * process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message));
   * process.on('exit', (code) => {
   *   log('exit ' + code);
   *   Promise.reject(new Error('in exit'));
   *   queueMicrotask(() => log('microtask'));
   * });
   * log('main');
   */
  @Test
  void s05_exitListenerRejectionReported() throws IOException {
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, promise) -> log("unhandledRejection " + reason.getMessage()));
    loop.on(LoopEvent.EXIT, code -> {
      log("exit " + code);
      Promise.reject(loop, new RuntimeException("in exit"));
      loop.queueMicrotask(() -> log("microtask"));
    });
    log("main");
    runAndCompare("05-exit-listener-rejection-reported");
  }

  /*
   * // A rejection an exit listener leaves unhandled, with no listener for it, is an uncaught exception:
   * // the process ends with status 1, after the microtasks queued before it was reported.
   * const log = (s) => console.log(s);
   * process.on('exit', (code) => {
   *   log('exit ' + code);
   *   Promise.reject(new Error('in exit'));
   *   queueMicrotask(() => log('microtask'));
   * });
   * log('main');
   */
  @Test
  void s08_exitListenerRejectionWithNoHandlerExits1() throws IOException {
    loop.on(LoopEvent.EXIT, code -> {
      log("exit " + code);
      Promise.reject(loop, new RuntimeException("in exit"));
      loop.queueMicrotask(() -> log("microtask"));
    });
    log("main");
    runAndCompare("08-exit-listener-rejection-no-handler-exits-1");
  }

  /*
   * // A microtask an exit listener queued throws, with no uncaughtException listener: the process ends
   * // there with status 1, and the microtasks after it never run.
   * const log = (s) => console.log(s);
   * process.on('exit', (code) => {
   *   log('exit ' + code);
   *   queueMicrotask(() => {
   *     log('first microtask');
   *     throw new Error('boom');
   *   });
   *   queueMicrotask(() => log('second microtask (must not run)'));
   * });
   */
  @Test
  void s09_exitMicrotaskThrowsWithNoHandlerExits1() throws IOException {
    loop.on(LoopEvent.EXIT, code -> {
      log("exit " + code);
      loop.queueMicrotask(() -> {
        log("first microtask");
        throw new RuntimeException("boom");
      });
      loop.queueMicrotask(() -> log("second microtask (must not run)"));
    });
    runAndCompare("09-exit-microtask-throws-no-handler-exits-1");
  }

  /*
   * // An uncaught error after the exit listeners ends the process with the exit code they set, when
   * // they set one (1 otherwise).
   * const log = (s) => console.log(s);
   * process.on('exit', (code) => {
   *   log('exit ' + code);
   *   process.exitCode = 3;
   *   Promise.reject(new Error('in exit'));
   * });
   */
  @Test
  void s12_exitListenerErrorKeepsExitCode() throws IOException {
    loop.on(LoopEvent.EXIT, code -> {
      log("exit " + code);
      loop.setExitCode(3);
      Promise.reject(loop, new RuntimeException("in exit"));
    });
    runAndCompare("12-exit-listener-error-keeps-exit-code");
  }
}
