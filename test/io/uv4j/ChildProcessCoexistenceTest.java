package io.uv4j;

import static io.uv4j.Children.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Children of uv4j and of {@link ProcessBuilder} in one JVM: libuv reaps its own by pid on SIGCHLD,
 * the JVM's reaper thread waits for its own by pid, and neither may take the other's exit.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the children are POSIX shell scripts")
class ChildProcessCoexistenceTest extends LoopTestBase {
  private static final int EACH = 20;

  ChildProcessCoexistenceTest() {
    super(60_000);
  }

  /** A JVM child that exits with {@code status} once its stdin closes. */
  private static Process jvmChild(int status) throws Exception {
    return new ProcessBuilder("/bin/sh", "-c", "read line; exit " + status).start();
  }

  /** A uv4j child that exits with {@code status} once its stdin closes. */
  private ChildProcess uvChild(int status, Map<Integer, Long> exits) throws UvException {
    return ChildProcess.spawn(loop, sh("read line; exit " + status).stdin(Stdio.pipeToChild()).build(),
        (exitStatus, signal) -> exits.put(status, exitStatus));
  }

  @Test
  void childrenOfBothKindsEndingTogetherEachGetTheirOwnStatus() throws Exception {
    List<Process> jvmChildren = new ArrayList<>();
    Map<Integer, Long> uvExits = new HashMap<>();
    List<ChildProcess> uvChildren = new ArrayList<>();
    for (int i = 0; i < EACH; i++) {
      jvmChildren.add(jvmChild(100 + i));
      uvChildren.add(uvChild(200 + i, uvExits));
    }
    // release them all at once: every child's stdin closes before the loop reaps any
    for (int i = 0; i < EACH; i++) {
      jvmChildren.get(i).getOutputStream().close();
      uvChildren.get(i).stdin().close();
    }
    loop.run();
    for (int i = 0; i < EACH; i++) {
      assertTrue(jvmChildren.get(i).waitFor(30, TimeUnit.SECONDS), "JVM child " + i + " was not reaped");
      assertEquals(100 + i, jvmChildren.get(i).exitValue(), "JVM child " + i);
      assertEquals(200L + i, uvExits.get(200 + i), "uv4j child " + i);
    }
    for (ChildProcess child : uvChildren) child.close();
  }

  @Test
  void aJvmChildEndingWhileTheLoopWatchesItsOwnIsReapedByTheJvm() throws Exception {
    Map<Integer, Long> uvExits = new HashMap<>();
    ChildProcess waiting = uvChild(5, uvExits);
    Process jvm = new ProcessBuilder("/bin/sh", "-c", "exit 7").start();
    assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
    assertEquals(7, jvm.exitValue());
    assertEquals(7, jvm.onExit().get(30, TimeUnit.SECONDS).exitValue());
    waiting.stdin().close();
    loop.run();
    assertEquals(Map.of(5, 5L), uvExits);
    waiting.close();
  }

  @Test
  void aUvChildEndingWhileTheJvmWaitsForItsOwnIsReapedByTheLoop() throws Exception {
    Process jvm = jvmChild(3);
    Map<Integer, Long> uvExits = new HashMap<>();
    ChildProcess child = uvChild(4, uvExits);
    child.stdin().close();
    loop.run();
    assertEquals(Map.of(4, 4L), uvExits);
    assertTrue(jvm.isAlive());
    jvm.getOutputStream().close();
    assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
    assertEquals(3, jvm.exitValue());
    child.close();
  }
}
