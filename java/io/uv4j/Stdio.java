package io.uv4j;

import io.uv4j.internal.Native;
import java.util.Objects;

/**
 * What one descriptor of a child process is connected to, for {@link SpawnOptions.Builder#stdio(int,
 * Stdio)}: nothing, a descriptor or stream of this process that the child shares, or a new {@link
 * Pipe} between the two ({@code uv_stdio_container_t}). Immutable.
 */
public final class Stdio {
  // libuv's uv_stdio_flags
  static final int CREATE_PIPE = Native.constant("UV_CREATE_PIPE");
  static final int INHERIT_FD = Native.constant("UV_INHERIT_FD");
  static final int INHERIT_STREAM = Native.constant("UV_INHERIT_STREAM");
  private static final int READABLE_PIPE = Native.constant("UV_READABLE_PIPE");
  private static final int WRITABLE_PIPE = Native.constant("UV_WRITABLE_PIPE");
  private static final int NONBLOCK_PIPE = Native.constant("UV_NONBLOCK_PIPE");

  private static final Stdio IGNORE = new Stdio(Native.constant("UV_IGNORE"), -1, null, false);

  private final int flags;
  private final int fd;
  private final Stream stream;
  private final boolean ipc;

  private Stdio(int flags, int fd, Stream stream, boolean ipc) {
    this.flags = flags;
    this.fd = fd;
    this.stream = stream;
    this.ipc = ipc;
  }

  /**
   * The child's descriptor is left unconnected; 0, 1 and 2 are opened on the null device instead,
   * so that the child does not reuse them by accident.
   *
   * @return the shared "ignore" entry
   */
  public static Stdio ignore() {
    return IGNORE;
  }

  /**
   * The child gets a copy of this process's descriptor {@code fd} (on Windows, a C runtime
   * descriptor).
   *
   * @param fd a descriptor open in this process when the child is spawned
   * @return an entry sharing {@code fd}
   * @throws IllegalArgumentException if {@code fd} is negative
   */
  public static Stdio inherit(int fd) {
    if (fd < 0) throw new IllegalArgumentException("fd must be >= 0, got " + fd);
    return new Stdio(INHERIT_FD, fd, null, false);
  }

  /**
   * The child gets a copy of the descriptor {@code stream} uses (a socket, pipe or terminal). The
   * stream must be open, belong to the spawning loop and have a descriptor when the child is
   * spawned.
   *
   * <p>As the child's fd 0, 1 or 2 on Unix, the stream is handed over: libuv makes the descriptor
   * blocking for the child, and that flag belongs to the description this process shares, so a
   * read or write here could block the loop. The spawn is refused while the stream has writes
   * queued; once the child runs, the stream stops reading and refuses reads, writes and shutdown
   * with {@link IllegalStateException}: this process may only close it (as a server that hands a
   * connection to a child does). As fd 3 or above the descriptor keeps its mode and the stream
   * stays usable.
   *
   * @param stream the stream whose descriptor the child shares; it stays this process's
   * @return an entry sharing the stream's descriptor
   * @throws NullPointerException if {@code stream} is null
   */
  public static Stdio inherit(Stream stream) {
    return new Stdio(INHERIT_STREAM, -1, Objects.requireNonNull(stream, "stream"), false);
  }

  /**
   * A new pipe the child reads from (its stdin, typically); this process writes to the {@link
   * Pipe} that {@link ChildProcess#pipe(int)} returns ({@code UV_READABLE_PIPE}).
   *
   * @return a pipe entry
   */
  public static Stdio pipeToChild() {
    return new Stdio(CREATE_PIPE | READABLE_PIPE, -1, null, false);
  }

  /**
   * A new pipe the child writes to (its stdout or stderr, typically); this process reads the
   * {@link Pipe} that {@link ChildProcess#pipe(int)} returns ({@code UV_WRITABLE_PIPE}).
   *
   * @return a pipe entry
   */
  public static Stdio pipeFromChild() {
    return new Stdio(CREATE_PIPE | WRITABLE_PIPE, -1, null, false);
  }

  /**
   * A new pipe both ends read and write ({@code UV_READABLE_PIPE | UV_WRITABLE_PIPE}). On Unix
   * every created pipe is a socket pair and so duplex; on Windows the direction flags decide.
   *
   * @return a pipe entry
   */
  public static Stdio duplexPipe() {
    return new Stdio(CREATE_PIPE | READABLE_PIPE | WRITABLE_PIPE, -1, null, false);
  }

  /**
   * This pipe entry, with the child's end opened non-blocking on Unix and for overlapped I/O on
   * Windows ({@code UV_NONBLOCK_PIPE}, also named {@code UV_OVERLAPPED_PIPE}): for a child that
   * does asynchronous I/O of its own, such as another libuv program.
   *
   * @return a new entry
   * @throws IllegalStateException if this entry is not a pipe
   */
  public Stdio nonblocking() {
    requirePipe("nonblocking");
    return new Stdio(flags | NONBLOCK_PIPE, -1, null, ipc);
  }

  /**
   * This pipe entry, made an IPC pipe that can also pass handles ({@link Pipe#isIpc()}), as Node's
   * {@code 'ipc'} stdio is.
   *
   * @return a new entry
   * @throws IllegalStateException if this entry is not a pipe
   */
  public Stdio ipc() {
    requirePipe("ipc");
    return new Stdio(flags, -1, null, true);
  }

  private void requirePipe(String what) {
    if (!isPipe()) throw new IllegalStateException(what + " applies to a pipe entry, not to " + this);
  }

  boolean isPipe() {
    return (flags & CREATE_PIPE) != 0;
  }

  int flags() {
    return flags;
  }

  int fd() {
    return fd;
  }

  Stream stream() {
    return stream;
  }

  boolean isIpc() {
    return ipc;
  }

  @Override
  public String toString() {
    if (flags == 0) return "Stdio[ignore]";
    if ((flags & INHERIT_FD) != 0) return "Stdio[inherit fd " + fd + "]";
    if ((flags & INHERIT_STREAM) != 0) return "Stdio[inherit " + stream + "]";
    StringBuilder sb = new StringBuilder("Stdio[pipe");
    if ((flags & READABLE_PIPE) != 0) sb.append(", child reads");
    if ((flags & WRITABLE_PIPE) != 0) sb.append(", child writes");
    if ((flags & NONBLOCK_PIPE) != 0) sb.append(", nonblocking");
    if (ipc) sb.append(", ipc");
    return sb.append(']').toString();
  }
}
