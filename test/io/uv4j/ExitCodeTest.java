package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The loop's exit code (Node's {@code process.exitCode}): its start, its range, who sets it. */
class ExitCodeTest extends LoopTestBase {
  @Test
  void startsAtZero() {
    assertEquals(0, loop.exitCode());
  }

  @Test
  void setExitCodeKeepsTheCode() {
    loop.setExitCode(255);
    assertEquals(255, loop.exitCode());
  }

  @Test
  void exitSetsTheExitCode() {
    loop.exit(7);
    assertEquals(7, loop.exitCode());
  }

  @Test
  void anUnhandledErrorSetsTheExitCodeToOne() {
    loop.setExitCode(4);
    loop.setImmediate(() -> {
      throw new IllegalStateException("an error no handler takes, printed by runToCompletion");
    });
    assertEquals(1, loop.runToCompletion());
    assertEquals(1, loop.exitCode());
  }

  @Test
  void setExitCodeRefusesANegativeCodeNamingIt() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> loop.setExitCode(-1));
    assertEquals("exit code -1 is outside 0..255", refused.getMessage());
  }

  @Test
  void setExitCodeRefusesACodeAbove255NamingIt() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> loop.setExitCode(256));
    assertEquals("exit code 256 is outside 0..255", refused.getMessage());
  }

  @Test
  void exitRefusesACodeOutOfRangeAndKeepsRunning() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> loop.exit(300));
    assertEquals("exit code 300 is outside 0..255", refused.getMessage());
    assertEquals(0, loop.runToCompletion());
  }
}
