package io.uv4j;

import io.uv4j.internal.Native;
import java.util.Objects;

/** Facts about the linked libuv, its clock, its thread pool, and descriptors. */
public final class Uv {
  private Uv() {}

  /**
   * libuv's version as {@code (major << 16) | (minor << 8) | patch}.
   *
   * @return the linked libuv's version number, such as {@code 0x013200} for 1.50.0
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static int version() {
    return Native.version();
  }

  /**
   * libuv's version as text, such as {@code "1.50.0"}.
   *
   * @return the linked libuv's version string
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static String versionString() {
    return Native.versionString();
  }

  /**
   * A monotonic clock in nanoseconds, from an arbitrary origin ({@code uv_hrtime}).
   *
   * @return the current time in nanoseconds; only differences between two readings mean anything
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static long hrtime() {
    return Native.hrtime();
  }

  /**
   * {@code n} cryptographically strong random bytes from the OS ({@code uv_random}), at once on
   * the calling thread (any thread). May block while the OS gathers entropy early in boot.
   *
   * @param n how many bytes to gather; 0 gives an empty array
   * @return a new array of {@code n} random bytes
   * @throws IllegalArgumentException if {@code n} is negative or more than a Java array holds
   * @throws UvException if the OS cannot supply them
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static byte[] randomSync(int n) throws UvException {
    checkCount(n);
    Native.ensureLoaded();
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(Math.max(n, 1));
    UvException.check(Native.random(0, -1, buffer, 0, n), "uv_random");
    byte[] out = new byte[n];
    buffer.get(out);
    return out;
  }

  /**
   * {@code n} cryptographically strong random bytes, gathered on libuv's thread pool.
   *
   * @param loop the loop whose thread pool gathers the bytes and whose thread settles the promise
   * @param n how many bytes to gather
   * @return fulfilled with the bytes on the loop thread, rejected with a {@link UvException}
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalArgumentException if {@code n} is negative or more than a Java array holds
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public static Promise<byte[]> random(Loop loop, int n) {
    Objects.requireNonNull(loop, "loop");
    checkCount(n);
    long p = loop.checkUsable();
    Promise.Resolver<byte[]> resolver = loop.promise();
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(Math.max(n, 1));
    Request request =
        new Request(loop, "uv_random", (Completion) error -> {
          if (error != null) {
            resolver.reject(error);
          } else {
            byte[] out = new byte[n];
            buffer.get(out);
            resolver.resolve(out);
          }
        }, buffer);
    ThreadPool.using();
    int rc = request.started(Native.random(p, request.takeSlot(), buffer, 0, n));
    if (rc < 0) request.completeLater(rc);
    return resolver.promise();
  }

  /**
   * What kind of handle suits a descriptor ({@code uv_guess_handle}): {@link HandleType#TCP} for
   * a stream socket, {@link HandleType#UDP} for a datagram socket, {@link HandleType#NAMED_PIPE}
   * for a FIFO or Unix domain socket, {@link HandleType#TTY} for a terminal, {@link
   * HandleType#FILE} for anything else that is open. Safe from any thread.
   *
   * @param fd the descriptor (a C runtime descriptor on Windows)
   * @return the kind, {@link HandleType#UNKNOWN} if {@code fd} is not open
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static HandleType guessHandle(int fd) {
    if (fd < 0) throw new IllegalArgumentException("fd must be >= 0, got " + fd);
    return HandleType.of(Native.guessHandle(fd));
  }

  /**
   * Sets the number of threads of libuv's thread pool, which runs {@link Loop#queueWork} work,
   * file-system operations and DNS lookups for every loop of the process. libuv fixes the size at
   * the pool's first use, from the {@code UV_THREADPOOL_SIZE} environment variable; this sets that
   * variable in the process's C environment (which {@link System#getenv} does not see, and which
   * child processes then inherit). Safe from any thread.
   *
   * @param size the number of threads, 1 to 1024
   * @throws IllegalArgumentException if {@code size} is outside 1..1024
   * @throws IllegalStateException if the pool has started already (the message gives its size),
   *     or the environment cannot be changed
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static void setThreadPoolSize(int size) {
    ThreadPool.setSize(size);
  }

  /**
   * The number of threads of libuv's thread pool: the size it started with, or before its first
   * use the size it will start with (from {@code UV_THREADPOOL_SIZE} as libuv reads it, else 4).
   * Safe from any thread.
   *
   * @return the pool's size, 1 to 1024
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static int threadPoolSize() {
    return ThreadPool.size();
  }

  /**
   * A connected pair of sockets ({@code uv_socketpair}), as descriptors no uv4j handle owns yet:
   * adopt them with {@link Pipe#open(int)} (Unix), {@link Tcp#open(int)} or {@link Udp#open(int)},
   * which then owns each, or close them. Both are close-on-exec. Safe from any thread.
   *
   * @param type {@link Dns.SocketType#STREAM} or {@link Dns.SocketType#DATAGRAM}
   * @param nonBlockingFirst whether the first socket is non-blocking (overlapped on Windows), as
   *     libuv recommends for a socket a handle adopts
   * @param nonBlockingSecond whether the second socket is non-blocking
   * @return the two sockets (SOCKETs on Windows)
   * @throws NullPointerException if {@code type} is null
   * @throws IllegalArgumentException if {@code type} is {@link Dns.SocketType#ANY}
   * @throws UvException if the OS cannot make them (for example {@code EMFILE})
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static int[] socketPair(Dns.SocketType type, boolean nonBlockingFirst, boolean nonBlockingSecond)
      throws UvException {
    Objects.requireNonNull(type, "type");
    if (type == Dns.SocketType.ANY) throw new IllegalArgumentException("a socket pair needs STREAM or DATAGRAM, got ANY");
    long[] out = new long[2];
    UvException.check(
        Native.socketPair(type == Dns.SocketType.DATAGRAM, nonBlockingFirst, nonBlockingSecond, out), "uv_socketpair");
    return new int[] {(int) out[0], (int) out[1]};
  }

  /**
   * An anonymous pipe ({@code uv_pipe}), as descriptors no uv4j handle owns yet: adopt them with
   * {@link Pipe#open(int)}, which then owns each, or close them. Both are close-on-exec. Safe
   * from any thread.
   *
   * @param nonBlockingRead whether the read end is non-blocking (overlapped on Windows), as libuv
   *     recommends for a descriptor a handle adopts
   * @param nonBlockingWrite whether the write end is non-blocking
   * @return the read end, then the write end
   * @throws UvException if the OS cannot make it (for example {@code EMFILE})
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static int[] pipe(boolean nonBlockingRead, boolean nonBlockingWrite) throws UvException {
    int[] out = new int[2];
    UvException.check(Native.pipePair(nonBlockingRead, nonBlockingWrite, out), "uv_pipe");
    return out;
  }

  /** The bytes end up in one array: a count no array can hold is refused before any is gathered. */
  private static void checkCount(int n) {
    if (n < 0 || n > FsConvenience.MAX_ARRAY) {
      throw new IllegalArgumentException("n must be 0.." + FsConvenience.MAX_ARRAY + ", got " + n);
    }
  }
}
