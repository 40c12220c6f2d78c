package io.uv4j;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Run in a fresh JVM by {@link ProcessExitTest}: plays one scenario of {@code test/conformance}
 * (its JavaScript is in the scenario's {@code .js} file), printing what the Node program logs,
 * and ends the JVM with the status {@link Loop#runToCompletion()} returned.
 */
public final class ExitProbe {
  private static final Map<String, Consumer<Loop>> SCENARIOS = Map.of(
      "80-exit-inside-exit-listener", ExitProbe::exitInsideExitListener,
      "81-exit-inside-uncaught-handler", ExitProbe::exitInsideUncaughtHandler,
      "82-exit-inside-unhandled-rejection-handler", ExitProbe::exitInsideUnhandledRejectionHandler,
      "83-exit-code-at-natural-end", ExitProbe::exitCodeAtNaturalEnd,
      "84-exit-without-code-uses-exit-code", ExitProbe::exitWithoutCodeUsesExitCode,
      "85-exit-code-set-by-exit-listener", ExitProbe::exitCodeSetByExitListener,
      "86-before-exit-gets-exit-code", ExitProbe::beforeExitGetsExitCode,
      "87-exit-inside-microtask-of-exit-listener", ExitProbe::exitInsideMicrotaskOfExitListener,
      "92-uncaught-monitor-alone-is-fatal", ExitProbe::uncaughtMonitorAloneIsFatal,
      "93-uncaught-handler-throws-exits-7", ExitProbe::uncaughtHandlerThrowsExits7);

  private ExitProbe() {}

  /** Argument: the scenario's name. */
  public static void main(String[] args) throws Exception {
    int status;
    try (Loop loop = Loop.create()) {
      SCENARIOS.get(args[0]).accept(loop);
      status = loop.runToCompletion();
    }
    System.out.flush();
    System.exit(status);
  }

  /** {@code console.log}. */
  private static void log(String line) {
    System.out.println(line);
  }

  private static void exitInsideExitListener(Loop loop) {
    loop.onExit(code -> {
      log("first exit listener: " + code);
      loop.exit(5);
      log("after exit(5) (must not run)");
    });
    loop.onExit(code -> log("second exit listener (must not run)"));
    loop.setImmediate(() -> loop.exit(3));
  }

  private static void exitInsideUncaughtHandler(Loop loop) {
    loop.onUncaughtException((error, origin) -> {
      log("uncaughtException: " + error.getMessage());
      loop.exit(4);
      log("after exit(4) (must not run)");
    });
    loop.onExit(code -> log("exit " + code));
    loop.setTimeout(() -> {
      throw new RuntimeException("boom");
    }, 1);
    loop.setTimeout(() -> log("later timer (must not run)"), 20);
  }

  private static void exitInsideUnhandledRejectionHandler(Loop loop) {
    loop.onUnhandledRejection((reason, promise) -> {
      log("unhandledRejection: " + reason.getMessage());
      loop.exit(6);
      log("after exit(6) (must not run)");
    });
    loop.onExit(code -> log("exit " + code));
    Promise.reject(loop, new RuntimeException("r1"));
    loop.setTimeout(() -> log("timer (must not run)"), 1);
  }

  private static void exitCodeAtNaturalEnd(Loop loop) {
    loop.onExit(code -> log("exit " + code + ", exitCode " + loop.exitCode()));
    loop.setExitCode(3);
    loop.setTimeout(() -> log("timeout"), 1);
  }

  private static void exitWithoutCodeUsesExitCode(Loop loop) {
    loop.onExit(code -> log("exit " + code));
    loop.setExitCode(2);
    loop.setImmediate(() -> {
      log("immediate: calling exit()");
      loop.nextTick(() -> log("tick (must not run)"));
      loop.setImmediate(() -> log("immediate2 (must not run)"));
      loop.exit();
    });
  }

  private static void exitCodeSetByExitListener(Loop loop) {
    loop.onExit(code -> {
      log("first exit listener: " + code);
      loop.setExitCode(9);
    });
    loop.onExit(code -> log("second exit listener: " + code + ", exitCode " + loop.exitCode()));
    loop.setImmediate(() -> loop.exit(1));
  }

  private static void beforeExitGetsExitCode(Loop loop) {
    int[] rounds = {0};
    loop.onBeforeExit(code -> {
      log("beforeExit " + code);
      if (rounds[0]++ == 0) {
        loop.setExitCode(8);
        loop.setImmediate(() -> log("immediate from beforeExit"));
      }
    });
    loop.onExit(code -> log("exit " + code));
    loop.setExitCode(4);
  }

  private static void exitInsideMicrotaskOfExitListener(Loop loop) {
    loop.onExit(code -> {
      log("exit listener: " + code);
      loop.queueMicrotask(() -> {
        log("microtask: calling exit(7)");
        loop.exit(7);
      });
      loop.queueMicrotask(() -> log("second microtask (must not run)"));
    });
  }

  private static void uncaughtMonitorAloneIsFatal(Loop loop) {
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION_MONITOR,
        (error, origin) -> log("monitor " + error.getMessage() + " " + origin.nodeName()));
    loop.on(LoopEvent.EXIT, code -> log("exit " + code));
    loop.setTimeout(() -> {
      throw new RuntimeException("boom");
    }, 1);
    loop.setTimeout(() -> log("later timer (must not run)"), 5);
  }

  private static void uncaughtHandlerThrowsExits7(Loop loop) {
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (error, origin) -> {
      log("throwing listener got " + error.getMessage());
      throw new RuntimeException("from listener");
    });
    loop.on(LoopEvent.UNCAUGHT_EXCEPTION, (error, origin) -> log("next listener (must not run)"));
    loop.on(LoopEvent.EXIT, code -> log("exit " + code + " (must not run)"));
    loop.setTimeout(() -> {
      throw new RuntimeException("boom");
    }, 1);
    loop.setTimeout(() -> log("later timer (must not run)"), 5);
  }
}
