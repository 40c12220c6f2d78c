package io.uv4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Conformance scenarios of warnings: {@code process.on('warning')} is {@link Loop#onWarning},
 * {@code process.off('warning')} is {@link Loop#offWarning}, and Node's {@code --no-warnings} is
 * {@link Loop#setWarningsPrinted(boolean) setWarningsPrinted(false)}. See {@link Conformance}.
 */
class ConformanceWarningTest extends Conformance {
  /** {@code JSON.stringify} of a message, for the characters the scenarios' messages hold. */
  private static String quoted(String message) {
    return "\"" + message.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /*
   * // A delay that does not fit in 32 bits is set to 1 ms and warned of once, on a next-tick queued
   * // by setTimeout; the timer then fires with the other 1 ms timers, in creation order.
   * const log = (s) => console.log(s);
   * process.on('warning', (w) => log('warning ' + w.name + ' ' + JSON.stringify(w.message)));
   * log('set');
   * setTimeout(() => log('overflowed fired'), 2 ** 31);
   * process.nextTick(() => log('tick'));
   * setTimeout(() => log('one-ms fired'), 1);
   */
  @Test
  void s70_timeoutOverflowWarning() throws IOException {
    loop.setWarningsPrinted(false);
    loop.onWarning(w -> log("warning " + w.name() + " " + quoted(w.message())));
    log("set");
    loop.setTimeout(() -> log("overflowed fired"), 1L << 31);
    loop.nextTick(() -> log("tick"));
    loop.setTimeout(() -> log("one-ms fired"), 1);
    runAndCompare("70-timeout-overflow-warning");
  }

  /*
   * // An interval whose delay overflows is warned of once, when it is set, not at each repetition.
   * const log = (s) => console.log(s);
   * process.on('warning', (w) => log('warning ' + w.name));
   * let runs = 0;
   * const interval = setInterval(() => {
   *   log('run ' + ++runs);
   *   if (runs === 3) clearInterval(interval);
   * }, 2 ** 31);
   */
  @Test
  void s71_intervalOverflowWarnsOnce() throws IOException {
    loop.setWarningsPrinted(false);
    loop.onWarning(w -> log("warning " + w.name()));
    int[] runs = {0};
    Timeout[] interval = new Timeout[1];
    interval[0] = loop.setInterval(() -> {
      log("run " + ++runs[0]);
      if (runs[0] == 3) loop.clearInterval(interval[0]);
    }, 1L << 31);
    runAndCompare("71-interval-overflow-warns-once");
  }

  /*
   * // Warning listeners are called in the order they were added; a removed one is not called.
   * const log = (s) => console.log(s);
   * const removed = () => log('removed listener');
   * process.on('warning', (w) => log('first ' + w.name));
   * process.on('warning', removed);
   * process.on('warning', (w) => log('second ' + w.name));
   * process.off('warning', removed);
   * setTimeout(() => {}, 2 ** 31);
   */
  @Test
  void s72_warningListenersInOrder() throws IOException {
    loop.setWarningsPrinted(false);
    Loop.WarningListener removed = w -> log("removed listener");
    loop.onWarning(w -> log("first " + w.name()));
    loop.onWarning(removed);
    loop.onWarning(w -> log("second " + w.name()));
    loop.offWarning(removed);
    loop.setTimeout(() -> {}, 1L << 31);
    runAndCompare("72-warning-listeners-in-order");
  }

  /*
   * // A warning listener added twice and removed once keeps its earlier place in the order.
   * const log = (s) => console.log(s);
   * const twice = (w) => log('twice ' + w.name);
   * process.on('warning', twice);
   * process.on('warning', (w) => log('between ' + w.name));
   * process.on('warning', twice);
   * process.off('warning', twice);
   * process.emitWarning('something', 'ExampleWarning');
   */
  @Test
  void s76_offRemovesLatestRegistration() throws IOException {
    loop.setWarningsPrinted(false);
    Loop.WarningListener twice = w -> log("twice " + w.name());
    loop.onWarning(twice);
    loop.onWarning(w -> log("between " + w.name()));
    loop.onWarning(twice);
    loop.offWarning(twice);
    loop.emitWarning(new Warning("ExampleWarning", "something"));
    runAndCompare("76-off-removes-latest-registration");
  }

  /*
   * // A warning listener that throws is an uncaught exception; the listeners after it do not get
   * // that warning, and the loop goes on.
   * const log = (s) => console.log(s);
   * process.on('uncaughtException', (err, origin) => log('uncaught: ' + err.message + ' origin=' + origin));
   * process.on('warning', () => {
   *   throw new Error('from listener');
   * });
   * process.on('warning', () => log('later listener'));
   * setTimeout(() => log('fired'), 2 ** 31);
   */
  @Test
  void s73_warningListenerThrows() throws IOException {
    loop.setWarningsPrinted(false);
    loop.onUncaughtException((err, origin) ->
        log("uncaught: " + err.getMessage() + " origin=" + origin.nodeName()));
    loop.onWarning(w -> {
      throw new RuntimeException("from listener");
    });
    loop.onWarning(w -> log("later listener"));
    loop.setTimeout(() -> log("fired"), 1L << 31);
    runAndCompare("73-warning-listener-throws");
  }

  /*
   * // With no 'uncaughtException' handler, a warning listener that throws ends the process with
   * // exit code 1, as any callback that throws does: the overflowed timer never fires.
   * const log = (s) => console.log(s);
   * process.on('exit', (code) => log('exit ' + code));
   * process.on('warning', () => {
   *   throw new Error('from listener');
   * });
   * setTimeout(() => log('fired (must not run)'), 2 ** 31);
   */
  @Test
  void s75_warningListenerThrowsWithNoHandler() throws IOException {
    loop.setWarningsPrinted(false);
    loop.onExit(code -> log("exit " + code));
    loop.onWarning(w -> {
      throw new RuntimeException("from listener");
    });
    loop.setTimeout(() -> log("fired (must not run)"), 1L << 31);
    runAndCompare("75-warning-listener-throws-no-handler");
  }

  /*
   * // By default a warning is printed to stderr, once; --no-warnings prints nothing, and listeners
   * // still get the warning. Each mode runs in a child process, whose stderr is counted here.
   * const { spawnSync } = require('child_process');
   * const log = (s) => console.log(s);
   * if (process.argv[2] === 'child') {
   *   process.on('warning', (w) => log('listener got ' + w.name));
   *   setTimeout(() => {}, 2 ** 31);
   * } else {
   *   for (const flags of [[], ['--no-warnings']]) {
   *     const child = spawnSync(process.execPath, [...flags, __filename, 'child'], { encoding: 'utf8' });
   *     const printed = child.stderr.split('\n').filter((line) => /^\(node:\d+\) /.test(line)).length;
   *     log((flags[0] || 'default') + ': ' + child.stdout.trim() + ', printed ' + printed);
   *   }
   * }
   *
   * Each child is a loop of its own here, its stderr the stream the loop's printer writes to.
   */
  @Test
  void s74_noWarningsSilencesPrinting() throws IOException, UvException {
    for (String mode : new String[] {"default", "--no-warnings"}) {
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      StringBuilder stdout = new StringBuilder();
      try (Loop child = Loop.create()) {
        child.warnings.printTo(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        if (mode.equals("--no-warnings")) child.setWarningsPrinted(false);
        child.onWarning(w -> stdout.append("listener got ").append(w.name()));
        child.setTimeout(() -> {}, 1L << 31);
        child.runToCompletion();
      }
      long printed = stderr.toString(StandardCharsets.UTF_8).lines().filter(l -> l.matches("\\(uv4j:\\d+\\) .*")).count();
      log(mode + ": " + stdout + ", printed " + printed);
    }
    runAndCompare("74-no-warnings-silences-printing");
  }

  /** {@code JSON.stringify} of a string that may be missing: {@code null} for none. */
  private static String quotedOrNull(String text) {
    return text == null ? "null" : quoted(text);
  }

  /*
   * // A warning may carry a code and a detail (process.emitWarning's options): listeners get both, and
   * // a warning given neither has none.
   * const log = (s) => console.log(s);
   * process.on('warning', (w) => log(JSON.stringify([w.name, w.message, w.code, w.detail])));
   * process.emitWarning('something odd', { type: 'CustomWarning', code: 'X001', detail: 'more to say\nover two lines' });
   * process.emitWarning('plain');
   * process.emitWarning('typed', 'TypedWarning', 'T002');
   */
  @Test
  void s100_warningCodeAndDetail() throws IOException {
    loop.setWarningsPrinted(false);
    loop.onWarning(w -> log("[" + quoted(w.name()) + "," + quoted(w.message()) + "," + quotedOrNull(w.code()) + ","
        + quotedOrNull(w.detail()) + "]"));
    loop.emitWarning(new Warning("CustomWarning", "something odd", "X001", "more to say\nover two lines"));
    loop.emitWarning(new Warning("Warning", "plain"));
    loop.emitWarning(new Warning("TypedWarning", "typed", "T002", null));
    runAndCompare("100-warning-code-and-detail");
  }

  /*
   * // A warning is printed with its code in brackets before its name, and its detail on the lines
   * // after the message. The warnings run in a child process, whose standard error is shown here with
   * // its process prefix masked (and without Node's hint about --trace-warnings, which names a Node
   * // option).
   * const { spawnSync } = require('child_process');
   * const log = (s) => console.log(s);
   * if (process.argv[2] === 'child') {
   *   process.emitWarning('something odd', { type: 'CustomWarning', code: 'X001', detail: 'more to say' });
   *   process.emitWarning('plain');
   * } else {
   *   const child = spawnSync(process.execPath, [__filename, 'child'], { encoding: 'utf8' });
   *   for (const line of child.stderr.split('\n')) {
   *     if (line === '' || line.startsWith('(Use `node')) continue;
   *     log(line.replace(/^\([a-z0-9]+:\d+\) /, '(PREFIX) '));
   *   }
   * }
   *
   * The child is a loop of its own here, its standard error the stream the loop's printer writes to.
   */
  @Test
  void s101_warningPrintedWithCodeAndDetail() throws IOException, UvException {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try (Loop child = Loop.create()) {
      child.warnings.printTo(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      child.emitWarning(new Warning("CustomWarning", "something odd", "X001", "more to say"));
      child.emitWarning(new Warning("Warning", "plain"));
      child.runToCompletion();
    }
    stderr.toString(StandardCharsets.UTF_8).lines()
        .filter(line -> !line.isEmpty())
        .forEach(line -> log(line.replaceFirst("^\\([a-z0-9]+:\\d+\\) ", "(PREFIX) ")));
    runAndCompare("101-warning-printed-with-code-and-detail");
  }
}
