package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
class FsStoppedCallbacksTest extends LoopTestBase {
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
   * Starts a writer that opens the FIFO as soon as the loop's request has it open for reading on
   * a pool thread, then writes {@code bytes} and closes it. Returns once the writer has opened it:
   * a pool thread has then taken the request, and close() can no longer cancel it.
   */
  private static Thread writerOnceTheReaderCame(Path fifo, int bytes) throws InterruptedException {
    CountDownLatch opened = new CountDownLatch(1);
    Thread writer = new Thread(() -> {
      try {
        int fd = openForWritingOnceItHasAReader(fifo);
        opened.countDown();
        try {
          if (bytes > 0) Fs.writeSync(fd, new ByteBuffer[] {ByteBuffer.allocate(bytes)}, -1);
        } catch (UvException e) {
          // the loop closes its end as soon as the open completes, when no callback may have it
          if (!e.code().equals("EPIPE")) throw e;
        } finally {
          Fs.closeSync(fd);
        }
      } catch (UvException e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    opened.await();
    return writer;
  }

  /** A non-blocking open of a FIFO for writing fails with ENXIO until a reader has it open. */
  private static int openForWritingOnceItHasAReader(Path fifo) throws UvException {
    while (true) {
      try {
        return Fs.openSync(fifo.toString(), Fs.O_WRONLY | Fs.O_NONBLOCK, 0);
      } catch (UvException e) {
        if (!e.code().equals("ENXIO")) throw e;
        Thread.onSpinWait();
      }
    }
  }

  @Test
  void anOpenCompletingAfterAnExitIsClosedNotHandedToItsCallback() throws Exception {
    Path fifo = fifo();
    List<String> calls = new ArrayList<>();
    loop.fs().open(fifo.toString(), Fs.O_RDONLY, 0, (fd, error) -> calls.add("open callback"));
    loop.setImmediate(() -> loop.exit(3));
    loop.run();
    // a pool thread has taken the open: close() cannot cancel it and waits for its completion
    Thread writer = writerOnceTheReaderCame(fifo, 0);
    loop.close();
    writer.join();
    assertEquals(List.of(), calls);
    assertEquals(0, openDescriptorsOf(fifo));
  }

  @Test
  void aReadFileStillRunningAfterAnExitClosesItsFile() throws Exception {
    Path fifo = fifo();
    List<String> calls = new ArrayList<>();
    loop.fs().readFile(fifo.toString(), (bytes, error) -> calls.add("readFile callback"));
    loop.setImmediate(() -> loop.exit(3));
    loop.run();
    Thread writer = writerOnceTheReaderCame(fifo, 1000);
    loop.close();
    writer.join();
    assertEquals(List.of(), calls);
    assertEquals(0, openDescriptorsOf(fifo));
  }
}
