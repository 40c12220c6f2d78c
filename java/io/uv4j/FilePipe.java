package io.uv4j;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One {@link Stream#pipeFile}: reads a file a chunk at a time through the loop's own {@link Fs}
 * (whose steps finish even while callbacks are stopped, so the file is always closed) and writes
 * each chunk to the stream, reading the next one at once while the stream's queue is below its
 * mark, else after its drain.
 *
 * <p>Chunks are direct buffers, which a write never copies: a buffer goes back to the pool only
 * when the write of it has completed, so no queued write points at bytes being read into.
 */
final class FilePipe {
  /** Node's chunk size for file read streams. */
  static final int CHUNK = 64 << 10;
  private static final int ECANCELED = UvError.ECANCELED.errno();

  private final Stream destination;
  private final Loop loop;
  private final Fs fs;
  private final Promise.Resolver<Long> result;
  private final Runnable destinationClosing = this::destinationClosing;
  private final ArrayDeque<ByteBuffer> freeBuffers = new ArrayDeque<>();
  private int fd = -1;
  /** An open or a read is in flight: closing the file waits for it. */
  private boolean busy;
  private boolean atEnd;
  private int pendingWrites;
  private long written;
  /** Why the pipe stops, once it must. */
  private UvException failure;
  /** Closing the file has begun: the outcome is decided. */
  private boolean closing;

  private FilePipe(Stream destination) {
    this.destination = destination;
    this.loop = destination.loop;
    this.fs = loop.internalFs();
    this.result = loop.promise();
  }

  /** Opens {@code path}, which throws as {@link Fs#open} does; the caller has checked the stream. */
  static Promise<Long> start(Stream destination, String path) {
    FilePipe pipe = new FilePipe(destination);
    pipe.fs.open(path, Fs.O_RDONLY, 0, pipe::opened);
    pipe.busy = true;
    destination.watchClose(pipe.destinationClosing);
    return pipe.result.promise();
  }

  private void opened(Integer file, UvException error) {
    busy = false;
    if (error == null) fd = file;
    if (!stopped(error)) readNext();
  }

  private void readNext() {
    if (closing || failure != null) return;
    if (loop.isTearingDown()) {
      stopped(new UvException(ECANCELED, "read"));
      return;
    }
    ByteBuffer buffer = freeBuffers.isEmpty() ? ByteBuffer.allocateDirect(CHUNK) : freeBuffers.poll().clear();
    busy = true;
    fs.read(fd, buffer, -1, (n, error) -> didRead(buffer, n, error));
  }

  private void didRead(ByteBuffer buffer, Integer n, UvException error) {
    busy = false;
    if (stopped(error)) return;
    if (n == 0) {
      atEnd = true;
      finishIfDone();
      return;
    }
    buffer.limit(n);
    pendingWrites++;
    if (destination.write(buffer, writeError -> wrote(buffer, writeError))) readNext();
    else destination.afterDrain(this::readNext);
  }

  private void wrote(ByteBuffer buffer, UvException error) {
    pendingWrites--;
    if (error != null) {
      stopped(error);
      return;
    }
    written += buffer.limit();
    freeBuffers.add(buffer);
    finishIfDone();
  }

  private void finishIfDone() {
    if (atEnd && pendingWrites == 0 && failure == null) closeFile();
  }

  private void destinationClosing() {
    stopped(new UvException(ECANCELED, "write"));
  }

  /**
   * Notes {@code error}, if any, as the reason to stop (the first one counts), and starts closing
   * the file unless an open or read is in flight, whose completion does it.
   *
   * @return whether the pipe stops
   */
  private boolean stopped(UvException error) {
    if (failure == null && !closing) failure = error;
    if (failure == null) return false;
    if (!busy && !closing) closeFile();
    return true;
  }

  private void closeFile() {
    closing = true;
    destination.unwatchClose(destinationClosing);
    if (fd < 0) {
      settle(null);
      return;
    }
    int file = fd;
    fd = -1;
    FsConvenience.closeFile(fs, file, (ignored, closeError) -> settle(closeError));
  }

  private void settle(UvException closeError) {
    UvException error = FsConvenience.withCloseError(failure, closeError);
    // callbacks stopped by an unhandled error or an exit: the file is closed, nobody is told
    if (!loop.acceptsCallbacks()) return;
    result.settle(written, error);
  }
}
