package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Process scheduling priority. Setting it is tried on a child process: a lowered priority cannot
 * be raised back without privileges, so this JVM's own is only read.
 */
class OsPriorityTest {
  private Process child;

  @AfterEach
  void stopTheChild() throws Exception {
    if (child != null) {
      child.destroyForcibly();
      child.waitFor();
    }
  }

  @Test
  void prioritiesRunFromHighestToLowWithNormalZero() {
    assertEquals(0, Os.PRIORITY_NORMAL);
    assertTrue(Os.PRIORITY_HIGHEST < Os.PRIORITY_HIGH);
    assertTrue(Os.PRIORITY_HIGH < Os.PRIORITY_ABOVE_NORMAL);
    assertTrue(Os.PRIORITY_ABOVE_NORMAL < Os.PRIORITY_NORMAL);
    assertTrue(Os.PRIORITY_NORMAL < Os.PRIORITY_BELOW_NORMAL);
    assertTrue(Os.PRIORITY_BELOW_NORMAL < Os.PRIORITY_LOW);
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "reads the nice value from /proc or ps")
  void priorityOfThisProcessIsItsNiceValue() throws Exception {
    assertEquals(OsFacts.nice(Os.pid()), Os.priority(Os.pid()));
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "starts sleep, reads its nice value from /proc or ps")
  void setPriorityLowersAnotherProcesssPriority() throws Exception {
    child = new ProcessBuilder("sleep", "600").start();
    int pid = (int) child.pid();

    Os.setPriority(pid, Os.PRIORITY_BELOW_NORMAL);

    assertEquals(Os.PRIORITY_BELOW_NORMAL, OsFacts.nice(pid));
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "starts sleep")
  void priorityReadsWhatSetPrioritySet() throws Exception {
    child = new ProcessBuilder("sleep", "600").start();
    int pid = (int) child.pid();

    Os.setPriority(pid, Os.PRIORITY_LOW);

    assertEquals(Os.PRIORITY_LOW, Os.priority(pid));
  }
}
