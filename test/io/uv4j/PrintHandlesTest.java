package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** uv_print_all_handles and uv_print_active_handles, into a Java Appendable. */
class PrintHandlesTest extends LoopTestBase {
  /** The printed lines of one kind of handle, with the addresses left out. */
  private static List<String> linesOf(String printed, String type) {
    return Arrays.stream(printed.split("\n"))
        .map(line -> line.replaceAll("\\s+\\S+$", ""))
        .filter(line -> line.endsWith("] " + type))
        .toList();
  }

  @Test
  void allHandlesIncludeAStoppedTimer() throws Exception {
    Timer timer = new Timer(loop);
    StringBuilder out = new StringBuilder();
    loop.printAllHandles(out);
    assertEquals(List.of("[R--] timer"), linesOf(out.toString(), "timer"));
    timer.close();
  }

  @Test
  void activeHandlesLeaveOutAStoppedTimer() throws Exception {
    Timer timer = new Timer(loop);
    StringBuilder out = new StringBuilder();
    loop.printActiveHandles(out);
    assertEquals(List.of(), linesOf(out.toString(), "timer"));
    timer.close();
  }

  @Test
  void activeHandlesIncludeAStartedOneWithItsMarks() throws Exception {
    Idle idle = new Idle(loop).start(() -> {});
    idle.unref();
    StringBuilder out = new StringBuilder();
    loop.printActiveHandles(out);
    assertEquals(List.of("[-A-] idle"), linesOf(out.toString(), "idle"));
    idle.close();
  }

  @Test
  void printingToNullIsRefused() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> loop.printAllHandles(null));
    assertEquals("out", e.getMessage());
  }
}
