package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * How a program run by {@link Loop#runToCompletion()} ends when it calls {@link Loop#exit} from
 * the exit listeners or an error handler, sets its exit code, or dies of an error: each scenario
 * runs in a fresh JVM ({@link ExitProbe}) whose exit status and output must be those of the
 * equivalent Node program, kept with Node v20's output in {@code test/conformance}. Its stderr
 * stays silent, but for a program that dies of an error: there it begins with that error's stack
 * trace, as Node's does.
 */
class ProcessExitTest {
  private static final Path SCENARIOS = Paths.get("test", "conformance");

  @Test
  void exitInsideAnExitListenerEndsWithTheNewCodeAndSkipsTheRemainingListeners() throws Exception {
    endsAsNodeDoes("80-exit-inside-exit-listener");
  }

  @Test
  void exitInsideTheUncaughtExceptionHandlerEndsWithThatCode() throws Exception {
    endsAsNodeDoes("81-exit-inside-uncaught-handler");
  }

  @Test
  void exitInsideTheUnhandledRejectionHandlerEndsWithThatCode() throws Exception {
    endsAsNodeDoes("82-exit-inside-unhandled-rejection-handler");
  }

  @Test
  void exitInsideAMicrotaskOfAnExitListenerEndsWithTheNewCode() throws Exception {
    endsAsNodeDoes("87-exit-inside-microtask-of-exit-listener");
  }

  @Test
  void theExitCodeSetBeforeTheLoopRunsOutOfWorkIsTheExitStatus() throws Exception {
    endsAsNodeDoes("83-exit-code-at-natural-end");
  }

  @Test
  void exitWithoutACodeEndsWithTheExitCode() throws Exception {
    endsAsNodeDoes("84-exit-without-code-uses-exit-code");
  }

  @Test
  void anExitListenerSettingTheExitCodeChangesTheExitStatus() throws Exception {
    endsAsNodeDoes("85-exit-code-set-by-exit-listener");
  }

  @Test
  void beforeExitListenersGetTheExitCode() throws Exception {
    endsAsNodeDoes("86-before-exit-gets-exit-code");
  }

  @Test
  void anUncaughtExceptionMonitorAloneLetsTheErrorEndTheRunWithStatus1() throws Exception {
    ChildJvm.Ended ended = endsWithNodesOutputAndStatus("92-uncaught-monitor-alone-is-fatal");

    assertStackTraceOf("java.lang.RuntimeException: boom", ended);
  }

  @Test
  void anUncaughtExceptionListenerThatThrowsEndsTheRunWithStatus7AndNoExitListener() throws Exception {
    ChildJvm.Ended ended = endsWithNodesOutputAndStatus("93-uncaught-handler-throws-exits-7");

    assertStackTraceOf("java.lang.RuntimeException: from listener", ended);
    assertTrue(ended.stderr().contains("Suppressed: java.lang.RuntimeException: boom"),
        "the error the listener got is suppressed in the one it threw: " + ended.stderr());
  }

  private static void endsAsNodeDoes(String scenario) throws Exception {
    ChildJvm.Ended ended = endsWithNodesOutputAndStatus(scenario);
    assertEquals("", ended.stderr(), "stderr of " + scenario);
  }

  private static ChildJvm.Ended endsWithNodesOutputAndStatus(String scenario) throws Exception {
    ChildJvm.Ended ended = ChildJvm.runToEnd(ExitProbe.class, scenario);
    assertEquals(Files.readString(SCENARIOS.resolve(scenario + ".expected")), ended.stdout(), "output of " + scenario);
    int status = Integer.parseInt(Files.readString(SCENARIOS.resolve(scenario + ".exitcode")).strip());
    assertEquals(status, ended.status(), "exit status of " + scenario + ", printing " + ended.stdout());
    return ended;
  }

  /** The fatal error's stack trace is what stderr begins with, and nothing there is a JNI warning. */
  private static void assertStackTraceOf(String error, ChildJvm.Ended ended) {
    assertEquals(error, ended.stderr().lines().findFirst().orElse(""), "first line of stderr: " + ended.stderr());
    assertFalse(ended.stderr().contains("WARNING"), ended.stderr());
  }
}
