package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uv4j.internal.Native;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signal watchers in this JVM, which sends itself real signals with kill. Only signals HotSpot
 * neither needs nor checks under -Xcheck:jni are sent: SIGUSR1 while a watcher has it, and
 * SIGWINCH, which a process ignores by default. SIGTERM is watched but never sent, to see the
 * JVM's handler of it come back (HotSpot does not check that one either); the JVM's shutdown
 * signals are sent to child JVMs (SignalShutdownTest).
 */
class SignalTest extends LoopTestBase {

  SignalTest() {
    super(30_000);
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "kill sends POSIX signals")
  void aWatcherRunsItsCallbackWithTheSignalNumber() throws Exception {
    int sigusr1 = Signals.number("SIGUSR1");
    List<Integer> caught = new ArrayList<>();
    Signal signal = new Signal(loop);
    signal.start(sigusr1, signum -> {
      caught.add(signum);
      signal.close();
    });
    raise("SIGUSR1");
    loop.run();
    assertEquals(List.of(sigusr1), caught);
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "kill sends POSIX signals")
  void theCallbackRunsOnTheLoopThread() {
    List<Thread> threads = new ArrayList<>();
    Signal signal = new Signal(loop);
    signal.start(Signals.number("SIGWINCH"), signum -> {
      threads.add(Thread.currentThread());
      signal.close();
    });
    raise("SIGWINCH");
    loop.run();
    assertEquals(List.of(Thread.currentThread()), threads);
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "kill sends POSIX signals")
  void twoWatchersOfOneSignalBothRun() throws Exception {
    List<String> caught = new ArrayList<>();
    Signal first = new Signal(loop);
    Signal second = new Signal(loop);
    first.start(Signals.number("SIGWINCH"), signum -> {
      caught.add("first");
      first.close();
    });
    second.start(Signals.number("SIGWINCH"), signum -> {
      caught.add("second");
      second.close();
    });
    raise("SIGWINCH");
    loop.run();
    caught.sort(null);
    assertEquals(List.of("first", "second"), caught);
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "kill sends POSIX signals")
  void watchersOnTwoLoopsBothRun() throws Exception {
    List<String> caught = new ArrayList<>();
    try (Loop other = Loop.create()) {
      Signal here = new Signal(loop);
      Signal there = new Signal(other);
      here.start(Signals.number("SIGWINCH"), signum -> {
        caught.add("here");
        here.close();
      });
      there.start(Signals.number("SIGWINCH"), signum -> {
        caught.add("there");
        there.close();
      });
      raise("SIGWINCH");
      loop.run();
      other.run();
    }
    assertEquals(List.of("here", "there"), caught);
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "kill sends POSIX signals")
  void aOneshotWatcherRunsOnceAndStopsBeforeItsCallback() throws Exception {
    int sigwinch = Signals.number("SIGWINCH");
    List<String> caught = new ArrayList<>();
    Signal oneshot = new Signal(loop);
    Signal witness = new Signal(loop);
    oneshot.startOneshot(sigwinch, signum -> caught.add("oneshot, active " + oneshot.isActive()));
    witness.start(sigwinch, signum -> {
      caught.add("witness");
      if (caught.stream().filter(s -> s.equals("witness")).count() == 1) {
        raise("SIGWINCH");
      } else {
        oneshot.close();
        witness.close();
      }
    });
    raise("SIGWINCH");
    loop.run();
    assertEquals(1, caught.stream().filter(s -> s.startsWith("oneshot")).count(), caught.toString());
    assertTrue(caught.contains("oneshot, active false"), caught.toString());
    assertEquals(2, caught.stream().filter(s -> s.equals("witness")).count(), caught.toString());
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "kill sends POSIX signals")
  void aStoppedWatcherDoesNotRun() throws Exception {
    List<String> caught = new ArrayList<>();
    Signal stopped = new Signal(loop);
    Signal witness = new Signal(loop);
    stopped.start(Signals.number("SIGWINCH"), signum -> caught.add("stopped"));
    witness.start(Signals.number("SIGWINCH"), signum -> {
      caught.add("witness");
      stopped.close();
      witness.close();
    });
    stopped.stop();
    raise("SIGWINCH");
    loop.run();
    assertEquals(List.of("witness"), caught);
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "kill sends POSIX signals")
  void restartingWithAnotherSignalWatchesThatOneInstead() throws Exception {
    List<Integer> caught = new ArrayList<>();
    Signal signal = new Signal(loop);
    signal.start(Signals.number("SIGUSR1"), caught::add);
    signal.start(Signals.number("SIGWINCH"), signum -> {
      caught.add(signum);
      signal.close();
    });
    raise("SIGWINCH");
    loop.run();
    assertEquals(List.of(Signals.number("SIGWINCH")), caught);
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "signal actions are POSIX")
  void theActionInPlaceComesBackWhenTheLastWatcherStops() {
    // the JVM's handler (or SIG_IGN where the JVM was started with SIGTERM ignored), which libuv
    // alone would replace with SIG_DFL; the signal is never sent
    int sigterm = Signals.number("SIGTERM");
    int before = Native.signalDisposition(sigterm);
    Signal signal = new Signal(loop);
    signal.start(sigterm, signum -> {});
    signal.stop();
    assertEquals(before, Native.signalDisposition(sigterm));
    signal.close();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "signal actions are POSIX")
  void theActionInPlaceComesBackWhenTheLastWatcherCloses() {
    int sigterm = Signals.number("SIGTERM");
    int before = Native.signalDisposition(sigterm);
    Signal signal = new Signal(loop);
    signal.start(sigterm, signum -> {});
    signal.close();
    assertEquals(before, Native.signalDisposition(sigterm));
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "signal actions are POSIX")
  void restartingWithAnotherSignalPutsBackTheFirstOnesAction() {
    int sigterm = Signals.number("SIGTERM");
    int before = Native.signalDisposition(sigterm);
    Signal signal = new Signal(loop);
    signal.start(sigterm, signum -> {});
    signal.start(Signals.number("SIGWINCH"), signum -> {});
    assertEquals(before, Native.signalDisposition(sigterm));
    signal.close();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "signal actions are POSIX")
  void aStartedWatcherPutsLibuvsHandlerInPlace() {
    int sigusr1 = Signals.number("SIGUSR1");
    Signal signal = new Signal(loop);
    signal.start(sigusr1, signum -> {});
    assertEquals(2, Native.signalDisposition(sigusr1));
    signal.close();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "kill sends POSIX signals")
  void aWatcherThatStaysKeepsTheSignalWhenAnotherStops() throws Exception {
    int sigusr1 = Signals.number("SIGUSR1");
    List<String> caught = new ArrayList<>();
    Signal leaving = new Signal(loop);
    Signal staying = new Signal(loop);
    leaving.start(sigusr1, signum -> caught.add("leaving"));
    staying.start(sigusr1, signum -> {
      caught.add("staying");
      leaving.close();
      staying.close();
    });
    leaving.stop();
    raise("SIGUSR1");
    loop.run();
    assertEquals(List.of("staying"), caught);
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "a loop has a signal pipe on POSIX systems only")
  void theLoopsSignalPipeCannotBeClosedThroughFs() {
    // on macOS the first watcher opens it, on Linux the loop did at init
    new Signal(loop).close();
    int[] descriptors = Native.loopDescriptors(loop.pointer());
    // loopDescriptors gives the signal pipe's two ends fourth and fifth
    for (int fd : new int[] {descriptors[3], descriptors[4]}) {
      assertTrue(fd >= 0, "the loop has a signal pipe");
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Fs.closeSync(fd));
      assertTrue(e.getMessage().startsWith("cannot close descriptor " + fd + ": it is owned by"), e.getMessage());
    }
  }

  @Test
  void anUnreferencedWatcherDoesNotKeepTheLoopAlive() {
    Signal signal = new Signal(loop);
    signal.start(Signals.number("SIGWINCH"), signum -> {});
    signal.unref();
    assertFalse(loop.run(), "run() returns at once");
    assertTrue(signal.isActive());
    assertFalse(signal.hasRef());
    signal.close();
  }

  @Test
  void aStartedWatcherIsActiveAndReferenced() {
    Signal signal = new Signal(loop);
    signal.start(Signals.number("SIGWINCH"), signum -> {});
    assertTrue(signal.isActive());
    assertTrue(signal.hasRef());
    signal.close();
  }

  @Test
  void signumIsTheWatchedSignalAndZeroOnceStopped() {
    Signal signal = new Signal(loop);
    assertEquals(0, signal.signum());
    signal.start(Signals.number("SIGWINCH"), signum -> {});
    assertEquals(Signals.number("SIGWINCH"), signal.signum());
    signal.stop();
    assertEquals(0, signal.signum());
    signal.close();
  }

  /**
   * What this platform refuses: on POSIX systems the signals HotSpot keeps for itself; on Windows
   * SIGBREAK, which the JVM keeps, and those libuv emulates for kill but does not deliver.
   */
  static List<String> signalsThisPlatformRefuses() {
    return OS.WINDOWS.isCurrentOs()
        ? List.of("SIGBREAK", "SIGTERM", "SIGKILL", "SIGQUIT")
        : List.of("SIGSEGV", "SIGBUS", "SIGFPE", "SIGILL", "SIGPIPE", "SIGXFSZ", "SIGUSR2", "SIGQUIT");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signalsThisPlatformRefuses")
  void aSignalThisPlatformKeepsIsRefusedWithItsNameAndWhy(String name) {
    Signal signal = new Signal(loop);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> signal.start(Signals.number(name), signum -> {}));
    String expected = "cannot watch " + name + " (" + Signals.number(name) + "): "
        + (OS.WINDOWS.isCurrentOs() ? "" : "the JVM ");
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    assertFalse(signal.isActive());
    signal.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SIGKILL", "SIGSTOP"})
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX signals")
  void aSignalNoProcessCanCatchIsRefusedWithItsNameAndWhy(String name) {
    Signal signal = new Signal(loop);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> signal.startOneshot(Signals.number(name), signum -> {}));
    assertEquals("cannot watch " + name + " (" + Signals.number(name) + "): no process can catch it", e.getMessage());
    signal.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {0, -1, 4096})
  void anUnknownSignalNumberIsRefusedByNumber(int signum) {
    Signal signal = new Signal(loop);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> signal.start(signum, s -> {}));
    assertTrue(e.getMessage().contains("numbered " + signum + " "), e.getMessage());
    signal.close();
  }

  @Test
  void aNullCallbackIsRefused() {
    Signal signal = new Signal(loop);
    assertThrows(NullPointerException.class, () -> signal.start(Signals.number("SIGWINCH"), null));
    assertFalse(signal.isActive());
    signal.close();
  }

  @Test
  void aClosedWatcherCannotStart() {
    Signal signal = new Signal(loop);
    signal.close();
    assertThrows(IllegalStateException.class, () -> signal.start(Signals.number("SIGWINCH"), signum -> {}));
  }

  @Test
  void aWatcherCannotBeStartedFromAnotherThread() throws Exception {
    Signal signal = new Signal(loop);
    Throwable thrown = OtherThread.thrownBy(() -> signal.start(Signals.number("SIGWINCH"), signum -> {}));
    assertTrue(thrown instanceof IllegalStateException, String.valueOf(thrown));
    signal.close();
  }

  /** Sends this process a signal, by the kill command, and waits until kill has sent it. */
  private static void raise(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name.substring(3), String.valueOf(ProcessHandle.current().pid()))
          .redirectErrorStream(true).start();
      assertTrue(kill.waitFor(30, TimeUnit.SECONDS), "kill did not finish");
      assertEquals(0, kill.exitValue(), new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError("cannot send " + name, e);
    }
  }
}
