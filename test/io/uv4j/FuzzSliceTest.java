package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A short, fixed slice of {@link Fuzzer} (a few seeds of bounded length), so that the normal suite
 * runs its engine: random calls on fresh loops, sync-fs threads, throwing callbacks, closes at
 * random points. Linux only: it counts descriptors in /proc/self/fd and names pipes in the
 * abstract namespace.
 */
@EnabledOnOs(OS.LINUX)
class FuzzSliceTest {
  /**
   * Operation groups that still break the library on this code base, each left out until its fix
   * lands: concurrent use of one Dir; a handle closed while an IPC write names it; a tracer that
   * throws, and upcalls that overflow the stack; descriptors that handles or the loop own; names
   * that scandir returns; tasks that execute() accepted and close() drops after an unhandled
   * error.
   */
  private static final Set<String> NOT_FIXED_YET =
      Set.of(
          "shared-dir",
          "ipc-close-sent",
          "throwing-tracer",
          "stack-edge",
          "owned-fd",
          "scandir",
          "execute");

  @Test
  void fourSeedsOfRandomUseBreakNoPromise() throws Exception {
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    Fuzzer.Options slice = new Fuzzer.Options(5, 1, 4, 2, 600, Set.of(), NOT_FIXED_YET);

    Fuzzer.Summary summary = Fuzzer.run(slice, new PrintStream(report, true, StandardCharsets.UTF_8));

    String printed = report.toString(StandardCharsets.UTF_8);
    assertEquals(0, summary.failures(), printed);
    assertEquals(4, summary.lastSeed() - summary.firstSeed() + 1, printed);
    assertTrue(summary.calls() > 2000, "the slice made only " + summary.calls() + " calls:\n" + printed);
  }
}
