package io.uv4j;

import io.uv4j.internal.Native;
import java.util.List;

/**
 * Run in a fresh JVM by {@link SignalShutdownTest}, which sends it real signals. Prints one line
 * per step, flushed, for the test to act on.
 */
public final class SignalProbe {
  private SignalProbe() {}

  /**
   * Arguments: "watch", a signal name, then how the watcher ends ("stop" or "close" in its
   * callback, or "oneshot": started as one, it stops by itself) and what the JVM does next
   * ("exit": exit 0 at once; "wait": wait to be ended by a signal). It prints
   * "before: default|ignored|handler" (what the process did on the signal at start), "watching",
   * "caught N" from the callback, "stopped" once the watcher ended, and "hook" from a shutdown
   * hook.
   *
   * <p>Or "try" and signal names: prints "NAME accepted" or "NAME refused: message" for each.
   */
  public static void main(String[] args) throws Exception {
    if (args[0].equals("try")) {
      tryEach(args);
    } else {
      watch(args[1], args[2], args[3].equals("wait"));
    }
  }

  private static void watch(String name, String how, boolean waitForTheEnd) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> say("hook")));
    say("before: " + List.of("default", "ignored", "handler").get(Native.signalDisposition(Signals.number(name))));
    try (Loop loop = Loop.create()) {
      Signal signal = new Signal(loop);
      if (how.equals("oneshot")) {
        signal.startOneshot(Signals.number(name), signum -> say("caught " + signum));
      } else {
        signal.start(Signals.number(name), signum -> {
          say("caught " + signum);
          if (how.equals("close")) signal.close();
          else signal.stop();
        });
      }
      say("watching");
      loop.run();
    }
    say("stopped");
    if (waitForTheEnd) Thread.currentThread().join();
    System.exit(0);
  }

  private static void tryEach(String[] args) throws Exception {
    try (Loop loop = Loop.create()) {
      for (int i = 1; i < args.length; i++) {
        try (Signal signal = new Signal(loop)) {
          signal.start(Signals.number(args[i]), signum -> {});
          say(args[i] + " accepted");
        } catch (IllegalArgumentException refused) {
          say(args[i] + " refused: " + refused.getMessage());
        }
      }
      loop.run();
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
