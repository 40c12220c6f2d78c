package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test JVM has no terminal: surefire gives it pipes for its standard streams. So this checks
 * what libuv says about descriptors that are not terminals.
 */
class TtyTest extends LoopTestBase {
  @Test
  void standardInputUnderTheTestRunnerIsNotATerminal() {
    assertFalse(Tty.isTty(0));
  }

  @Test
  void aSocketIsNotATerminal() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, Net.V4);
    assertFalse(Tty.isTty((int) pair[0].fileno()));
    pair[0].close();
    pair[1].close();
  }

  @Test
  void negativeAndUnopenedDescriptorsAreNotTerminals() {
    assertFalse(Tty.isTty(-1));
    assertFalse(Tty.isTty(Integer.MAX_VALUE));
  }

  @Test
  void aTtyOnADescriptorThatIsNotOpenFailsWithAUvException() {
    // libuv accepts any stream descriptor (pipe, socket) as a tty; only files and descriptors
    // that are not open are refused
    UvException e = assertThrows(UvException.class, () -> new Tty(loop, Integer.MAX_VALUE));
    assertEquals("uv_tty_init", e.syscall());
    assertEquals(System.getProperty("os.name").startsWith("Windows") ? "EBADF" : "EINVAL", e.code());
    assertEquals(List.of(), streams(loop));
  }

  @Test
  void aNegativeDescriptorIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tty(loop, -1));
    assertEquals("fd must be >= 0, got -1", e.getMessage());
  }

  @Test
  void aNullLoopIsRejected() {
    assertThrows(NullPointerException.class, () -> new Tty(null, 0));
  }

  @Test
  void resetModeWithNoTerminalChangedSucceeds() throws Exception {
    Tty.resetMode();
    Tty.resetMode();
    assertFalse(Tty.isTty(0));
  }

  @Test
  void resetModeMayBeCalledFromAnyThread() throws Exception {
    List<Throwable> thrown = new ArrayList<>();
    Thread other = new Thread(() -> {
      try {
        Tty.resetMode();
      } catch (Throwable t) {
        thrown.add(t);
      }
    });
    other.start();
    other.join();
    assertEquals(List.of(), thrown);
  }

  @Test
  void aTtyCannotBeMadeOnAClosedLoopOrFromAnotherThread() throws Exception {
    List<Throwable> thrown = new ArrayList<>();
    Thread other = new Thread(() -> {
      try {
        new Tty(loop, 1);
      } catch (Throwable t) {
        thrown.add(t);
      }
    });
    other.start();
    other.join();
    assertEquals(1, thrown.size());
    assertEquals(IllegalStateException.class, thrown.get(0).getClass());
    Loop closed = Loop.create();
    closed.close();
    assertThrows(IllegalStateException.class, () -> new Tty(closed, 1));
  }

  private static List<Handle> streams(Loop loop) {
    List<Handle> streams = new ArrayList<>();
    for (Handle handle : loop.handles()) if (handle instanceof Stream) streams.add(handle);
    return streams;
  }
}
