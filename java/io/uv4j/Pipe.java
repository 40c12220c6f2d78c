package io.uv4j;

import io.uv4j.internal.Native;
import java.io.UncheckedIOException;
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
    UDP;

    /** The kind of a pending handle of libuv type {@code handleType}; NONE for any other type. */
    static PendingType of(int handleType) {
      switch (HandleType.of(handleType)) {
        case TCP:
          return TCP;
        case NAMED_PIPE:
          return PIPE;
        case UDP:
          return UDP;
        default:
          return NONE;
      }
    }
  }

  private final boolean ipc;

  /**
   * Creates a pipe handle.
   *
   * @param loop the loop whose thread will use the handle
   * @param ipc whether handles may be passed over it
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   * @throws UncheckedIOException wrapping a {@link UvException} if {@code uv_pipe_init} fails
   *     with another error (unchecked, so that existing callers still compile; libuv 1.50 has
   *     no such error for it)
   */
  public Pipe(Loop loop, boolean ipc) {
    super(Objects.requireNonNull(loop, "loop"));
    long p = Native.pipeNew(loop.checkUsable(), this, ipc);
    if (p < 0) throw new UncheckedIOException(initFailure(p, "uv_pipe_init"));
    bind(p);
    this.ipc = ipc;
  }

  /**
   * Two connected pipes.
   *
   * @param first one end
   * @param second the other end
   */
  public record Pair(Pipe first, Pipe second) {}

  /**
   * The two ends of an anonymous pipe.
   *
   * @param readEnd the end to read from
   * @param writeEnd the end to write to
   */
  public record Ends(Pipe readEnd, Pipe writeEnd) {}

  /**
   * Two pipes connected to each other through a Unix domain stream socket pair ({@code
   * uv_socketpair}): what one writes the other reads, both ways. Each pipe owns its socket. Unix
   * only: on Windows, adopt the sockets of {@link Uv#socketPair} with {@link Tcp#open(int)}.
   *
   * @param loop the loop whose thread will use both pipes
   * @return both pipes, open, readable and writable
   * @throws NullPointerException if {@code loop} is null
   * @throws UnsupportedOperationException on Windows
   * @throws UvException if the OS cannot make the sockets ({@code EMFILE}, ...) or libuv refuses
   *     them
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handles ({@code ENOMEM})
   */
  public static Pair socketPair(Loop loop) throws UvException {
    Objects.requireNonNull(loop, "loop");
    if (WINDOWS) throw new UnsupportedOperationException("Pipe.socketPair is for Unix; on Windows use Uv.socketPair with Tcp.open");
    loop.checkUsable();
    Pipe[] ends = adopt(loop, Uv.socketPair(Dns.SocketType.STREAM, true, true));
    return new Pair(ends[0], ends[1]);
  }

  /**
   * An anonymous pipe ({@code uv_pipe}) as two pipes: bytes written to the write end are read
   * from the read end. Each pipe owns its descriptor.
   *
   * @param loop the loop whose thread will use both pipes
   * @return the read end and the write end, open
   * @throws NullPointerException if {@code loop} is null
   * @throws UvException if the OS cannot make the pipe ({@code EMFILE}, ...) or libuv refuses it
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handles ({@code ENOMEM})
   */
  public static Ends anonymous(Loop loop) throws UvException {
    Objects.requireNonNull(loop, "loop");
    loop.checkUsable();
    // libuv recommends non-blocking (on Windows, overlapped) descriptors for the handles it runs
    Pipe[] ends = adopt(loop, Uv.pipe(true, true));
    return new Ends(ends[0], ends[1]);
  }

  /** Opens a new pipe on each descriptor; on failure, closes every pipe and descriptor made. */
  private static Pipe[] adopt(Loop loop, int[] fds) throws UvException {
    Pipe[] pipes = new Pipe[fds.length];
    int adopted = 0;
    try {
      for (; adopted < fds.length; adopted++) {
        pipes[adopted] = new Pipe(loop, false);
        pipes[adopted].open(fds[adopted]);
      }
      return pipes;
    } catch (RuntimeException | Error | UvException e) {
      for (Pipe pipe : pipes) {
        if (pipe != null) pipe.close();
      }
      for (int i = adopted; i < fds.length; i++) {
        try {
          Fs.closeSync(fds[i]);
        } catch (UvException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** {@return whether handles may be passed over this pipe, as given at creation} */
  public boolean isIpc() {
    return ipc;
  }

  /**
   * Opens an existing descriptor as this pipe ({@code uv_pipe_open}); the handle then owns it and
   * closes it when it closes.
   *
   * @param fd the descriptor (a HANDLE on Windows) of a socket, FIFO or terminal
   * @throws IllegalArgumentException if {@code fd} is negative or, except on Windows, not a
   *     socket, FIFO or terminal (libuv would abort the process when it first polled, say, a
   *     regular file)
   * @throws UvException if libuv refuses it, or it cannot be examined ({@code EBADF})
   * @throws IllegalStateException if a uv4j handle or loop owns {@code fd} or a poll watches it
   *     (the message names it), if this pipe is closed, or if called from another thread
   */
  public void open(int fd) throws UvException {
    adopt(fd, false, Native::pipeOpen, "uv_pipe_open");
  }

  /**
   * Binds to a path (or, on Linux, an abstract name starting with {@code '\0'}). A name longer
   * than the platform allows (108 bytes for a Unix socket on Linux, 104 on macOS) is refused, never
   * cut short.
   *
   * @param name the path, or abstract name, to bind to
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty or holds a lone surrogate that
   *     stands for no byte (see {@link Fs#bytesOf(String)})
   * @throws UvException if the OS refuses ({@code EADDRINUSE}, {@code EACCES}, ...), or {@code
   *     EINVAL}, naming the name and its length in bytes, if it is too long or already bound
   * @throws IllegalStateException if closed or called from another thread
   */
  public void bind(String name) throws UvException {
    byte[] encoded = encode(name);
    int rc = Native.pipeBind(open(), encoded);
    noteDescriptor();
    if (rc < 0) throw nameError(rc, "bind", name);
  }

  /**
   * Connects to the pipe named {@code name}. A name longer than the platform allows fails with
   * {@code EINVAL}, as {@link #bind(String)} does, instead of naming another pipe.
   *
   * @param name the path, or abstract name, the server pipe is bound to
   * @param callback told of the outcome; if null, a failure goes to the uncaught handling
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty or holds a lone surrogate that
   *     stands for no byte (see {@link Fs#bytesOf(String)})
   * @throws IllegalStateException if closed or called from another thread
   */
  public void connect(String name, Completion callback) {
    connect(name, new PathRequest(loop, "connect", callback, null, name));
  }

  /**
   * Connects to the pipe named {@code name}. A name longer than the platform allows fails with
   * {@code EINVAL}, as {@link #bind(String)} does, instead of naming another pipe.
   *
   * @param name the path, or abstract name, the server pipe is bound to
   * @return fulfilled once connected, rejected with a {@link UvException} ({@code ENOENT}, {@code
   *     EINVAL}, ...)
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty or holds a lone surrogate that
   *     stands for no byte (see {@link Fs#bytesOf(String)})
   * @throws IllegalStateException if closed or called from another thread
   */
  public Promise<Void> connect(String name) {
    Promise.Resolver<Void> resolver = loop.promise();
    connect(name, new PathRequest(loop, "connect", null, resolver, name));
    return resolver.promise();
  }

  private void connect(String name, Request request) {
    byte[] encoded = encode(name);
    int rc = request.started(Native.pipeConnect(open(), request.takeSlot(), encoded));
    noteDescriptor();
    if (rc < 0) request.completeLater(rc);
  }

  /**
   * The name this pipe is bound to.
   *
   * @return the path or abstract name the pipe was bound to
   * @throws UvException if it has none
   * @throws IllegalStateException if closed or called from another thread
   */
  public String localName() throws UvException {
    int[] status = new int[1];
    byte[] name = Native.pipeSockName(open(), status);
    UvException.check(status[0], "getsockname");
    return PathCodec.decode(name);
  }

  /**
   * The name of the pipe this one is connected to.
   *
   * @return the path or abstract name of the peer pipe
   * @throws UvException if not connected
   * @throws IllegalStateException if closed or called from another thread
   */
  public String peerName() throws UvException {
    int[] status = new int[1];
    byte[] name = Native.pipePeerName(open(), status);
    UvException.check(status[0], "getpeername");
    return PathCodec.decode(name);
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
   * @param count how many instances to keep ready for clients to connect to
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
   * @return the number of handles received and not yet accepted; always 0 for a pipe that is not
   *     IPC
   * @throws IllegalStateException if closed or called from another thread
   */
  public int pendingCount() {
    return Native.pipePendingCount(open());
  }

  /**
   * The kind of the next passed handle waiting to be accepted.
   *
   * @return what to accept the handle into, or {@link PendingType#NONE} if none waits
   * @throws IllegalStateException if closed or called from another thread
   */
  public PendingType pendingType() {
    return PendingType.of(Native.pipePendingType(open()));
  }

  /**
   * Writes {@code data} and passes {@code handle} along with it (IPC pipes only); the receiver
   * accepts it from its read callback.
   *
   * <p>{@code handle} may be closed while the write waits in the queue. On Unix the handle is read
   * when the write goes out, so the write then fails with {@code EBADF} and passes nothing; on
   * Windows the socket is duplicated within this call and the handle is not read afterwards.
   *
   * @param data the bytes sent with the handle (at least one byte)
   * @param handle a {@link Tcp} or {@link Pipe} to pass
   * @param callback told of the outcome; if null, a failure goes to the reader's {@link
   *     Stream.Reader#onError} while reading, then this pipe closes
   * @throws NullPointerException if {@code data} or {@code handle} is null
   * @throws IllegalArgumentException if this pipe is not an IPC pipe, {@code data} is empty or
   *     not direct, {@code handle} is neither a {@link Tcp} nor a {@link Pipe}, is this pipe
   *     itself, or belongs to another loop
   * @throws IllegalStateException if either handle is closed, or called from another thread
   */
  public void write(java.nio.ByteBuffer data, Stream handle, Completion callback) {
    checkPassable(data, handle);
    long p = openForIo();
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
    return PathCodec.encode(name, "name");
  }

  /** An error that names the pipe; EINVAL, which a name too long gets, also tells its length. */
  private static UvException nameError(int rc, String syscall, String name) {
    String note = rc == UvError.EINVAL.errno() ? "name of " + encode(name).length + " bytes" : null;
    return new UvException(rc, syscall, name, null, note);
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
      return nameError(result, "connect", path);
    }
  }

  /**
   * Writes as much of {@code data} as the OS takes now and passes {@code handle} along with it,
   * without queueing ({@code uv_try_write2}; IPC pipes only). The receiver accepts the handle
   * from its read callback.
   *
   * <p>The handle goes with the first byte written, and only if one is: a positive result means
   * it was passed, 0 that nothing was (the rest of {@code data} can follow with {@link
   * #write(java.nio.ByteBuffer, Completion)}, the handle again with {@link
   * #write(java.nio.ByteBuffer, Stream, Completion)}). The handle is read only during this call:
   * once it returns, {@code handle} may be closed, and the receiver keeps a descriptor of its own.
   * On Windows libuv cannot pass a handle this way, so this always returns 0 there.
   *
   * @param data the bytes sent with the handle (at least one byte), between its position and
   *     limit; its position is not changed
   * @param handle a {@link Tcp} or {@link Pipe} to pass
   * @return the number of bytes written; 0 if the OS would block, writes are queued, or on Windows
   * @throws NullPointerException if {@code data} or {@code handle} is null
   * @throws IllegalArgumentException if this pipe is not an IPC pipe, {@code data} is empty or
   *     not direct, {@code handle} is neither a {@link Tcp} nor a {@link Pipe}, is this pipe
   *     itself, or belongs to another loop
   * @throws UvException {@code EBADF} if {@code handle} has no descriptor yet (a {@link Tcp} never
   *     bound nor connected), or the write fails (for example {@code EPIPE})
   * @throws IllegalStateException if either handle is closed, or called from another thread
   */
  public int tryWrite(java.nio.ByteBuffer data, Stream handle) throws UvException {
    checkPassable(data, handle);
    long p = openForIo();
    long sent = handle.open();
    // libuv reads the handle's descriptor here without checking that it has one
    if (Native.handleFileno(sent, new long[1]) < 0) {
      throw new UvException(UvError.EBADF.errno(), "write", null, null, handle + " has no descriptor to pass");
    }
    int rc = Native.streamTryWrite2(p, data, data.position(), data.remaining(), sent);
    if (rc == UvError.EAGAIN.errno()) return 0;
    return UvException.check(rc, "write");
  }

  /** The rules for writing {@code data} that passes {@code handle} over this pipe. */
  private void checkPassable(java.nio.ByteBuffer data, Stream handle) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(handle, "handle");
    if (!ipc) throw new IllegalArgumentException(this + " is not an IPC pipe");
    if (!data.isDirect() || !data.hasRemaining()) {
      throw new IllegalArgumentException("data sent with a handle must be a non-empty direct buffer: " + data);
    }
    if (!(handle instanceof Tcp || handle instanceof Pipe)) {
      throw new IllegalArgumentException("only a Tcp or a Pipe can be passed over " + this + ", got " + handle);
    }
    if (handle == this) throw new IllegalArgumentException(this + " cannot pass itself");
    if (handle.loop != loop) throw new IllegalArgumentException(handle + " belongs to another loop");
  }
}
