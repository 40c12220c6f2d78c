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
  @Test
  void fourSeedsOfRandomUseBreakNoPromise() throws Exception {
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    Fuzzer.Options slice = new Fuzzer.Options(5, 1, 4, 2, 600, Set.of(), Set.of());

    Fuzzer.Summary summary = Fuzzer.run(slice, new PrintStream(report, true, StandardCharsets.UTF_8));

    String printed = report.toString(StandardCharsets.UTF_8);
    assertEquals(0, summary.failures(), printed);
    assertEquals(4, summary.lastSeed() - summary.firstSeed() + 1, printed);
    assertTrue(summary.calls() > 2000, "the slice made only " + summary.calls() + " calls:\n" + printed);
  }
}
