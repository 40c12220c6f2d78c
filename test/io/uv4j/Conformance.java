package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the conformance tests share. Each scenario of the ordering corpus ({@code
 * test/conformance}) is written in Java against uv4j, with its JavaScript above it;
 * the test logs the same labels and compares them with what Node v20 printed (the scenario's
 * {@code .expected} file, read at test time), and compares what {@link Loop#runToCompletion()}
 * returns with the scenario's exit status ({@code .exitcode}, else 0).
 *
 * <p>The code before {@code runToCompletion()} is the main script: the loop drains the queues
 * before its first iteration, as Node does when the main script returns. {@code process.on('exit')}
 * and {@code 'beforeExit'} are {@link Loop#onExit} and {@link Loop#onBeforeExit}, {@code
 * process.exit(n)} is {@link Loop#exit(int)}, {@code new Error(m)} thrown from a callback is a
 * {@code RuntimeException(m)}, {@code __filename} is the scenario's own {@code .js} file. A warning
 * that quotes such an error's stack trace therefore begins {@code java.lang.RuntimeException: m}
 * where Node's begins {@code Error: m}; {@link #logWarning(Warning)} logs the one as the other.
 *
 * <p>A scenario's {@code .flags} file holds the options Node runs it with: {@link
 * #runAndCompare(String)} checks that the loop is set up as they say, so that the Java and the
 * JavaScript cannot drift apart.
 *
 * <p>Node's main script takes next to no time, and scenarios with short timers rest on that (an
 * immediate before a 5 ms timeout). The time a main script here takes by accident (a cold JVM, a
 * sanitizer build, a loaded machine) is therefore taken off: {@link #runAndCompare(String)} moves
 * the pending timers later by it, while the time a scenario spins on purpose ({@link
 * #busyWait(long)}, its {@code Date.now()} loop) still counts.
 */
abstract class Conformance extends LoopTestBase {
  /** The scenarios with Node's output, kept in the repository (ci/conformance-node.sh re-checks them). */
  private static final Path SCENARIOS = Paths.get("test", "conformance");

  /**
   * The advice sentence of the generic {@code UnhandledPromiseRejectionWarning}: Node's names its
   * command-line option, this one {@link RejectionMode#STRICT}, and the scenarios leave Node's out.
   */
  private static final String REJECTION_ADVICE =
      " To end the run on an unhandled promise rejection, use RejectionMode.STRICT (see Loop.setRejectionMode).";
  private static final String JAVA_ERROR_PREFIX = "java.lang.RuntimeException: ";

  final List<String> out = new ArrayList<>();

  /** When the main script began, in the loop's milliseconds, and how long it spun on purpose. */
  private long mainScriptStart;
  private long mainScriptSpinMs;

  @BeforeEach
  void mainScriptStarts() {
    loop.updateTime();
    mainScriptStart = loop.now();
  }

  /** {@code console.log}. */
  void log(String s) {
    out.add(s);
  }

  /**
   * Logs a warning as the scenarios' warning listeners do: {@code 'warning ' + w.name + ': '} and
   * the first line of its message, without the advice sentence, a Java error's name given as
   * JavaScript's {@code Error} (see the class comment).
   */
  void logWarning(Warning w) {
    String firstLine = w.message().lines().findFirst().orElse("").replace(REJECTION_ADVICE, "");
    if (firstLine.startsWith(JAVA_ERROR_PREFIX)) firstLine = "Error: " + firstLine.substring(JAVA_ERROR_PREFIX.length());
    log("warning " + w.name() + ": " + firstLine);
  }

  /**
   * Runs the rest of the "process" and checks its output and exit status against Node's, after
   * checking that the loop's rejection mode is the one the scenario's Node options choose.
   */
  void runAndCompare(String scenario) throws IOException {
    assertRejectionModeMatchesFlags(scenario);
    // Node's main script takes next to no time beyond what it spins on purpose, and the scenarios'
    // short timers rest on that; a cold or instrumented JVM takes milliseconds, so the timers are
    // moved later by the time the main script took by accident.
    loop.updateTime();
    loop.postponeTimers(loop.now() - mainScriptStart - mainScriptSpinMs);
    int code = loop.runToCompletion();
    assertEquals(expected(scenario), String.join("\n", out) + "\n", "output of " + scenario);
    assertEquals(expectedExitCode(scenario), code, "exit status of " + scenario);
  }

  private void assertRejectionModeMatchesFlags(String scenario) throws IOException {
    Path flags = SCENARIOS.resolve(scenario + ".flags");
    if (Files.exists(flags)) {
      assertEquals(Files.readString(flags).trim(), "--unhandled-rejections=" + loop.rejectionMode().nodeName(),
          "node options of " + scenario + " against the loop's rejection mode");
    } else {
      assertEquals(RejectionMode.THROW, loop.rejectionMode(), scenario + " has no .flags: Node runs it in its default mode");
    }
  }

  private static Path scenarioFile(String name) {
    Path file = SCENARIOS.resolve(name);
    if (!Files.isRegularFile(file)) fail("conformance file missing: " + file.toAbsolutePath());
    return file;
  }

  static String expected(String scenario) throws IOException {
    return Files.readString(scenarioFile(scenario + ".expected"));
  }

  static int expectedExitCode(String scenario) throws IOException {
    Path file = SCENARIOS.resolve(scenario + ".exitcode");
    return Files.exists(file) ? Integer.parseInt(Files.readString(file).trim()) : 0;
  }

  /** The scenario script itself, for {@code __filename}. */
  static String filename(String scenario) {
    return scenarioFile(scenario + ".js").toAbsolutePath().normalize().toString();
  }

  /**
   * Node's extra scheduling arguments ({@code setTimeout(fn, ms, ...args)}): Java callbacks take
   * none, so the task captures a copy of the arguments given when it is scheduled.
   */
  static Runnable withArgs(Consumer<Object[]> fn, Object... args) {
    Object[] captured = args.clone();
    return () -> fn.accept(captured);
  }

  void busyWait(long ms) {
    mainScriptSpinMs += ms;
    long end = System.nanoTime() + ms * 1_000_000;
    while (System.nanoTime() < end) {
      // spin, as the scenario's Date.now() loop does
    }
  }
}
