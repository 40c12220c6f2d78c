package io.uv4j;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A named pipe opened at both ends through {@link Fs}: pollable descriptors that no uv4j handle
 * owns. Needs {@code mkfifo} (not on Windows).
 */
final class Fifo implements AutoCloseable {
  final int reader;
  final int writer;

  private Fifo(int reader, int writer) {
    this.reader = reader;
    this.writer = writer;
  }

  static Fifo in(Path dir) throws Exception {
    Path path = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "needs mkfifo");
    // non-blocking, so that opening one end does not wait for the other
    int reader = Fs.openSync(path.toString(), Fs.O_RDONLY | Fs.O_NONBLOCK, 0);
    int writer = Fs.openSync(path.toString(), Fs.O_WRONLY | Fs.O_NONBLOCK, 0);
    return new Fifo(reader, writer);
  }

  @Override
  public void close() throws UvException {
    Fs.closeSync(reader);
    Fs.closeSync(writer);
  }
}
