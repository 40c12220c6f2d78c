package io.uv4j;

import io.uv4j.internal.Native;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A duplex byte stream ({@code uv_stream_t}): the base of {@link Tcp} (and of pipes and ttys).
 *
 * <p>Reads arrive in {@link ByteBuffer}s owned by the loop: a buffer handed to {@link
 * Reader#onData} is valid during the call; one kept longer may go stale but never points at freed
 * memory. Writes never copy a direct buffer: its bytes (between position and limit; neither is
 * changed) must stay as they are until the write completes. Heap buffers, arrays and strings are
 * written from the Java array when the socket takes everything at once, else copied once.
 *
 * <p>Backpressure works as in Node: the callback forms of {@code write} return false once the
 * bytes queued in libuv reach the {@linkplain #highWaterMark() high-water mark}; stop writing then
 * and go on when an {@link #onDrain} listener runs. {@link #pipe} and {@link #pipeFile} follow that
 * rule on their own.
 *
 * <p>A stream looks after itself the way Node's sockets do with {@code allowHalfOpen} off, so that
 * {@code conn.readStart(data -> conn.write(data, null))} is a complete, safe echo connection:
 *
 * <ul>
 *   <li>At end of stream (after {@link Reader#onEnd()}), the stream ends its writing side once its
 *       queued writes are out ({@link #shutdown(Completion)}), then closes. A stream that cannot be
 *       shut down (one never writable, such as the reading end of a pipe) closes at once. Ask for
 *       {@link #allowHalfOpen(boolean) half-open} to keep writing after the peer's end.
 *   <li>After a read error ({@link Reader#onError}), the stream closes.
 *   <li>A write or shutdown that fails with no callback or promise to tell is reported to the
 *       reader's {@link Reader#onError} while reading; then the stream closes.
 * </ul>
 *
 * <p>None of these errors reaches the loop's uncaught-exception handling; only what user code
 * throws does. Closing the stream first (in a callback, or at any time) makes all of this a
 * no-op.
 *
 * <p>Every method must be called on the loop's thread.
 */
public abstract class Stream extends Handle {
  static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  /**
   * Receives what a stream reads; a lambda supplies {@link #onData}. The defaults of {@link
   * #onEnd()} and {@link #onError} do nothing: the stream closes by itself either way (see {@link
   * Stream}).
   */
  @FunctionalInterface
  public interface Reader {
    /**
     * Bytes arrived, between the buffer's position and limit. The buffer is valid during the call.
     *
     * @param data the bytes read, never empty; copy what must outlive the call
     * @throws Exception anything; it goes to the loop's uncaught-exception handling
     */
    void onData(ByteBuffer data) throws Exception;

    /**
     * The other side will send nothing more (EOF). Once this returns (or throws), the stream ends
     * its writing side after its queued writes and closes, unless {@link #allowHalfOpen(boolean)
     * half-open} was asked for or the stream is closing already. Writes made here still go out.
     * Does nothing by default.
     *
     * @throws Exception anything; it goes to the loop's uncaught-exception handling
     */
    default void onEnd() throws Exception {}

    /**
     * Reading failed, or a write or shutdown with no callback or promise of its own failed while
     * reading. Once this returns (or throws), the stream closes unless it is closing already.
     * Does nothing by default: the error is not reported anywhere else.
     *
     * @param error why reading failed (such as {@code ECONNRESET}), or why the write or shutdown
     *     failed
     * @throws Exception anything; it goes to the loop's uncaught-exception handling
     */
    default void onError(UvException error) throws Exception {}
  }

  private static final int EOF = UvError.EOF.errno();
  private static final int MAX_IOV = 64;
  /** Node's default high-water mark for sockets. */
  private static final long DEFAULT_HIGH_WATER_MARK = 64 << 10;

  private Reader reader;
  /** What this stream was handed to as stdio (a child, by pid and fd), or null. */
  private String handedTo;
  private Supplier<ByteBuffer> allocator;
  private ByteBuffer readBuffer;
  private Completion onConnection;
  /** Queued writes in libuv's order, and writes finished at once behind them. */
  private final ArrayDeque<Write> writes = new ArrayDeque<>();
  private long highWaterMark = DEFAULT_HIGH_WATER_MARK;
  /** A write left the queue at or above the mark; a drain is owed once it empties. */
  private boolean needDrain;
  private final List<Runnable> drainListeners = new ArrayList<>();
  /** The library's own waiters for the next drain, each run once, after the listeners. */
  private List<Runnable> drainWaiters = new ArrayList<>();
  /** The library's own parties told when this stream starts closing (see {@link #watchClose}). */
  private final List<Runnable> closeWatchers = new ArrayList<>();
  /** The pipe reading this stream, if any: a stream feeds one pipe at a time. */
  StreamPipe outgoingPipe;
  /** Whether the stream stays open for writing after end of stream. */
  private boolean allowHalfOpen;
  /** The shutdown libuv has not completed yet (the user's or the one after end of stream), or null. */
  private ShutdownRequest shutdownInFlight;
  /** The timer of {@link #setIdleTimeout}, or null while none is set. */
  private Timeout idleTimer;

  Stream(Loop loop) {
    super(loop);
    loop.ensureReadSlab();
  }

  /**
   * Refuses a descriptor that epoll cannot watch (a regular file, a directory, a device that is not
   * a terminal): libuv aborts the process the first time it polls such a descriptor. Windows
   * handles are not POSIX descriptors, and IOCP refuses what it cannot watch.
   *
   * @param socketOnly whether only a socket will do
   */
  static void requirePollable(int fd, boolean socketOnly) throws UvException {
    if (WINDOWS) return;
    Stat stat = Fs.fstatSync(fd);
    if (stat.isSocket() || (!socketOnly && (stat.isFifo() || Tty.isTty(fd)))) return;
    throw new IllegalArgumentException(
        "descriptor " + fd + " is " + kindOf(stat) + ", not " + (socketOnly ? "a socket" : "a socket, FIFO or terminal"));
  }

  private static String kindOf(Stat stat) {
    if (stat.isFile()) return "a regular file";
    if (stat.isDirectory()) return "a directory";
    if (stat.isCharacterDevice()) return "a character device";
    if (stat.isBlockDevice()) return "a block device";
    if (stat.isFifo()) return "a FIFO";
    return "of mode " + Long.toOctalString(stat.mode());
  }

  // --- reading --------------------------------------------------------------------------------

  /**
   * Starts reading into the loop's buffers; {@code reader} gets data, end of stream and errors.
   * Starting again replaces the reader.
   *
   * @param reader told, on the loop thread, of each read until {@link #readStop()}
   * @throws NullPointerException if {@code reader} is null
   * @throws UvException if libuv refuses (for example, the stream is not readable: {@code
   *     ENOTCONN})
   * @throws IllegalStateException if closed or called from another thread
   */
  public void readStart(Reader reader) throws UvException {
    Objects.requireNonNull(reader, "reader");
    long p = openForIo();
    setReadBuffer(p, null, null);
    startReading(p, reader);
  }

  /**
   * Starts reading into buffers {@code allocator} supplies, one before each read (libuv's alloc
   * callback): each must be a writable direct buffer with room between position and limit. The
   * reader gets that buffer with its limit set to the end of the bytes read.
   *
   * @param allocator called on the loop thread before each read for the buffer it fills
   * @param reader told, on the loop thread, of each read until {@link #readStop()}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the first buffer supplied is null, not direct, read-only
   *     or full (later ones fail the same way, through the uncaught-exception handling)
   * @throws UvException if libuv refuses to start reading
   * @throws IllegalStateException if closed or called from another thread
   */
  public void readStart(Supplier<ByteBuffer> allocator, Reader reader) throws UvException {
    Objects.requireNonNull(allocator, "allocator");
    Objects.requireNonNull(reader, "reader");
    long p = openForIo();
    setReadBuffer(p, allocator, allocator.get());
    startReading(p, reader);
  }

  private void startReading(long p, Reader reader) throws UvException {
    UvException.check(Native.streamReadStart(p), "read");
    this.reader = reader;
  }

  private void setReadBuffer(long p, Supplier<ByteBuffer> allocator, ByteBuffer buffer) {
    if (allocator != null) {
      if (buffer == null) throw new IllegalArgumentException("the read allocator returned null");
      if (!buffer.isDirect()) throw new IllegalArgumentException("read buffers must be direct: " + buffer);
      if (buffer.isReadOnly()) throw new IllegalArgumentException("read buffer is read-only: " + buffer);
      if (!buffer.hasRemaining()) throw new IllegalArgumentException("read buffer has no room: " + buffer);
      Native.streamSetReadBuffer(p, buffer, buffer.position(), buffer.remaining());
    } else if (this.allocator != null) {
      Native.streamSetReadBuffer(p, null, 0, 0);
    }
    this.allocator = allocator;
    this.readBuffer = buffer;
  }

  /**
   * Whether this stream stays open for writing after the peer's end of stream (Node's {@code
   * allowHalfOpen}). Off by default: at end of stream the stream shuts its writing side down once
   * its queued writes are out, then closes. On, it stays as it is after {@link Reader#onEnd()}: it
   * may go on writing, and closing it is up to its user.
   *
   * @param allow true to keep the stream open after end of stream, false for the default
   * @return this stream
   * @throws IllegalStateException if closed or called from another thread
   */
  public Stream allowHalfOpen(boolean allow) {
    open();
    allowHalfOpen = allow;
    return this;
  }

  /**
   * Whether this stream stays open for writing after the peer's end of stream.
   *
   * @return what {@link #allowHalfOpen(boolean)} last set; false by default
   * @throws IllegalStateException if closed or called from another thread
   */
  public boolean allowsHalfOpen() {
    open();
    return allowHalfOpen;
  }

  /**
   * Calls {@code onIdle} once the stream has been idle for {@code ms} milliseconds: no data read,
   * no write, shutdown or read start made and no queued write completed (Node's {@code
   * socket.setTimeout}). It does not close the stream: the callback usually does. After it ran,
   * the next activity arms it again. Setting it again replaces the earlier one; 0 turns it off,
   * and closing the stream stops it.
   *
   * <p>The idle timer is one entry in the loop's timer lists ({@link Loop#setTimeout}), beside the
   * timers of the same duration, not a libuv timer of its own. Like Node's socket timeouts it does
   * not keep the loop alive by itself ({@link Timeout#unref()}): a stream that neither reads nor
   * writes lets the loop end before it fires. Activity moves it only when the loop's clock has
   * moved since the last move, so a read costs one clock read.
   *
   * @param ms how long the stream may be idle, in milliseconds; 0 turns the timeout off
   * @param onIdle run on the loop thread when the stream was idle for {@code ms}; may be null
   *     when {@code ms} is 0
   * @throws IllegalArgumentException if {@code ms} is negative or above 2^31-1
   * @throws NullPointerException if {@code ms} is positive and {@code onIdle} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setIdleTimeout(long ms, Runnable onIdle) {
    if (ms < 0 || ms > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("idle timeout must be between 0 and 2^31-1 ms, got " + ms);
    }
    if (ms > 0) Objects.requireNonNull(onIdle, "onIdle");
    open();
    stopIdleTimer();
    if (ms > 0) idleTimer = loop.setTimeout(onIdle, ms).unref();
  }

  private void stopIdleTimer() {
    if (idleTimer == null) return;
    idleTimer.close();
    idleTimer = null;
  }

  /** Pushes the idle timeout back: read, write or shutdown activity. Cheap, as every read calls it. */
  private void noteActivity() {
    Timeout timer = idleTimer;
    // the loop's cached clock has not moved since the timer last started: a refresh changes nothing
    if (timer != null && (timer.destroyed || Native.loopNow(loop.pointer()) > timer.idleStart)) timer.refresh();
  }

  /**
   * Stops reading; data that arrives meanwhile waits in the OS. Stopping a stopped stream does
   * nothing.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public void readStop() {
    Native.streamReadStop(open());
    reader = null;
  }

  /**
   * The handle, for reading, writing or shutting down: refused once the stream was handed to a
   * child as its stdin, stdout or stderr (see {@link #handOver}).
   */
  final long openForIo() {
    long p = open();
    if (handedTo != null) {
      throw new IllegalStateException(this + " was handed to " + handedTo + ", and libuv made its descriptor blocking"
          + " for the child: this process may only close it");
    }
    noteActivity();
    return p;
  }

  /**
   * Before a child gets this stream's descriptor as its fd 0, 1 or 2 on Unix: libuv makes that
   * descriptor blocking in the child, and the flag is the description's, which this process
   * shares; a queued write would then block the loop.
   *
   * @throws IllegalStateException if writes are queued
   */
  final void checkCanHandOver(int fd) {
    long queued = Native.streamWriteQueueSize(open());
    if (queued > 0) {
      throw new IllegalStateException(this + " has " + queued + " bytes queued to write; a child's fd " + fd
          + " makes its descriptor blocking, which would block the loop");
    }
  }

  /**
   * After a child got this stream's descriptor as its fd 0, 1 or 2 on Unix: reading stops, and
   * reads, writes and shutdown are refused from now on, since a read or write on the now blocking
   * descriptor would block the loop.
   */
  final void handOver(String to) {
    if (reader != null) readStop();
    handedTo = to;
  }

  // --- writing --------------------------------------------------------------------------------

  /**
   * Writes the bytes between {@code data}'s position and limit; {@code callback} is told on the
   * loop thread once they are handed to the OS, or why not (never inside this call). Writes go
   * out in the order they were made.
   *
   * @param data the bytes; a direct buffer must not change until the callback
   * @param callback told of the outcome; if null, a failure goes to the reader's {@link
   *     Reader#onError} while reading, then the stream closes (see {@link Stream})
   * @return true while the bytes queued in libuv after this write are below the {@linkplain
   *     #highWaterMark() high-water mark}; false asks the caller to wait for {@link #onDrain}
   * @throws NullPointerException if {@code data} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public boolean write(ByteBuffer data, Completion callback) {
    Objects.requireNonNull(data, "data");
    return write(data, callback, null);
  }

  /**
   * Writes the bytes between {@code data}'s position and limit; see {@link #write(ByteBuffer,
   * Completion)}.
   *
   * @param data the bytes; a direct buffer must not change until the promise settles
   * @return fulfilled once the bytes are handed to the OS, rejected with a {@link UvException}
   * @throws NullPointerException if {@code data} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public Promise<Void> write(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    Promise.Resolver<Void> resolver = loop.promise();
    write(data, null, resolver);
    return resolver.promise();
  }

  /**
   * Writes {@code data[offset, offset + length)}; the array may be reused once this returns.
   *
   * @param data the array holding the bytes
   * @param offset the index of the first byte to write
   * @param length how many bytes to write
   * @param callback told of the outcome, as for {@link #write(ByteBuffer, Completion)}; may be
   *     null
   * @return true while the bytes queued in libuv after this write are below the {@linkplain
   *     #highWaterMark() high-water mark}; false asks the caller to wait for {@link #onDrain}
   * @throws NullPointerException if {@code data} is null
   * @throws IndexOutOfBoundsException if the range is outside the array
   * @throws IllegalStateException if closed or called from another thread
   */
  public boolean write(byte[] data, int offset, int length, Completion callback) {
    Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(data, "data").length);
    return writeArray(data, offset, length, callback, null);
  }

  /**
   * Writes all of {@code data}; the array may be reused once this returns.
   *
   * @param data the bytes
   * @param callback told of the outcome, as for {@link #write(ByteBuffer, Completion)}; may be
   *     null
   * @return true while the bytes queued in libuv after this write are below the {@linkplain
   *     #highWaterMark() high-water mark}; false asks the caller to wait for {@link #onDrain}
   * @throws NullPointerException if {@code data} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public boolean write(byte[] data, Completion callback) {
    return write(data, 0, Objects.requireNonNull(data, "data").length, callback);
  }

  /**
   * Writes all of {@code data}; the array may be reused once this returns.
   *
   * @param data the bytes
   * @return fulfilled once the bytes are handed to the OS, rejected with a {@link UvException}
   * @throws NullPointerException if {@code data} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public Promise<Void> write(byte[] data) {
    Objects.requireNonNull(data, "data");
    Promise.Resolver<Void> resolver = loop.promise();
    writeArray(data, 0, data.length, null, resolver);
    return resolver.promise();
  }

  /**
   * Writes {@code text} encoded as UTF-8.
   *
   * @param text the text to write
   * @param callback told of the outcome, as for {@link #write(ByteBuffer, Completion)}; may be
   *     null
   * @return true while the bytes queued in libuv after this write are below the {@linkplain
   *     #highWaterMark() high-water mark}; false asks the caller to wait for {@link #onDrain}
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public boolean write(String text, Completion callback) {
    return write(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8), callback);
  }

  /**
   * Writes {@code text} encoded as UTF-8.
   *
   * @param text the text to write
   * @return fulfilled once the bytes are handed to the OS, rejected with a {@link UvException}
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public Promise<Void> write(String text) {
    return write(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes several buffers as one vectored write, in order.
   *
   * @param data the buffers, each written between its position and limit; direct ones must not
   *     change until the callback
   * @param callback told of the outcome, as for {@link #write(ByteBuffer, Completion)}; may be
   *     null
   * @return true while the bytes queued in libuv after this write are below the {@linkplain
   *     #highWaterMark() high-water mark}; false asks the caller to wait for {@link #onDrain}
   * @throws NullPointerException if {@code data} or an element is null
   * @throws IllegalArgumentException if the buffers hold more than {@code Integer.MAX_VALUE}
   *     bytes in all
   * @throws IllegalStateException if closed or called from another thread
   */
  public boolean write(ByteBuffer[] data, Completion callback) {
    return writeAll(data, callback, null);
  }

  /**
   * Writes several buffers as one vectored write, in order.
   *
   * @param data the buffers, each written between its position and limit; direct ones must not
   *     change until the promise settles
   * @return fulfilled once the bytes are handed to the OS, rejected with a {@link UvException}
   * @throws NullPointerException if {@code data} or an element is null
   * @throws IllegalArgumentException if the buffers hold more than {@code Integer.MAX_VALUE}
   *     bytes in all
   * @throws IllegalStateException if closed or called from another thread
   */
  public Promise<Void> write(ByteBuffer... data) {
    Promise.Resolver<Void> resolver = loop.promise();
    writeAll(data, null, resolver);
    return resolver.promise();
  }

  /**
   * Writes as much of {@code data} as the OS takes now, without queueing ({@code uv_try_write}).
   * The buffer's position is not changed.
   *
   * @param data the bytes between its position and limit
   * @return the number of bytes written; 0 if the OS would block or writes are queued
   * @throws NullPointerException if {@code data} is null
   * @throws UvException if the write fails (for example {@code EPIPE})
   * @throws IllegalStateException if closed or called from another thread
   */
  public int tryWrite(ByteBuffer data) throws UvException {
    Objects.requireNonNull(data, "data");
    long p = openForIo();
    int rc;
    if (data.isDirect()) {
      rc = Native.streamTryWrite(p, data, data.position(), data.remaining());
    } else if (data.hasArray()) {
      rc = Native.streamTryWriteArray(p, data.array(), data.arrayOffset() + data.position(), data.remaining());
    } else {
      byte[] copy = copyOf(data);
      rc = Native.streamTryWriteArray(p, copy, 0, copy.length);
    }
    return UvException.check(rc, "write");
  }

  private boolean write(ByteBuffer data, Completion callback, Promise.Resolver<Void> resolver) {
    long p = openForIo();
    int length = data.remaining();
    if (data.isDirect()) {
      int rc = Native.streamWrite(p, data, data.position(), length, 0);
      return settleWrite(rc, length, data, callback, resolver);
    } else if (data.hasArray()) {
      return writeArray(data.array(), data.arrayOffset() + data.position(), length, callback, resolver);
    } else {
      return writeArray(copyOf(data), 0, length, callback, resolver);
    }
  }

  private boolean writeArray(
      byte[] data, int offset, int length, Completion callback, Promise.Resolver<Void> resolver) {
    long p = openForIo();
    // the native side copies what it queues, so the array need not stay reachable
    return settleWrite(Native.streamWriteArray(p, data, offset, length), length, null, callback, resolver);
  }

  private boolean writeAll(ByteBuffer[] data, Completion callback, Promise.Resolver<Void> resolver) {
    Objects.requireNonNull(data, "data");
    long total = 0;
    boolean allDirect = data.length <= MAX_IOV;
    for (int i = 0; i < data.length; i++) {
      ByteBuffer buffer = data[i];
      if (buffer == null) throw new NullPointerException("data[" + i + "] is null");
      total += buffer.remaining();
      allDirect &= buffer.isDirect();
    }
    if (total > Integer.MAX_VALUE) throw new IllegalArgumentException("a write is limited to 2 GiB, got " + total);
    long p = openForIo();
    if (data.length == 0) {
      return settleWrite(0, 0, null, callback, resolver);
    } else if (allDirect) {
      int[] offsets = new int[data.length];
      int[] lengths = new int[data.length];
      for (int i = 0; i < data.length; i++) {
        offsets[i] = data[i].position();
        lengths[i] = data[i].remaining();
      }
      int rc = Native.streamWritev(p, data, offsets, lengths, data.length);
      return settleWrite(rc, (int) total, data.clone(), callback, resolver);
    } else {
      byte[] joined = new byte[(int) total];
      int at = 0;
      for (ByteBuffer buffer : data) {
        int n = buffer.remaining();
        buffer.duplicate().get(joined, at, n);
        at += n;
      }
      return writeArray(joined, 0, joined.length, callback, resolver);
    }
  }

  /**
   * Records a write's fate. A queued write waits in {@link #writes} (keeping its bytes
   * reachable) for its EVENT_WRITTEN. One done or failed at once is reported asynchronously,
   * and never before writes queued earlier: after the current callback if none is queued, else
   * right after them. A success nobody waits for needs nothing at all.
   *
   * @return whether the queue is below the high-water mark after this write
   */
  final boolean settleWrite(
      int result, int length, Object bytes, Completion callback, Promise.Resolver<Void> resolver) {
    if (result >= 0 && result < length) {
      writes.add(new Write(this, bytes, callback, resolver));
    } else if (result < 0 || callback != null || resolver != null) {
      Write write = new Write(this, null, callback, resolver);
      write.finish(result < 0 ? result : 0);
      if (writes.isEmpty()) loop.enqueueTick(write);
      else writes.add(write);
    }
    return belowHighWaterMark();
  }

  /** Whether the bytes queued now are below the mark; at or above it, a drain is owed. */
  private boolean belowHighWaterMark() {
    if (Native.streamWriteQueueSize(ptr) < highWaterMark) return true;
    // only a mark of 0 gets here with no write pending, and then no completion will drain it
    if (!needDrain && writes.isEmpty()) loop.enqueueTick(this::drained);
    needDrain = true;
    return false;
  }

  /** Reports a write's outcome to whoever waits for it. */
  private void report(Write write) throws Exception {
    UvException error = write.status < 0 ? new UvException(write.status, "write") : null;
    if (write.resolver != null) {
      write.resolver.settle(null, error);
    } else if (write.callback != null) {
      write.callback.done(error);
    } else if (error != null) {
      failAndClose(error);
    }
  }

  /**
   * The oldest queued write completed; writes finished behind it are reported after it, and the
   * drain, if one is owed, after them.
   */
  private void written(int status) throws Exception {
    Write head = writes.poll();
    head.finish(status);
    try {
      report(head);
      while (!writes.isEmpty() && writes.peek().finished) report(writes.poll());
    } finally {
      drained();
    }
  }

  /**
   * Once no write is pending after one reached the mark: runs the drain listeners, each guarded
   * like a callback of its own, then the library's waiters. A closing stream owes no drain.
   */
  private void drained() {
    if (!needDrain || !writes.isEmpty() || isClosing()) return;
    needDrain = false;
    for (Runnable listener : List.copyOf(drainListeners)) {
      if (!loop.acceptsCallbacks()) break;
      Throwable thrown = Loop.callUser(listener);
      if (thrown != null) loop.reportThrown(thrown);
    }
    List<Runnable> waiters = drainWaiters;
    drainWaiters = new ArrayList<>();
    for (Runnable waiter : waiters) waiter.run();
  }

  /** Runs {@code waiter} once, after the listeners of the next drain (see {@link #onDrain}). */
  void afterDrain(Runnable waiter) {
    drainWaiters.add(waiter);
  }

  /** A write someone waits for, or whose bytes must stay reachable while libuv has them. */
  private static final class Write implements Runnable {
    private final Stream stream;
    @SuppressWarnings("unused") // keeps a direct buffer's memory alive while queued
    private final Object bytes;
    private final Completion callback;
    private final Promise.Resolver<Void> resolver;
    private boolean finished;
    private int status;

    Write(Stream stream, Object bytes, Completion callback, Promise.Resolver<Void> resolver) {
      this.stream = stream;
      this.bytes = bytes;
      this.callback = callback;
      this.resolver = resolver;
    }

    void finish(int result) {
      finished = true;
      status = result;
    }

    /** Reports a write finished at once, as a next-tick. */
    @Override
    public void run() {
      try {
        stream.report(this);
      } catch (Exception e) {
        throw Throwables.sneaky(e);
      }
    }
  }

  private static byte[] copyOf(ByteBuffer data) {
    byte[] copy = new byte[data.remaining()];
    data.duplicate().get(copy);
    return copy;
  }

  /**
   * Bytes queued for writing that the OS has not taken yet.
   *
   * @return the number of bytes waiting in libuv's write queue
   * @throws IllegalStateException if closed or called from another thread
   */
  public long writeQueueSize() {
    return Native.streamWriteQueueSize(open());
  }

  /**
   * The high-water mark: once the bytes queued for writing reach it, the callback forms of {@code
   * write} return false and a drain is owed (Node's {@code writableHighWaterMark}).
   *
   * @return the mark in bytes; 65536 unless set
   * @throws IllegalStateException if closed or called from another thread
   */
  public long highWaterMark() {
    open();
    return highWaterMark;
  }

  /**
   * Sets the high-water mark for the writes made from now on. With 0, every write returns false
   * and each one is followed by a drain.
   *
   * @param bytes the mark in bytes, 0 or more
   * @return this stream
   * @throws IllegalArgumentException if {@code bytes} is negative
   * @throws IllegalStateException if closed or called from another thread
   */
  public Stream setHighWaterMark(long bytes) {
    if (bytes < 0) throw new IllegalArgumentException("high-water mark must be >= 0, got " + bytes);
    open();
    highWaterMark = bytes;
    return this;
  }

  /**
   * Whether a write has brought the queue to the high-water mark and the drain has not come yet
   * (Node's {@code writableNeedDrain}); what the Promise forms of {@code write} offer in place of a
   * return value.
   *
   * @return true from such a write until the {@link #onDrain} listeners run
   * @throws IllegalStateException if closed or called from another thread
   */
  public boolean needsDrain() {
    open();
    return needDrain;
  }

  /**
   * Adds a listener for Node's {@code 'drain'}: it runs on the loop thread each time every pending
   * write has completed after a write brought the queue to the {@linkplain #highWaterMark()
   * high-water mark}, once per such episode (never if the mark was not reached), right after the
   * callback of the write that completed last (a Promise write's reactions run later, as
   * microtasks). Listeners run in the order they were added; one added while listeners run waits
   * for the next drain. What a listener throws goes to the loop's uncaught-exception handling, and
   * the listeners after it still run unless that handling stopped the loop. A closing stream
   * drains no more.
   *
   * @param listener run on each drain, for as long as the stream is open
   * @return this stream
   * @throws NullPointerException if {@code listener} is null
   * @throws IllegalStateException if closed or called from another thread
   */
  public Stream onDrain(Runnable listener) {
    Objects.requireNonNull(listener, "listener");
    open();
    drainListeners.add(listener);
    return this;
  }

  // --- piping ---------------------------------------------------------------------------------

  /**
   * Moves everything this stream reads into {@code destination} (Node's {@code pipeline(this,
   * destination)}): reads this stream with a reader of its own and writes each chunk as it
   * arrives. When a write returns false, reading stops until {@code destination} drains, so at most
   * the {@linkplain #highWaterMark() high-water mark} plus one read waits in its queue. At the end
   * of this stream, {@code destination} is {@linkplain #shutdown() shut down} once its queued
   * writes are out, and the promise is fulfilled when that is done; neither stream is closed. A
   * destination that cannot be half-closed (on Unix, a FIFO or a terminal, whose shutdown fails
   * with {@code ENOTSOCK}) is left as it is, and the promise fulfilled once its writes are out.
   *
   * <p>Reads fill the loop's shared read buffer, and a chunk goes out from there without a copy
   * whenever {@code destination} takes it at once; what it cannot take yet is copied, since the
   * next read reuses that buffer.
   *
   * <p>On a read error, a write or shutdown error, or either stream closing before the end (with
   * {@code ECANCELED}), the promise is rejected and both streams are closed. Do not read this
   * stream yourself while it pipes: starting or stopping reads would take over from the pipe.
   *
   * @param destination the stream to write to, on the same loop; may be this stream itself (an
   *     echo)
   * @return fulfilled once the end of this stream has reached {@code destination} and it is shut
   *     down; rejected with the {@link UvException} that stopped the pipe
   * @throws NullPointerException if {@code destination} is null
   * @throws IllegalArgumentException if {@code destination} belongs to another loop
   * @throws IllegalStateException if either stream is closed or was handed to a child process,
   *     this stream already pipes, or called from another thread
   */
  public Promise<Void> pipe(Stream destination) {
    Objects.requireNonNull(destination, "destination");
    if (destination.loop != loop) throw new IllegalArgumentException(destination + " belongs to another loop");
    openForIo();
    destination.openForIo();
    if (outgoingPipe != null) throw new IllegalStateException(this + " already pipes into " + outgoingPipe.destination());
    return StreamPipe.start(this, destination);
  }

  /**
   * Writes the whole of the file at {@code path} to this stream: opens it, reads it in chunks
   * through the loop's {@link Fs} operations, writes each chunk, waits for a drain whenever a
   * write returns false (so at most the {@linkplain #highWaterMark() high-water mark} plus one
   * chunk is queued), and closes the file. Chunks are written from direct buffers without a copy;
   * a buffer is read into again only once the write of it has completed. The stream is neither
   * shut down nor closed, so more may be written after the file.
   *
   * <p>On any error the file is closed and the promise rejected; the stream is left open (after a
   * write error it is usually broken: close it). The stream closing before the end rejects with
   * {@code ECANCELED}.
   *
   * @param path the file to send
   * @return fulfilled with the number of bytes written once the last write completed and the file
   *     is closed; rejected with the {@link UvException} that stopped it (naming the path for an
   *     {@code open} that failed, such as {@code ENOENT})
   * @throws NullPointerException if {@code path} is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside
   *     U+DC80..U+DCFF
   * @throws IllegalStateException if the stream is closed or was handed to a child process, the
   *     loop is closing, or called from another thread
   */
  public Promise<Long> pipeFile(String path) {
    Objects.requireNonNull(path, "path");
    openForIo();
    return FilePipe.start(this, path);
  }

  /** Runs {@code watcher} when this stream starts closing, unless {@link #unwatchClose} came first. */
  void watchClose(Runnable watcher) {
    closeWatchers.add(watcher);
  }

  void unwatchClose(Runnable watcher) {
    closeWatchers.remove(watcher);
  }

  /** Closing drops the reader (writes the close cancels are dropped quietly), the idle timer and the close watchers. */
  @Override
  void beforeClose() {
    reader = null;
    stopIdleTimer();
    List<Runnable> watchers = List.copyOf(closeWatchers);
    closeWatchers.clear();
    for (Runnable watcher : watchers) watcher.run();
  }

  /**
   * Shuts down the writing side once queued writes are done (the peer reads EOF); the stream
   * stays readable.
   *
   * @param callback told of the outcome; if null, a failure goes to the reader's {@link
   *     Reader#onError} while reading, then the stream closes
   * @throws IllegalStateException if closed or called from another thread
   */
  public void shutdown(Completion callback) {
    shutdown(new ShutdownRequest(callback, null));
  }

  /**
   * Shuts down the writing side once queued writes are done.
   *
   * @return fulfilled when done, rejected with a {@link UvException}
   * @throws IllegalStateException if closed or called from another thread
   */
  public Promise<Void> shutdown() {
    Promise.Resolver<Void> resolver = loop.promise();
    shutdown(new ShutdownRequest(null, resolver));
    return resolver.promise();
  }

  private void shutdown(ShutdownRequest request) {
    int rc = request.started(Native.streamShutdown(openForIo(), request.takeSlot()));
    if (rc < 0) request.completeLater(rc);
    else shutdownInFlight = request;
  }

  /**
   * A shutdown, the user's or the one the stream makes at end of stream. A failure that no
   * callback or promise hears of goes the way of a failed write's ({@link #failAndClose}).
   */
  private final class ShutdownRequest extends Request {
    private final boolean watched;
    /** Close the stream once this completes: end of stream came, and half-open is off. */
    private boolean thenClose;

    ShutdownRequest(Completion callback, Promise.Resolver<Void> resolver) {
      super(Stream.this.loop, "shutdown", callback, resolver, null);
      watched = callback != null || resolver != null;
    }

    @Override
    void complete(int result) throws Exception {
      if (shutdownInFlight == this) shutdownInFlight = null;
      try {
        if (watched) super.complete(result);
        else if (result < 0) failAndClose(error(result));
      } finally {
        if (thenClose && !isClosing()) close();
      }
    }
  }

  // --- servers --------------------------------------------------------------------------------

  /**
   * Listens for connections; {@code onConnection} is told of each one (then call {@link
   * #accept(Stream)}) or of an error.
   *
   * @param backlog how many connections the OS may queue
   * @param onConnection called on the loop thread once per incoming connection with {@code null},
   *     or with the error if accepting failed
   * @throws IllegalArgumentException if {@code backlog} is negative
   * @throws NullPointerException if {@code onConnection} is null
   * @throws UvException if libuv refuses (for example {@code EADDRINUSE}, or {@code EINVAL} for a
   *     pipe that is not bound)
   * @throws IllegalStateException if closed or called from another thread
   */
  public void listen(int backlog, Completion onConnection) throws UvException {
    if (backlog < 0) throw new IllegalArgumentException("backlog must be >= 0, got " + backlog);
    Objects.requireNonNull(onConnection, "onConnection");
    long p = open();
    this.onConnection = onConnection;
    int rc = Native.streamListen(p, backlog);
    // a TCP listener with no socket yet gets one here
    noteDescriptor();
    UvException.check(rc, "listen");
  }

  /**
   * Accepts a pending connection into {@code client}, a new stream of the same kind (for an IPC
   * pipe, of the kind {@link Pipe#pendingType()} names).
   *
   * @param client an open stream of this loop, not yet connected, that takes the connection
   * @throws NullPointerException if {@code client} is null
   * @throws IllegalArgumentException if {@code client} belongs to another loop or is not of the
   *     kind the connection needs; the connection then stays pending
   * @throws UvException {@code EAGAIN} if no connection is pending, or another libuv error
   * @throws IllegalStateException if either stream is closed, or called from another thread
   */
  public void accept(Stream client) throws UvException {
    Objects.requireNonNull(client, "client");
    if (client.loop != loop) throw new IllegalArgumentException(client + " belongs to another loop");
    long p = open();
    long c = client.open();
    // libuv on Windows casts the client to the kind it expects without checking
    if (!acceptsInto(client)) throw new IllegalArgumentException(this + " cannot accept into " + client);
    UvException.check(Native.streamAccept(p, c), "accept");
    client.noteDescriptor();
  }

  /** Whether a connection pending on this server may go into {@code client}. */
  boolean acceptsInto(Stream client) {
    return client.getClass() == getClass();
  }

  // --- state ----------------------------------------------------------------------------------

  /**
   * Whether the stream can be read from.
   *
   * @return true if the stream is open for reading
   * @throws IllegalStateException if closed or called from another thread
   */
  public boolean isReadable() {
    return Native.streamIsReadable(open());
  }

  /**
   * Whether the stream can be written to.
   *
   * @return true if the stream is open for writing
   * @throws IllegalStateException if closed or called from another thread
   */
  public boolean isWritable() {
    return Native.streamIsWritable(open());
  }

  /**
   * Makes writes block (and complete at once) or not; meant for pipes and ttys shared with
   * other processes.
   *
   * @param blocking true to make writes block, false to make them non-blocking again
   * @throws UvException if the platform refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setBlocking(boolean blocking) throws UvException {
    UvException.check(Native.streamSetBlocking(open(), blocking), "uv_stream_set_blocking");
  }

  /**
   * The OS send buffer size in bytes (Linux reports twice what was set).
   *
   * @return the size of the socket's send buffer ({@code SO_SNDBUF}), in bytes
   * @throws UvException if the OS refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public int sendBufferSize() throws UvException {
    return UvException.check(Native.handleBufferSize(open(), true, 0), "getsockopt");
  }

  /**
   * Sets the OS send buffer size in bytes.
   *
   * @param size the size to ask for ({@code SO_SNDBUF}); the OS may round or double it
   * @throws IllegalArgumentException if {@code size} is not positive
   * @throws UvException if the OS refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setSendBufferSize(int size) throws UvException {
    if (size <= 0) throw new IllegalArgumentException("size must be > 0, got " + size);
    UvException.check(Native.handleBufferSize(open(), true, size), "setsockopt");
  }

  /**
   * The OS receive buffer size in bytes (Linux reports twice what was set).
   *
   * @return the size of the socket's receive buffer ({@code SO_RCVBUF}), in bytes
   * @throws UvException if the OS refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public int receiveBufferSize() throws UvException {
    return UvException.check(Native.handleBufferSize(open(), false, 0), "getsockopt");
  }

  /**
   * Sets the OS receive buffer size in bytes.
   *
   * @param size the size to ask for ({@code SO_RCVBUF}); the OS may round or double it
   * @throws IllegalArgumentException if {@code size} is not positive
   * @throws UvException if the OS refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setReceiveBufferSize(int size) throws UvException {
    if (size <= 0) throw new IllegalArgumentException("size must be > 0, got " + size);
    UvException.check(Native.handleBufferSize(open(), false, size), "setsockopt");
  }

  /**
   * The OS descriptor (a socket or fd; a HANDLE on Windows).
   *
   * @return the descriptor, which stays the stream's: do not close it
   * @throws UvException {@code EBADF} if the stream has none yet
   * @throws IllegalStateException if closed or called from another thread
   */
  public long fileno() throws UvException {
    return osDescriptor();
  }

  // --- events ---------------------------------------------------------------------------------

  @Override
  void onNativeEvent(int event, long arg) throws Throwable {
    if (event == Native.EVENT_READ) {
      onRead(arg);
    } else if (event == Native.EVENT_WRITTEN) {
      noteActivity();
      written((int) arg);
    } else if (event == Native.EVENT_CONNECTION) {
      onConnection.done((int) arg < 0 ? new UvException((int) arg, "listen") : null);
    } else {
      super.onNativeEvent(event, arg);
    }
  }

  @Override
  void suppressed(int event, long arg) {
    // keep the queue in step with libuv even when nobody may be told
    if (event == Native.EVENT_WRITTEN) writes.poll();
  }

  private void onRead(long arg) throws Exception {
    int nread = (int) arg;
    if (nread == EOF) {
      ended();
      return;
    }
    if (nread < 0) {
      failAndClose(new UvException(nread, "read"));
      return;
    }
    noteActivity();
    Reader current = reader;
    ByteBuffer data;
    Supplier<ByteBuffer> supply = allocator;
    if (supply != null) {
      data = readBuffer;
      data.limit(data.position() + nread);
    } else {
      data = loop.readView(nread);
    }
    if (current != null) current.onData(data);
    if (supply != null && supply == allocator && !isClosing()) setReadBuffer(ptr, supply, supply.get());
  }

  /** End of stream: the reader hears of it, then the stream ends itself unless half-open. */
  private void ended() throws Exception {
    Reader current = reader;
    try {
      if (current != null) current.onEnd();
    } finally {
      if (!allowHalfOpen && !isClosing()) endAndClose();
    }
  }

  /**
   * Node's end() then destroy() at end of stream: a shutdown in flight closes the stream once it
   * completes; else one is made, which waits for the queued writes; a stream that cannot shut down
   * closes at once.
   */
  private void endAndClose() {
    if (shutdownInFlight != null) {
      shutdownInFlight.thenClose = true;
      return;
    }
    if (Native.streamIsWritable(ptr)) {
      ShutdownRequest request = new ShutdownRequest(null, null);
      request.thenClose = true;
      if (request.started(Native.streamShutdown(ptr, request.takeSlot())) >= 0) {
        shutdownInFlight = request;
        return;
      }
    }
    close();
  }

  /**
   * A read error, or a failed write or shutdown nobody else hears of: the reader hears of it while
   * reading, then the stream closes.
   */
  private void failAndClose(UvException error) throws Exception {
    Reader current = reader;
    try {
      if (current != null) current.onError(error);
    } finally {
      if (!isClosing()) close();
    }
  }
}
