package io.uv4j;

import java.nio.ByteBuffer;

/**
 * One {@link Stream#pipe}: reads the source with a reader of its own and writes each chunk to the
 * destination, stopping reads while the destination owes a drain.
 *
 * <p>Chunks are the loop's read slab, written as they are: the native write sends what the socket
 * takes at once straight from the slab and copies only the rest, which it would otherwise queue
 * pointing at bytes the next read overwrites (see {@code queue_write} in native/stream.c).
 */
final class StreamPipe implements Stream.Reader {
  private static final int ECANCELED = UvError.ECANCELED.errno();
  private static final int ENOTSOCK = UvError.ENOTSOCK.errno();

  private final Stream source;
  private final Stream destination;
  private final Promise.Resolver<Void> result;
  private final Runnable sourceClosing = this::sourceClosing;
  private final Runnable destinationClosing = this::destinationClosing;
  private final Completion afterWrite = this::afterWrite;
  /** Set once the promise is settled or about to be: nothing more is started. */
  private boolean settled;
  /** The source has ended: only the destination's shutdown is left. */
  private boolean ended;

  private StreamPipe(Stream source, Stream destination) {
    this.source = source;
    this.destination = destination;
    this.result = source.loop.promise();
  }

  /** Starts piping; the caller has checked both streams. */
  static Promise<Void> start(Stream source, Stream destination) {
    StreamPipe pipe = new StreamPipe(source, destination);
    source.outgoingPipe = pipe;
    source.watchClose(pipe.sourceClosing);
    destination.watchClose(pipe.destinationClosing);
    pipe.read();
    return pipe.result.promise();
  }

  Stream destination() {
    return destination;
  }

  /** Starts (or resumes) reading the source; a refusal stops the pipe. */
  private void read() {
    if (settled) return;
    try {
      source.readStart(this);
    } catch (UvException e) {
      fail(e);
    }
  }

  @Override
  public void onData(ByteBuffer data) {
    if (!destination.write(data, afterWrite)) {
      source.readStop();
      destination.afterDrain(this::read);
    }
  }

  private void afterWrite(UvException error) {
    if (error != null) fail(error);
  }

  @Override
  public void onEnd() {
    ended = true;
    source.outgoingPipe = null;
    source.unwatchClose(sourceClosing);
    destination.shutdown(this::shutDown);
  }

  @Override
  public void onError(UvException error) {
    fail(error);
  }

  private void shutDown(UvException error) {
    // a FIFO or terminal cannot be half-closed, but libuv tries only once every queued write is
    // out: all of the source has reached it
    if (error != null && error.errno() != ENOTSOCK) {
      fail(error);
      return;
    }
    if (settled) return;
    settled = true;
    destination.unwatchClose(destinationClosing);
    result.resolve(null);
  }

  private void sourceClosing() {
    if (!ended) fail(new UvException(ECANCELED, "read"));
  }

  private void destinationClosing() {
    fail(new UvException(ECANCELED, ended ? "shutdown" : "write"));
  }

  /** Rejects with the first error and closes both streams, as Node's pipeline destroys them. */
  private void fail(UvException error) {
    if (settled) return;
    settled = true;
    if (source.outgoingPipe == this) source.outgoingPipe = null;
    source.unwatchClose(sourceClosing);
    destination.unwatchClose(destinationClosing);
    source.close();
    destination.close();
    result.reject(error);
  }
}
