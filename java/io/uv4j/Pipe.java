package io.uv4j;

import io.uv4j.internal.Native;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A pipe ({@code uv_pipe_t}): a Unix domain socket, or a named pipe on Windows. An IPC pipe
 * (created with {@code ipc = true}) can also carry handles: write a {@link Tcp} or {@link Pipe}
 * with {@link #write(java.nio.ByteBuffer, Stream, Completion)}, and accept it on the other side
 * with {@link #pendingCount()} and {@link #accept(Stream)} from the read callback.
 *
 * <p>Every method must be called on the loop's thread.
 */
public final class Pipe extends Stream {
  /** {@code UV_READABLE} for {@link #chmod(int)}. */
  public static final int READABLE = 1;
  /** {@code UV_WRITABLE} for {@link #chmod(int)}. */
  public static final int WRITABLE = 2;

  /** What kind of handle waits to be accepted from an IPC pipe. */
  public enum PendingType {
    /** Nothing is pending. */
    NONE,
    /** A TCP socket: accept it into a new {@link Tcp}. */
    TCP,
    /** A pipe: accept it into a new {@link Pipe}. */
    PIPE,
    /** A UDP socket (not acceptable into a stream). */
    UDP
  }

  private final boolean ipc;

  /**
   * Creates a pipe handle.
   *
   * @param ipc whether handles may be passed over it
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Pipe(Loop loop, boolean ipc) {
    super(Objects.requireNonNull(loop, "loop"));
    long p = Native.pipeNew(loop.checkUsable(), this, ipc);
    if (p < 0) throw new OutOfMemoryError("uv4j: no memory for a pipe handle");
    bind(p);
    this.ipc = ipc;
  }

  /** Whether handles may be passed over this pipe. */
  public boolean isIpc() {
    return ipc;
  }

  /**
   * Opens an existing descriptor as this pipe ({@code uv_pipe_open}).
   *
   * @throws UvException if libuv refuses it, or it cannot be examined ({@code EBADF})
   * @throws IllegalArgumentException if {@code fd} is out of range or, except on Windows, not a
   *     socket, FIFO or terminal (libuv would abort the process when it first polled, say, a
   *     regular file)
   * @throws IllegalStateException if closed or called from another thread
   */
  public void open(long fd) throws UvException {
    long p = open();
    requirePollable(fd, false);
    UvException.check(Native.pipeOpen(p, fd), "uv_pipe_open");
  }

  /**
   * Binds to a path (or, on Linux, an abstract name starting with {@code '\0'}).
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty
   * @throws UvException if the OS refuses ({@code EADDRINUSE}, {@code EACCES}, ...)
   * @throws IllegalStateException if closed or called from another thread
   */
  public void bind(String name) throws UvException {
    byte[] encoded = encode(name);
    UvException.check(Native.pipeBind(open(), encoded), "bind", name);
  }

  /**
   * Connects to the pipe named {@code name}.
   *
   * @param callback told of the outcome; if null, a failure goes to the uncaught handling
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty
   * @throws IllegalStateException if closed or called from another thread
   */
  public void connect(String name, Completion callback) {
    connect(name, new PathRequest(loop, "connect", callback, null, name));
  }

  /**
   * Connects to the pipe named {@code name}.
   *
   * @return fulfilled once connected, rejected with a {@link UvException} ({@code ENOENT}, ...)
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty
   * @throws IllegalStateException if closed or called from another thread
   */
  public Promise<Void> connect(String name) {
    Promise.Resolver<Void> resolver = loop.promise();
    connect(name, new PathRequest(loop, "connect", null, resolver, name));
    return resolver.promise();
  }

  private void connect(String name, Request request) {
    byte[] encoded = encode(name);
    int rc = Native.pipeConnect(open(), request, encoded);
    if (rc < 0) request.completeLater(rc);
  }

  /**
   * The name this pipe is bound to.
   *
   * @throws UvException if it has none
   * @throws IllegalStateException if closed or called from another thread
   */
  public String localName() throws UvException {
    int[] status = new int[1];
    byte[] name = Native.pipeSockName(open(), status);
    UvException.check(status[0], "getsockname");
    return new String(name, StandardCharsets.UTF_8);
  }

  /**
   * The name of the pipe this one is connected to.
   *
   * @throws UvException if not connected
   * @throws IllegalStateException if closed or called from another thread
   */
  public String peerName() throws UvException {
    int[] status = new int[1];
    byte[] name = Native.pipePeerName(open(), status);
    UvException.check(status[0], "getpeername");
    return new String(name, StandardCharsets.UTF_8);
  }

  /**
   * Makes the bound pipe readable and/or writable by everyone ({@code uv_pipe_chmod}).
   *
   * @param flags {@link #READABLE}, {@link #WRITABLE} or both
   * @throws IllegalArgumentException if {@code flags} is not a non-empty combination of those
   * @throws UvException if the OS refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void chmod(int flags) throws UvException {
    if (flags == 0 || (flags & ~(READABLE | WRITABLE)) != 0) {
      throw new IllegalArgumentException("chmod flags must be READABLE and/or WRITABLE, got " + flags);
    }
    UvException.check(Native.pipeChmod(open(), flags), "chmod");
  }

  /**
   * Windows only: how many pipe instances a server keeps ready; does nothing elsewhere.
   *
   * @throws IllegalArgumentException if {@code count} is below 1
   * @throws IllegalStateException if closed or called from another thread
   */
  public void pendingInstances(int count) {
    if (count < 1) throw new IllegalArgumentException("count must be >= 1, got " + count);
    Native.pipePendingInstances(open(), count);
  }

  /**
   * How many passed handles wait to be accepted (IPC pipes).
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public int pendingCount() {
    return Native.pipePendingCount(open());
  }

  /**
   * The kind of the next passed handle waiting to be accepted.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public PendingType pendingType() {
    return PendingType.values()[Native.pipePendingType(open())];
  }

  /**
   * Writes {@code data} and passes {@code handle} along with it (IPC pipes only); the receiver
   * accepts it from its read callback.
   *
   * @param data the bytes sent with the handle (at least one byte)
   * @param handle a {@link Tcp} or {@link Pipe} to pass
   * @param callback told of the outcome; if null, a failure goes to the uncaught handling
   * @throws NullPointerException if {@code data} or {@code handle} is null
   * @throws IllegalArgumentException if this pipe is not an IPC pipe, {@code data} is empty or
   *     not direct, or {@code handle} belongs to another loop
   * @throws IllegalStateException if either handle is closed, or called from another thread
   */
  public void write(java.nio.ByteBuffer data, Stream handle, Completion callback) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(handle, "handle");
    if (!ipc) throw new IllegalArgumentException(this + " is not an IPC pipe");
    if (!data.isDirect() || !data.hasRemaining()) {
      throw new IllegalArgumentException("data sent with a handle must be a non-empty direct buffer: " + data);
    }
    if (handle.loop != loop) throw new IllegalArgumentException(handle + " belongs to another loop");
    long p = open();
    long sent = handle.open();
    int rc = Native.streamWrite(p, data, data.position(), data.remaining(), sent);
    settleWrite(rc, data.remaining(), new Object[] {data, handle}, callback, null);
  }

  /** An IPC pipe hands over the pending handle's kind; a plain one accepts pipes. */
  @Override
  boolean acceptsInto(Stream client) {
    if (!ipc) return client instanceof Pipe;
    switch (pendingType()) {
      case TCP:
        return client instanceof Tcp;
      case PIPE:
        return client instanceof Pipe;
      case NONE:
        return true; // libuv reports EAGAIN
      default:
        return false;
    }
  }

  private static byte[] encode(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) throw new IllegalArgumentException("pipe name is empty");
    return name.getBytes(StandardCharsets.UTF_8);
  }

  /** A request on a named pipe: its errors name the path. */
  private static final class PathRequest extends Request {
    private final String path;

    PathRequest(Loop loop, String syscall, Completion callback, Promise.Resolver<Void> resolver, String path) {
      super(loop, syscall, callback, resolver, null);
      this.path = path;
    }

    @Override
    UvException error(int result) {
      return new UvException(result, "connect", path, null);
    }
  }
}
