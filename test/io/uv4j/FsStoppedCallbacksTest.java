package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * File-system work that completes after an exit (or an unhandled error) has stopped callbacks:
 * nobody may see its result, and nothing it opened may leak. A FIFO makes the timing certain:
 * opening it for reading blocks on a pool thread until a writer comes.
 */
@EnabledOnOs(OS.LINUX)
class FsStoppedCallbacksTest {
  @TempDir Path dir;

  private Path fifo() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
    return fifo;
  }

  /** Descriptors of this process that point at {@code target}. */
  private static long openDescriptorsOf(Path target) throws IOException {
    long n = 0;
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          if (Files.readSymbolicLink(fd).equals(target)) n++;
        } catch (IOException gone) {
          // the listing's own descriptor closes while we look
        }
      }
    }
    return n;
  }

  /**
   * After a delay, opens the FIFO for reading and writing (on Linux that never blocks, so the
   * writer cannot hang even if the loop's open was cancelled), writes {@code bytes} and closes it.
   */
  private static Thread writerAfter(Path fifo, int bytes) {
    Thread writer = new Thread(() -> {
      try {
        Thread.sleep(200);
        try (RandomAccessFile out = new RandomAccessFile(fifo.toFile(), "rw")) {
          out.write(new byte[bytes]);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    return writer;
  }

  /** Gives the pool a moment to start the request that then blocks on the FIFO. */
  private static void letThePoolStart() throws InterruptedException {
    Thread.sleep(100);
  }

  @Test
  void anOpenCompletingAfterAnExitIsClosedNotHandedToItsCallback() throws Exception {
    Path fifo = fifo();
    Loop loop = Loop.create();
    List<String> calls = new ArrayList<>();
    loop.fs().open(fifo.toString(), Fs.O_RDONLY, 0, (fd, error) -> calls.add("open callback"));
    loop.setImmediate(() -> loop.exit(3));
    loop.run();
    letThePoolStart();
    // the open is running on a pool thread, blocked until the writer comes: close() waits for it
    Thread writer = writerAfter(fifo, 0);
    loop.close();
    writer.join();
    assertEquals(List.of(), calls);
    assertEquals(0, openDescriptorsOf(fifo));
  }

  @Test
  void aReadFileStillRunningAfterAnExitClosesItsFile() throws Exception {
    Path fifo = fifo();
    Loop loop = Loop.create();
    List<String> calls = new ArrayList<>();
    loop.fs().readFile(fifo.toString(), (bytes, error) -> calls.add("readFile callback"));
    loop.setImmediate(() -> loop.exit(3));
    loop.run();
    letThePoolStart();
    Thread writer = writerAfter(fifo, 1000);
    loop.close();
    writer.join();
    assertEquals(List.of(), calls);
    assertEquals(0, openDescriptorsOf(fifo));
  }
}
