package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** uv_loop_configure's options: UV_LOOP_BLOCK_SIGNAL and UV_LOOP_USE_IO_URING_SQPOLL. */
class LoopConfigureTest extends LoopTestBase {
  /** SIGPROF's number on Linux and macOS. */
  private static final int SIGPROF = 27;
  /** SIGINT's number everywhere. */
  private static final int SIGINT = 2;

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows has no SIGPROF")
  void aLoopBlockingSigprofStillRunsItsTimers() throws Exception {
    loop.blockSignal(SIGPROF);
    List<String> fired = new ArrayList<>();
    Timer timer = new Timer(loop).start(1, () -> fired.add("timer"));
    loop.run();
    assertEquals(List.of("timer"), fired);
    timer.close();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows has no SIGPROF")
  void blockingAnotherSignalIsRefusedNamingBoth() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.blockSignal(SIGINT));
    assertEquals("only SIGPROF (27) can be blocked, got signal 2", e.getMessage());
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aLoopAskingForSqpollStillDoesFileOperations(@TempDir Path dir) throws Exception {
    loop.useIoUringSqpoll();
    Path file = Files.writeString(dir.resolve("data"), "12345");
    Promise<Stat> stat = loop.fs().stat(file.toString());
    loop.run();
    assertEquals(5, stat.value().size());
  }

  @Test
  void aClosedLoopRefusesConfiguration() {
    loop.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.blockSignal(SIGPROF));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }
}
