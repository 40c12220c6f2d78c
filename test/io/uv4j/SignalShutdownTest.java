package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JVM's own signals, seen in fresh JVMs (run with -Xcheck:jni) that receive real signals: a
 * watched shutdown signal does not shut the JVM down, an unwatched one does again, and what the JVM
 * keeps depends on how it runs.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX signals; libuv on Windows watches console events")
class SignalShutdownTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SIGINT", "SIGTERM", "SIGHUP"})
  void aWatchedShutdownSignalRunsTheCallbackAndTheJvmLivesOn(String name) throws Exception {
    try (Probe probe = Probe.start(Map.of(), "watch", name, "stop", "exit")) {
      probe.expectTheJvmHandles(name);
      probe.expect("watching");
      probe.send(name);
      probe.expect("caught " + Signals.number(name));
      probe.expect("stopped");
      probe.expect("hook");
      assertEquals(0, probe.exitStatus(), "the JVM exits as its main thread says, not by the signal");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SIGINT", "SIGTERM", "SIGHUP"})
  void afterTheWatcherStopsTheSignalShutsTheJvmDownRunningItsHooks(String name) throws Exception {
    try (Probe probe = Probe.start(Map.of(), "watch", name, "stop", "wait")) {
      probe.expectTheJvmHandles(name);
      probe.expect("watching");
      probe.send(name);
      probe.expect("caught " + Signals.number(name));
      probe.expect("stopped");
      probe.send(name);
      probe.expect("hook");
      assertEquals(128 + Signals.number(name), probe.exitStatus());
    }
  }

  @Test
  void afterTheWatcherClosesTheSignalShutsTheJvmDownRunningItsHooks() throws Exception {
    try (Probe probe = Probe.start(Map.of(), "watch", "SIGINT", "close", "wait")) {
      probe.expectTheJvmHandles("SIGINT");
      probe.expect("watching");
      probe.send("SIGINT");
      probe.expect("caught " + Signals.number("SIGINT"));
      probe.expect("stopped");
      probe.send("SIGINT");
      probe.expect("hook");
      assertEquals(128 + Signals.number("SIGINT"), probe.exitStatus());
    }
  }

  @Test
  void afterAOneshotWatcherRanTheSignalShutsTheJvmDownRunningItsHooks() throws Exception {
    try (Probe probe = Probe.start(Map.of(), "watch", "SIGINT", "oneshot", "wait")) {
      probe.expectTheJvmHandles("SIGINT");
      probe.expect("watching");
      probe.send("SIGINT");
      probe.expect("caught " + Signals.number("SIGINT"));
      probe.expect("stopped");
      probe.send("SIGINT");
      probe.expect("hook");
      assertEquals(128 + Signals.number("SIGINT"), probe.exitStatus());
    }
  }

  @Test
  void sigquitMayBeWatchedInAJvmRunWithXrs() throws Exception {
    try (Probe probe = Probe.start(Map.of(), "-Xrs", "try", "SIGQUIT")) {
      probe.expect("SIGQUIT accepted");
      assertEquals(0, probe.exitStatus());
    }
  }

  @Test
  void theSuspendResumeSignalNamedByJavaSrSignumIsRefusedAndSigusr2FreedForWatchers() throws Exception {
    int sigalrm = Signals.number("SIGALRM");
    try (Probe probe = Probe.start(Map.of("_JAVA_SR_SIGNUM", String.valueOf(sigalrm)), "try", "SIGALRM", "SIGUSR2")) {
      String refusal = probe.nextLine();
      assertTrue(refusal.startsWith("SIGALRM refused: cannot watch SIGALRM (" + sigalrm + "): the JVM suspends"), refusal);
      probe.expect("SIGUSR2 accepted");
      assertEquals(0, probe.exitStatus());
    }
  }

  /** A probe JVM: its output line by line, and signals to it. */
  private static final class Probe implements AutoCloseable {
    /** How long a probe may stay silent before the test fails rather than hangs. */
    private static final long SILENCE_SECONDS = 60;

    private final Process process;
    /** The probe's lines; empty at the end of its output. */
    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private Probe(Process process) {
      this.process = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader output =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = output.readLine(); line != null; line = output.readLine()) lines.add(Optional.of(line));
        } catch (IOException e) {
          lines.add(Optional.of("reading the probe's output failed: " + e));
        }
        lines.add(Optional.empty());
      }, "signal probe output");
      reader.setDaemon(true);
      reader.start();
    }

    private static final boolean ENV_RESETS_SIGNALS = envResetsSignals();

    /** Whether this system's env can start a program with default signal dispositions. */
    private static boolean envResetsSignals() {
      try {
        Process env = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
        env.getInputStream().readAllBytes();
        return env.waitFor(30, TimeUnit.SECONDS) && env.exitValue() == 0;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** Starts {@link SignalProbe}; arguments before "watch" or "try" go to the JVM. */
    static Probe start(Map<String, String> environment, String... arguments) throws Exception {
      List<String> command = new ArrayList<>();
      // a JVM leaves a shutdown signal alone when it starts with it ignored, as a job started in
      // the background (SIGINT) or under nohup (SIGHUP) does: GNU env gives the probe the defaults
      if (ENV_RESETS_SIGNALS) command.addAll(List.of("env", "--default-signal=HUP,INT,TERM"));
      command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      // JDK 24 and later warn on System.load unless native access is granted
      command.add("--enable-native-access=ALL-UNNAMED");
      command.add("-Xcheck:jni");
      // the probe loads the library this JVM loaded, such as a sanitized build
      String library = System.getProperty("uv4j.library.path");
      if (library != null) command.add("-Duv4j.library.path=" + library);
      int main = 0;
      while (arguments[main].startsWith("-")) command.add(arguments[main++]);
      command.add("-cp");
      command.add(System.getProperty("java.class.path") + File.pathSeparator + locationOf(Uv.class)
          + File.pathSeparator + locationOf(SignalProbe.class));
      command.add(SignalProbe.class.getName());
      for (int i = main; i < arguments.length; i++) command.add(arguments[i]);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(environment);
      return new Probe(builder.start());
    }

    /** The probe's next line of output; fails on a JVM warning (-Xcheck:jni's among them). */
    String nextLine() throws InterruptedException {
      Optional<String> next = lines.poll(SILENCE_SECONDS, TimeUnit.SECONDS);
      if (next == null) {
        process.destroyForcibly();
        throw new AssertionError("the probe printed nothing for " + SILENCE_SECONDS + " s after " + seen);
      }
      assertTrue(next.isPresent(), "the probe ended its output after " + seen);
      String line = next.get();
      seen.add(line);
      assertTrue(!line.toLowerCase(Locale.ROOT).contains("warning"), "the probe JVM warned: " + seen);
      return line;
    }

    void expect(String line) throws InterruptedException {
      assertEquals(line, nextLine(), "after " + seen);
    }

    /** Expects the probe's report that the JVM handled the signal when it started. */
    void expectTheJvmHandles(String name) throws InterruptedException {
      assertEquals("before: handler", nextLine(), "the probe JVM does not handle " + name
          + ", so no signal can shut it down: a shell that ignores it (as nohup does SIGHUP) passes that on");
    }

    void send(String name) throws Exception {
      Process kill = new ProcessBuilder("kill", "-" + name.substring(3), String.valueOf(process.pid()))
          .redirectErrorStream(true).start();
      assertTrue(kill.waitFor(30, TimeUnit.SECONDS), "kill did not finish");
      assertEquals(0, kill.exitValue(), new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The exit status, once the probe has printed nothing more. */
    int exitStatus() throws Exception {
      Optional<String> next = lines.poll(SILENCE_SECONDS, TimeUnit.SECONDS);
      assertEquals(Optional.empty(), next, "the probe printed more, or nothing for " + SILENCE_SECONDS + " s, after " + seen);
      assertTrue(process.waitFor(SILENCE_SECONDS, TimeUnit.SECONDS), "the probe JVM did not exit");
      return process.exitValue();
    }

    /** Ends a probe a failed test left running. */
    @Override
    public void close() {
      process.destroyForcibly();
    }

    private static String locationOf(Class<?> type) throws Exception {
      return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
  }
}
