package io.uv4j;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Conformance scenarios of unhandled promise rejections: Node's {@code --unhandled-rejections=m}
 * (the scenario's {@code .flags}) is {@link Loop#setRejectionMode(RejectionMode)}, {@code
 * process.on(name, f)} is {@link Loop#on(LoopEvent, Object)} with the {@link LoopEvent} of that
 * name, {@code Promise.reject(v)} for a value {@code v} that is not an Error is {@code
 * Promise.reject(loop, new RejectionValue(v))}, and the warnings the scenarios log without printing
 * them are silenced with {@link Loop#setWarningsPrinted(boolean) setWarningsPrinted(false)}. See
 * {@link Conformance}.
 */
class ConformanceRejectionTest extends Conformance {
  /**
   * JavaScript's {@code undefined}, which Java has no twin for (its one empty value, {@code null},
   * is JavaScript's {@code null}): a marker that prints and is typed as {@code undefined}.
   */
  private static final Object UNDEFINED = new Object() {
    @Override
    public String toString() {
      return "undefined";
    }
  };

  /** What JavaScript's {@code typeof} says of the value a Java value stands for. */
  private static String typeOf(Object value) {
    if (value == UNDEFINED) return "undefined";
    if (value instanceof Number) return "number";
    if (value instanceof String) return "string";
    if (value instanceof Boolean) return "boolean";
    return "object"; // null included, as typeof null is 'object'
  }

  /** The reason as JavaScript sees it: the value of a {@link RejectionValue}, else the error itself. */
  private static Object reasonValue(Throwable reason) {
    return reason instanceof RejectionValue ? ((RejectionValue) reason).value() : reason;
  }

  /*
   * // --unhandled-rejections=strict: an unhandled rejection is raised as an uncaught exception first
   * // ('uncaughtException' listeners get it with origin 'unhandledRejection'), and only then are the
   * // 'unhandledRejection' listeners called.
   * const log = (s) => console.log(s);
   * process.on('uncaughtException', (err, origin) => log('uncaught ' + err.message + ' ' + origin));
   * process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message));
   * process.on('exit', (code) => log('exit ' + code));
   * Promise.reject(new Error('r1'));
   * setTimeout(() => log('later timer'), 1);
   */
  @Test
  void s60_strictRaisesAnUncaughtExceptionFirst() throws IOException {
    loop.setRejectionMode(RejectionMode.STRICT);
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (err, origin) -> log("uncaught " + err.getMessage() + " " + origin.nodeName()));
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> log("unhandledRejection " + reason.getMessage()));
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    Promise.reject(loop, new RuntimeException("r1"));
    loop.setTimeout(() -> log("later timer"), 1);
    runAndCompare("60-rejections-strict-uncaught-first");
  }

  /*
   * // --unhandled-rejections=strict with an 'uncaughtException' listener and no 'unhandledRejection'
   * // listener: after the 'uncaughtException' listener, the UnhandledPromiseRejectionWarning warnings
   * // are emitted; the loop goes on.
   * const log = (s) => console.log(s);
   * process.on('uncaughtException', (err, origin) => log('uncaught ' + err.message + ' ' + origin));
   * // The generic warning's advice on making rejections fatal names the runtime's own option: left out.
   * const advice = / To terminate the node process on unhandled promise rejection, use the CLI flag `[^`]*` \(see [^)]*\)\./;
   * process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0].replace(advice, '')));
   * process.on('exit', (code) => log('exit ' + code));
   * Promise.reject(new Error('r1'));
   * setTimeout(() => log('later timer'), 1);
   */
  @Test
  void s61_strictWithoutRejectionListenerWarns() throws IOException {
    loop.setRejectionMode(RejectionMode.STRICT);
    loop.setWarningsPrinted(false);
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (err, origin) -> log("uncaught " + err.getMessage() + " " + origin.nodeName()));
    loop.on(LoopEvent.WARNING, this::logWarning);
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    Promise.reject(loop, new RuntimeException("r1"));
    loop.setTimeout(() -> log("later timer"), 1);
    runAndCompare("61-rejections-strict-unhandled-not-listened-warns");
  }

  /*
   * // --unhandled-rejections=strict with only an 'unhandledRejection' listener: the rejection is an
   * // uncaught exception nobody catches, so the process dies with status 1 and that listener is never
   * // called ('exit' listeners see 1, later timers never run).
   * const log = (s) => console.log(s);
   * process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message + ' (must not run)'));
   * process.on('exit', (code) => log('exit ' + code));
   * Promise.reject(new Error('r1'));
   * setTimeout(() => log('later timer (must not run)'), 1);
   */
  @Test
  void s62_strictWithNoUncaughtListenerExits1() throws IOException {
    loop.setRejectionMode(RejectionMode.STRICT);
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> log("unhandledRejection " + reason.getMessage() + " (must not run)"));
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    Promise.reject(loop, new RuntimeException("r1"));
    loop.setTimeout(() -> log("later timer (must not run)"), 1);
    runAndCompare("62-rejections-strict-no-handler-exits-1");
  }

  /*
   * // --unhandled-rejections=warn: the 'unhandledRejection' listeners are called and the warnings are
   * // emitted all the same; the loop goes on and the process ends with status 0.
   * const log = (s) => console.log(s);
   * process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message));
   * // The generic warning's advice on making rejections fatal names the runtime's own option: left out.
   * const advice = / To terminate the node process on unhandled promise rejection, use the CLI flag `[^`]*` \(see [^)]*\)\./;
   * process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0].replace(advice, '')));
   * process.on('exit', (code) => log('exit ' + code));
   * Promise.reject(new Error('r1'));
   * setTimeout(() => log('later timer'), 1);
   */
  @Test
  void s63_warnTellsListenersAndWarns() throws IOException {
    loop.setRejectionMode(RejectionMode.WARN);
    loop.setWarningsPrinted(false);
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> log("unhandledRejection " + reason.getMessage()));
    loop.on(LoopEvent.WARNING, this::logWarning);
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    Promise.reject(loop, new RuntimeException("r1"));
    loop.setTimeout(() -> log("later timer"), 1);
    runAndCompare("63-rejections-warn");
  }

  /*
   * // --unhandled-rejections=none: an unhandled rejection with no listener emits no warning and does
   * // not end the process; an 'unhandledRejection' listener, when there is one, is still called.
   * const log = (s) => console.log(s);
   * process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0]));
   * process.on('exit', (code) => log('exit ' + code));
   * Promise.reject(new Error('r1'));
   * setTimeout(() => {
   *   process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message));
   *   Promise.reject(new Error('r2'));
   * }, 1);
   * setTimeout(() => log('later timer'), 5);
   */
  @Test
  void s64_noneOnlyTellsListeners() throws IOException {
    loop.setRejectionMode(RejectionMode.NONE);
    loop.on(LoopEvent.WARNING, this::logWarning);
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    Promise.reject(loop, new RuntimeException("r1"));
    loop.setTimeout(() -> {
      loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> log("unhandledRejection " + reason.getMessage()));
      Promise.reject(loop, new RuntimeException("r2"));
    }, 1);
    loop.setTimeout(() -> log("later timer"), 5);
    runAndCompare("64-rejections-none");
  }

  /*
   * // --unhandled-rejections=warn-with-error-code: an unhandled rejection with no listener emits the
   * // warnings and sets the exit code to 1, but the loop goes on; a later rejection taken by a
   * // listener changes nothing more.
   * const log = (s) => console.log(s);
   * // The generic warning's advice on making rejections fatal names the runtime's own option: left out.
   * const advice = / To terminate the node process on unhandled promise rejection, use the CLI flag `[^`]*` \(see [^)]*\)\./;
   * process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0].replace(advice, '')));
   * process.on('exit', (code) => log('exit ' + code));
   * Promise.reject(new Error('r1'));
   * setTimeout(() => {
   *   log('timer exitCode ' + process.exitCode);
   *   process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message));
   *   Promise.reject(new Error('r2'));
   * }, 1);
   * setTimeout(() => log('later timer'), 5);
   */
  @Test
  void s65_warnWithErrorCodeSetsExitCodeAndGoesOn() throws IOException {
    loop.setRejectionMode(RejectionMode.WARN_WITH_ERROR_CODE);
    loop.setWarningsPrinted(false);
    loop.on(LoopEvent.WARNING, this::logWarning);
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    Promise.reject(loop, new RuntimeException("r1"));
    loop.setTimeout(() -> {
      log("timer exitCode " + loop.exitCode());
      loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> log("unhandledRejection " + reason.getMessage()));
      Promise.reject(loop, new RuntimeException("r2"));
    }, 1);
    loop.setTimeout(() -> log("later timer"), 5);
    runAndCompare("65-rejections-warn-with-error-code");
  }

  /*
   * // Default mode (throw): an 'unhandledRejection' listener takes the rejection: no warning, no
   * // 'uncaughtException', and the process ends with status 0.
   * const log = (s) => console.log(s);
   * process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message));
   * process.on('uncaughtException', (err) => log('uncaught ' + err.message + ' (must not run)'));
   * process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0]));
   * process.on('exit', (code) => log('exit ' + code));
   * Promise.reject(new Error('r1'));
   * setTimeout(() => log('later timer'), 1);
   */
  @Test
  void s66_throwModeListenerSuffices() throws IOException {
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> log("unhandledRejection " + reason.getMessage()));
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (err, origin) -> log("uncaught " + err.getMessage() + " (must not run)"));
    loop.on(LoopEvent.WARNING, this::logWarning);
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    Promise.reject(loop, new RuntimeException("r1"));
    loop.setTimeout(() -> log("later timer"), 1);
    runAndCompare("66-rejections-throw-listener-suffices");
  }

  /*
   * // Default mode: a rejection whose reason is not an Error, with only an 'uncaughtException'
   * // listener, reaches that listener as an Error made by Node (code ERR_UNHANDLED_REJECTION) whose
   * // message quotes the reason, with origin 'unhandledRejection'.
   * const log = (s) => console.log(s);
   * process.on('uncaughtException', (err, origin) => {
   *   log('message ' + err.message);
   *   log('origin ' + origin + ' code ' + err.code + ' instanceof Error ' + (err instanceof Error));
   * });
   * process.on('exit', (code) => log('exit ' + code));
   * Promise.reject(42);
   * setTimeout(() => Promise.reject('text'), 1);
   *
   * Java errors have no code: the error Node makes of a value reason, the one whose code is
   * ERR_UNHANDLED_REJECTION, is an UncaughtException whose cause is the RejectionValue, so the
   * test logs that code when the listener gets such an exception (and "undefined", as Node would
   * for any other error, otherwise). JavaScript's Error is RuntimeException here, as for
   * new Error(m).
   */
  @Test
  void s67_valueReasonReachesUncaughtListenersWrapped() throws IOException {
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (err, origin) -> {
      log("message " + err.getMessage());
      boolean madeOfValue = err instanceof UncaughtException && err.getCause() instanceof RejectionValue;
      log("origin " + origin.nodeName() + " code " + (madeOfValue ? "ERR_UNHANDLED_REJECTION" : "undefined")
          + " instanceof Error " + (err instanceof RuntimeException));
    });
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    Promise.reject(loop, new RejectionValue(42));
    loop.setTimeout(() -> Promise.reject(loop, new RejectionValue("text")), 1);
    runAndCompare("67-non-error-reason-uncaught-wrapper");
  }

  /*
   * // An 'unhandledRejection' listener gets the rejection reason itself, whatever its type,
   * // null and undefined included.
   * const log = (s) => console.log(s);
   * process.on('unhandledRejection', (reason) => log('reason ' + String(reason) + ' typeof ' + typeof reason));
   * process.on('unhandledRejection', (reason) => log('is 42 ' + (reason === 42)));
   * process.on('exit', (code) => log('exit ' + code));
   * Promise.reject(42);
   * Promise.reject(null);
   * Promise.reject(undefined);
   *
   * Java has null only: the rejection with undefined is one with the UNDEFINED marker.
   */
  @Test
  void s68_valueReasonReachesRejectionListenersAsItIs() throws IOException {
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) ->
        log("reason " + reasonValue(reason) + " typeof " + typeOf(reasonValue(reason))));
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> log("is 42 " + Integer.valueOf(42).equals(reasonValue(reason))));
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    Promise.reject(loop, new RejectionValue(42));
    Promise.reject(loop, new RejectionValue(null));
    Promise.reject(loop, new RejectionValue(UNDEFINED));
    runAndCompare("68-non-error-reason-listener-gets-value");
  }

  /*
   * // --unhandled-rejections=warn: for a reason that is not an Error, the first warning's message is
   * // the reason converted to a string; the second is the generic one with the rejection id.
   * const log = (s) => console.log(s);
   * // The generic warning's advice on making rejections fatal names the runtime's own option: left out.
   * const advice = / To terminate the node process on unhandled promise rejection, use the CLI flag `[^`]*` \(see [^)]*\)\./;
   * process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0].replace(advice, '')));
   * process.on('exit', (code) => log('exit ' + code));
   * Promise.reject('text');
   */
  @Test
  void s69_valueReasonIsWarnedOfAsItsString() throws IOException {
    loop.setRejectionMode(RejectionMode.WARN);
    loop.setWarningsPrinted(false);
    loop.on(LoopEvent.WARNING, this::logWarning);
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    Promise.reject(loop, new RejectionValue("text"));
    runAndCompare("69-non-error-reason-warning");
  }

  /*
   * // A rejection that an 'unhandledRejection' listener causes is not reported in the same round: the
   * // ticks and microtasks queued meanwhile run first, and a handler one of them attaches in time
   * // means it is never reported.
   * const log = (s) => console.log(s);
   * process.on('unhandledRejection', (reason) => {
   *   log('unhandledRejection ' + reason.message);
   *   if (reason.message !== 'first') return;
   *   const second = Promise.reject(new Error('second'));
   *   queueMicrotask(() => second.catch((err) => log('caught ' + err.message)));
   *   Promise.reject(new Error('third'));
   * });
   * Promise.reject(new Error('first'));
   */
  @Test
  void s77_rejectionFromListenerWaitsForMicrotasks() throws IOException {
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> {
      log("unhandledRejection " + reason.getMessage());
      if (!reason.getMessage().equals("first")) return;
      Promise<Object> second = Promise.reject(loop, new RuntimeException("second"));
      loop.queueMicrotask(() -> second.catchError(err -> {
        log("caught " + err.getMessage());
        return null;
      }));
      Promise.reject(loop, new RuntimeException("third"));
    });
    Promise.reject(loop, new RuntimeException("first"));
    runAndCompare("77-rejection-from-listener-waits-for-microtasks");
  }

  /*
   * // The rejections waiting at the end of a drain are reported as one batch: one that a listener
   * // handles while the batch is being reported is reported all the same, and is not reported again
   * // as handled late.
   * const log = (s) => console.log(s);
   * process.on('unhandledRejection', (reason) => {
   *   log('unhandledRejection ' + reason.message);
   *   if (reason.message === 'r1') second.catch(() => log('second caught'));
   * });
   * process.on('rejectionHandled', () => log('rejectionHandled'));
   * Promise.reject(new Error('r1'));
   * const second = Promise.reject(new Error('r2'));
   */
  @Test
  void s78_rejectionsReportedAsOneBatch() throws IOException {
    List<Promise<Object>> second = new ArrayList<>();
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> {
      log("unhandledRejection " + reason.getMessage());
      if (reason.getMessage().equals("r1")) {
        second.get(0).catchError(err -> {
          log("second caught");
          return null;
        });
      }
    });
    loop.on(LoopEvent.REJECTION_HANDLED, p -> log("rejectionHandled"));
    Promise.reject(loop, new RuntimeException("r1"));
    second.add(Promise.reject(loop, new RuntimeException("r2")));
    runAndCompare("78-rejections-reported-as-one-batch");
  }

  /*
   * // An 'unhandledRejection' listener that throws is an uncaught exception, and the rejections of its
   * // batch after it are never reported, not even at a later drain.
   * const log = (s) => console.log(s);
   * process.on('uncaughtException', (err, origin) => log('uncaught ' + err.message + ' ' + origin));
   * process.on('unhandledRejection', (reason) => {
   *   log('unhandledRejection ' + reason.message);
   *   if (reason.message === 'r1') throw new Error('from listener');
   * });
   * Promise.reject(new Error('r1'));
   * Promise.reject(new Error('r2'));
   * Promise.reject(new Error('r3'));
   * setTimeout(() => {
   *   log('timer');
   *   Promise.reject(new Error('r4'));
   * }, 1);
   */
  @Test
  void s79_rejectionListenerThrowsDropsItsBatch() throws IOException {
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (err, origin) -> log("uncaught " + err.getMessage() + " " + origin.nodeName()));
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> {
      log("unhandledRejection " + reason.getMessage());
      if (reason.getMessage().equals("r1")) throw new RuntimeException("from listener");
    });
    Promise.reject(loop, new RuntimeException("r1"));
    Promise.reject(loop, new RuntimeException("r2"));
    Promise.reject(loop, new RuntimeException("r3"));
    loop.setTimeout(() -> {
      log("timer");
      Promise.reject(loop, new RuntimeException("r4"));
    }, 1);
    runAndCompare("79-rejection-listener-throws-drops-its-batch");
  }

  /*
   * // A promise reported by 'unhandledRejection' that later gets a catch handler is reported once by
   * // 'rejectionHandled', with that promise, after the ticks and microtasks of the turn in which it
   * // was handled. A promise handled before the drain produces neither event.
   * const log = (s) => console.log(s);
   * let thePromise;
   * process.on('unhandledRejection', (reason, p) => log('unhandledRejection ' + reason.message + ' ' + (p === thePromise)));
   * process.on('rejectionHandled', (p) => log('rejectionHandled ' + (p === thePromise)));
   * process.on('exit', (code) => log('exit ' + code));
   * thePromise = Promise.reject(new Error('late'));
   * const early = Promise.reject(new Error('early'));
   * early.catch((err) => log('caught ' + err.message));
   * setTimeout(() => {
   *   thePromise.catch((err) => log('caught ' + err.message));
   *   thePromise.catch(() => log('second catch'));
   *   process.nextTick(() => log('tick'));
   *   log('timer');
   * }, 1);
   * setTimeout(() => log('later timer'), 5);
   */
  @Test
  void s97_rejectionHandledAfterReport() throws IOException {
    Promise<?>[] thePromise = new Promise<?>[1];
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) ->
        log("unhandledRejection " + reason.getMessage() + " " + (p == thePromise[0])));
    loop.on(LoopEvent.REJECTION_HANDLED, p -> log("rejectionHandled " + (p == thePromise[0])));
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    thePromise[0] = Promise.reject(loop, new RuntimeException("late"));
    Promise<Object> early = Promise.reject(loop, new RuntimeException("early"));
    early.onRejected(err -> log("caught " + err.getMessage()));
    loop.setTimeout(() -> {
      thePromise[0].onRejected(err -> log("caught " + err.getMessage()));
      thePromise[0].onRejected(err -> log("second catch"));
      loop.nextTick(() -> log("tick"));
      log("timer");
    }, 1);
    loop.setTimeout(() -> log("later timer"), 5);
    runAndCompare("97-rejection-handled-after-report");
  }

  /*
   * // With no 'rejectionHandled' listener, a rejection handled after it was reported emits a
   * // PromiseRejectionHandledWarning naming its rejection id.
   * const log = (s) => console.log(s);
   * process.on('unhandledRejection', (reason) => log('unhandledRejection ' + reason.message));
   * process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0]));
   * const p = Promise.reject(new Error('late'));
   * setTimeout(() => {
   *   p.catch((err) => log('caught ' + err.message));
   * }, 1);
   */
  @Test
  void s98_rejectionHandledWithoutListenerWarns() throws IOException {
    loop.setWarningsPrinted(false);
    loop.on(LoopEvent.UNHANDLED_REJECTION, (reason, p) -> log("unhandledRejection " + reason.getMessage()));
    loop.on(LoopEvent.WARNING, this::logWarning);
    Promise<Object> p = Promise.reject(loop, new RuntimeException("late"));
    loop.setTimeout(() -> p.onRejected(err -> log("caught " + err.getMessage())), 1);
    runAndCompare("98-rejection-handled-warning");
  }

  /*
   * // Every promise rejected with no handler at that moment takes a rejection id, even one handled
   * // synchronously right after, so the next unhandled rejection's warning gives the following id.
   * const log = (s) => console.log(s);
   * // The generic warning's advice on making rejections fatal names the runtime's own option: left out.
   * const advice = / To terminate the node process on unhandled promise rejection, use the CLI flag `[^`]*` \(see [^)]*\)\./;
   * process.on('warning', (w) => log('warning ' + w.name + ': ' + w.message.split('\n')[0].replace(advice, '')));
   * Promise.reject(new Error('handled')).catch((err) => log('caught ' + err.message));
   * Promise.reject(new Error('unhandled'));
   */
  @Test
  void s99_rejectionIdsCountEveryRejection() throws IOException {
    loop.setRejectionMode(RejectionMode.WARN);
    loop.setWarningsPrinted(false);
    loop.on(LoopEvent.WARNING, this::logWarning);
    Promise.reject(loop, new RuntimeException("handled")).onRejected(err -> log("caught " + err.getMessage()));
    Promise.reject(loop, new RuntimeException("unhandled"));
    runAndCompare("99-rejection-ids-count-every-rejection");
  }
}
