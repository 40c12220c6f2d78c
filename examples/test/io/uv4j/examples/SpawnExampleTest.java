package io.uv4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.uv4j.ChildProcess;
import io.uv4j.Loop;
import io.uv4j.Promise;
import io.uv4j.UvException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The example relaying a shell script's output, on a loop run by the test thread. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the command is a POSIX shell script")
class SpawnExampleTest {
  @Test
  void linesOfBothStreamsArriveMarkedAndTheExitStatusAfterThem() throws UvException {
    List<String> lines = new ArrayList<>();
    try (Loop loop = Loop.create()) {
      Promise<ChildProcess.Exit> exit = SpawnExample.relay(loop,
          List.of("/bin/sh", "-c", "echo one; echo two; echo oops >&2; printf unfinished; exit 3"), lines::add);
      loop.run();
      assertEquals(new ChildProcess.Exit(3, 0), exit.value());
      assertEquals(List.of("[out] one", "[out] two", "[out] unfinished"), lines.stream().filter(l -> l.startsWith("[out]")).toList());
      assertEquals(List.of("[err] oops"), lines.stream().filter(l -> l.startsWith("[err]")).toList());
      assertEquals(List.of(), loop.handles());
    }
  }

  @Test
  void aMissingProgramFailsAtTheCall() throws UvException {
    try (Loop loop = Loop.create()) {
      UvException e = assertThrows(UvException.class, () -> SpawnExample.relay(loop, List.of("/no/such/program"), line -> {}));
      assertEquals("ENOENT", e.code());
      assertEquals("/no/such/program", e.path());
    }
  }
}
