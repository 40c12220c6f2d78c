package io.uv4j;

import io.uv4j.internal.Native;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every libuv file-system operation, each in three forms, as Node's {@code fs} has them:
 *
 * <ul>
 *   <li>with a {@link Callback}, run on libuv's thread pool and reported on the loop thread;
 *   <li>returning a {@link Promise}, likewise;
 *   <li>{@code ...Sync}, static, run at once on the calling thread (any thread, no loop needed),
 *       returning the result or throwing {@link UvException}.
 * </ul>
 *
 * <p>Get the loop-bound forms from {@link Loop#fs()}; they must be called on the loop's thread.
 * Errors are {@link UvException}s naming the system call and the path (and, for two-path
 * operations, the destination), as Node's do. Paths are strings, sent to the OS as UTF-8, or
 * {@link Path}s of the default file system; a path with a NUL character, or with a lone surrogate
 * that stands for no byte (see below), is an {@link IllegalArgumentException}.
 *
 * <p>Every name is byte-exact, even one that is not valid UTF-8 (which Linux and macOS allow): a
 * name the OS returns (scandir, readdir, readlink, realpath, mkdtemp, mkstemp, {@link FsEvent})
 * decodes each byte of an invalid sequence to the lone surrogate {@code U+DC80..U+DCFF} (the byte
 * plus {@code 0xDC00}, as Python's {@code surrogateescape}), and a path given here encodes such a
 * surrogate back to its byte; so a returned name, passed back to any method, names the same file.
 * {@link #pathOf(byte[])} makes such a path from raw bytes, {@link #bytesOf(String)} gives them
 * back, and {@link Dirent#nameBytes()} gives an entry's. A {@link Path} whose name is not valid
 * UTF-8 (from {@code Files.list}, say) is taken by its exact bytes; a string holding such
 * surrogates cannot become a {@code Path}, so use the string forms for it.
 *
 * <p>Buffers are read or written
 * between their position and limit, which are not changed; a direct buffer is used in place
 * (do not touch it until the operation completes), a heap buffer through a temporary copy.
 *
 * <p>Whole files and trees have operations of their own, as Node's {@code fs.promises} has
 * them: {@code readFile}, {@code readFileString}, {@code writeFile}, {@code appendFile}, {@code
 * mkdirRecursive} and {@code rmRecursive}. They are made of the operations above, so their
 * asynchronous forms run one step at a time on the pool and never block the loop.
 *
 * <p>The thread pool is shared with DNS and {@link Loop#queueWork}; its size is libuv's, set by
 * the {@code UV_THREADPOOL_SIZE} environment variable (default 4) before the first use.
 */
public final class Fs {
  static {
    Native.ensureLoaded();
    Descriptors.madeForLoop(Native.fsSyncLoopDescriptors(), Fs.class, Descriptors.Kind.SYNC_FORMS,
        "the loop of the synchronous Fs forms");
  }

  /** Open for reading only. */
  public static final int O_RDONLY = Native.constant("UV_FS_O_RDONLY");
  /** Open for writing only. */
  public static final int O_WRONLY = Native.constant("UV_FS_O_WRONLY");
  /** Open for reading and writing. */
  public static final int O_RDWR = Native.constant("UV_FS_O_RDWR");
  /** Create the file if it does not exist. */
  public static final int O_CREAT = Native.constant("UV_FS_O_CREAT");
  /** With {@link #O_CREAT}: fail with {@code EEXIST} if the file exists. */
  public static final int O_EXCL = Native.constant("UV_FS_O_EXCL");
  /** Truncate the file to length 0. */
  public static final int O_TRUNC = Native.constant("UV_FS_O_TRUNC");
  /** Every write goes to the end of the file. */
  public static final int O_APPEND = Native.constant("UV_FS_O_APPEND");
  /** Writes wait for data and metadata to reach the disk. */
  public static final int O_SYNC = Native.constant("UV_FS_O_SYNC");
  /** Writes wait for data to reach the disk. */
  public static final int O_DSYNC = Native.constant("UV_FS_O_DSYNC");
  /** Fail unless the path is a directory (0 where unsupported). */
  public static final int O_DIRECTORY = Native.constant("UV_FS_O_DIRECTORY");
  /** Fail if the path is a symbolic link (0 where unsupported). */
  public static final int O_NOFOLLOW = Native.constant("UV_FS_O_NOFOLLOW");
  /** Do not update the access time (0 where unsupported). */
  public static final int O_NOATIME = Native.constant("UV_FS_O_NOATIME");
  /** Do not make a terminal the controlling one (0 where unsupported). */
  public static final int O_NOCTTY = Native.constant("UV_FS_O_NOCTTY");
  /** Open in non-blocking mode (0 where unsupported). */
  public static final int O_NONBLOCK = Native.constant("UV_FS_O_NONBLOCK");
  /** Bypass the page cache (0 where unsupported). */
  public static final int O_DIRECT = Native.constant("UV_FS_O_DIRECT");

  /** {@link #access} mode: the file exists. */
  public static final int F_OK = 0;
  /** {@link #access} mode: readable. */
  public static final int R_OK = 4;
  /** {@link #access} mode: writable. */
  public static final int W_OK = 2;
  /** {@link #access} mode: executable. */
  public static final int X_OK = 1;

  /** {@link #copyfile} flag: fail with {@code EEXIST} if the destination exists. */
  public static final int COPYFILE_EXCL = 1;
  /** {@link #copyfile} flag: try a copy-on-write clone, else copy. */
  public static final int COPYFILE_FICLONE = 2;
  /** {@link #copyfile} flag: clone copy-on-write or fail. */
  public static final int COPYFILE_FICLONE_FORCE = 4;

  /** {@link #symlink} flag (Windows): the target is a directory. */
  public static final int SYMLINK_DIR = 1;
  /** {@link #symlink} flag (Windows): make a junction. */
  public static final int SYMLINK_JUNCTION = 2;

  private static final int MAX_IOV = 64;

  /** A file made by {@code mkstemp}: its open descriptor and its path. */
  public record TempFile(int fd, String path) {}

  private final Loop loop;
  /** Ops of the library's own multi-step tasks: they finish even while callbacks are stopped. */
  private final boolean internal;

  Fs(Loop loop, boolean internal) {
    this.loop = loop;
    this.internal = internal;
  }

  /**
   * The path string that names exactly {@code bytes}: valid UTF-8 reads as text, any other byte
   * as the lone surrogate {@code U+DC00} plus its value (see the class comment).
   *
   * @param bytes a file name or path as the OS spells it
   * @return the string every method here turns back into {@code bytes}
   * @throws NullPointerException if {@code bytes} is null
   */
  public static String pathOf(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return PathCodec.decode(bytes);
  }

  /**
   * The bytes the OS gets for {@code path}: its UTF-8, with each lone surrogate {@code
   * U+DC80..U+DCFF} standing for one byte (the inverse of {@link #pathOf(byte[])}).
   *
   * @param path a path as the methods here take it, such as a name one of them returned
   * @return the bytes of the name the OS is given
   * @throws NullPointerException if {@code path} is null
   * @throws IllegalArgumentException if {@code path} holds another lone surrogate, which stands
   *     for no byte
   */
  public static byte[] bytesOf(String path) {
    Objects.requireNonNull(path, "path");
    return PathCodec.encode(path, "path");
  }

  /**
   * The bytes the OS gets for {@code path}, exact even where its name is not valid UTF-8 (which
   * its {@code toString()} shows with U+FFFD).
   *
   * @param path a path of the default file system
   * @return the bytes of the name the OS is given
   * @throws NullPointerException if {@code path} is null
   * @throws IllegalArgumentException if {@code path} is not on the default file system
   */
  public static byte[] bytesOf(Path path) {
    return PathCodec.encode(str(path, "path"), "path");
  }

  // --- machinery ------------------------------------------------------------------------------

  /** Starts the native op for {@code request} on {@code loop}, or runs it at once (0, null). */
  @FunctionalInterface
  private interface Starter {
    long start(long loop, Object request);
  }

  /** Reads what a finished request produced. */
  @FunctionalInterface
  private interface Result<T> {
    T read(long request, long result);
  }

  private static final Result<Void> VOID = (req, n) -> null;
  private static final Result<Integer> INT = (req, n) -> (int) n;
  private static final Result<Long> LONG = (req, n) -> n;
  private static final Result<Stat> STAT =
      (req, n) -> {
        long[] v = new long[Native.STAT_LONGS];
        Native.fsResultStat(req, v);
        return Stat.of(v);
      };
  private static final Result<String> STRING = (req, n) -> decoded(Native.fsResultString(req));
  private static final Result<String> CREATED_PATH = (req, n) -> decoded(Native.fsResultPath(req));
  private static final Result<List<Dirent>> ENTRIES = (req, n) -> Dirent.listOf(Native.fsResultEntries(req));

  /**
   * One operation: how to start it, what it yields, what its errors name, and what to undo once
   * an asynchronous run has finished ({@code after}, may be null).
   */
  private record Spec<T>(
      String syscall,
      String path,
      String dest,
      Object keep,
      Result<T> result,
      Starter starter,
      Runnable after,
      Orphan orphan) {
    Spec(String syscall, String path, String dest, Object keep, Result<T> result, Starter starter) {
      this(syscall, path, dest, keep, result, starter, null, null);
    }

    Spec(String syscall, String path, String dest, Object keep, Result<T> result, Starter starter, Runnable after) {
      this(syscall, path, dest, keep, result, starter, after, null);
    }

    Spec<T> orphaned(Orphan release) {
      return new Spec<>(syscall, path, dest, keep, result, starter, after, release);
    }
  }

  /** Releases what a finished request produced when no callback will take it. */
  @FunctionalInterface
  private interface Orphan {
    void release(long request, long result);
  }

  private static final Orphan CLOSE_FD =
      (req, fd) -> {
        try {
          closeSync((int) fd);
        } catch (UvException e) {
          // the descriptor is gone either way; nobody is left to tell
        }
      };

  private <T> Cancelable async(Spec<T> spec, Callback<T> callback) {
    Objects.requireNonNull(callback, "callback");
    return start(spec, callback, null);
  }

  /** The Promise form of an operation that has a callback form. */
  private <T> Promise<T> promised(Function<Callback<T>, Cancelable> operation) {
    Promise.Resolver<T> resolver = loop.promise();
    operation.apply((value, error) -> {
      if (error == null) resolver.resolve(value);
      else resolver.reject(error);
    });
    return resolver.promise();
  }

  private <T> Promise<T> promise(Spec<T> spec) {
    Promise.Resolver<T> resolver = loop.promise();
    start(spec, null, resolver);
    return resolver.promise();
  }

  private <T> Op<T> start(Spec<T> spec, Callback<T> callback, Promise.Resolver<T> resolver) {
    long p = loop.checkUsable();
    Op<T> op = new Op<>(loop, spec, callback, resolver, internal);
    ThreadPool.using();
    long rc = spec.starter.start(p, op);
    loop.fileOperationStarted();
    if (rc < 0) {
      op.failure = (int) rc;
      loop.enqueueTick(op);
    } else {
      op.token = rc;
      loop.inFlight(op);
    }
    return op;
  }

  private static <T> T sync(Spec<T> spec) throws UvException {
    long req = spec.starter.start(0, null);
    if (req < 0) throw error(spec, (int) req);
    try {
      long result = Native.fsResult(req);
      if (result < 0) throw error(spec, (int) result);
      return spec.result.read(req, result);
    } finally {
      Native.fsFree(req);
    }
  }

  private static UvException error(Spec<?> spec, int code) {
    return new UvException(code, spec.syscall, spec.path, spec.dest);
  }

  /** One operation in flight; the native request holds it until it completes. */
  private static final class Op<T> extends Peer implements Cancelable, Runnable {
    private final Spec<T> spec;
    private final Callback<T> callback;
    private final Promise.Resolver<T> resolver;
    private final boolean internal;
    /** Names the native request to cancel it; 0 once its completion has started. */
    private long token;
    private boolean cancelled;
    private int failure;

    Op(Loop loop, Spec<T> spec, Callback<T> callback, Promise.Resolver<T> resolver, boolean internal) {
      super(loop);
      this.spec = spec;
      this.callback = callback;
      this.resolver = resolver;
      this.internal = internal;
    }

    @Override
    boolean runsWhenStopped() {
      return internal;
    }

    @Override
    public boolean cancel() {
      loop.checkThread();
      // libuv reports a second cancel of the same request as a success; a close is never
      // cancelled, not even by a closing loop, because its descriptor would leak
      if (cancelled || spec.syscall.equals("close")) return false;
      cancelled = loop.cancelRequest(token);
      return cancelled;
    }

    @Override
    void released() {
      token = 0;
      loop.completed(this);
      if (spec.after != null) spec.after.run();
    }

    @Override
    String describe(int event) {
      return "fs." + spec.syscall + " done";
    }

    /** Nobody will see the result: a descriptor it opened is closed rather than leaked. */
    @Override
    void suppressed(int event, long arg) {
      if (arg >= 0 && spec.orphan != null) spec.orphan.release(loop.completingRequest(), arg);
    }

    @Override
    void onNativeEvent(int event, long arg) throws Exception {
      if (arg < 0) deliver(null, error(spec, (int) arg));
      else deliver(spec.result.read(loop.completingRequest(), arg), null);
    }

    /** An op that could not start reports asynchronously, as a next-tick. */
    @Override
    public void run() {
      try {
        deliver(null, error(spec, failure));
      } catch (Exception e) {
        throw Throwables.sneaky(e);
      }
    }

    private void deliver(T value, UvException error) throws Exception {
      if (resolver != null) {
        if (error == null) resolver.resolve(value);
        else resolver.reject(error);
      } else {
        callback.done(value, error);
      }
    }
  }

  Loop loop() {
    return loop;
  }

  /** A path's string, for the overloads that take a {@link Path}. */
  private static String str(Path path, String what) {
    Objects.requireNonNull(path, what);
    // another file system's path (a zip entry, say) would name an unrelated file here
    if (path.getFileSystem() != FileSystems.getDefault()) {
      throw new IllegalArgumentException(what + " is not on the default file system: " + path);
    }
    return PathCodec.of(path);
  }

  private static byte[] encode(String text, Charset charset) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(charset, "charset");
    return text.getBytes(charset);
  }

  static byte[] bytes(String path, String what) {
    Objects.requireNonNull(path, what);
    if (path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " contains a NUL character: " + path.replace("\0", "\\0"));
    }
    return PathCodec.encode(path, what);
  }

  private static String decoded(byte[] bytes) {
    return bytes == null ? null : PathCodec.decode(bytes);
  }

  private static void checkFd(int fd) {
    if (fd < 0) throw new IllegalArgumentException("file descriptor must be >= 0, got " + fd);
  }

  static void checkMode(int mode) {
    if (mode < 0 || mode > 07777) {
      // octal is how modes are read, but a negative one in octal would hide its sign
      String shown = mode < 0 ? Integer.toString(mode) : "0" + Integer.toOctalString(mode);
      throw new IllegalArgumentException("mode must be 0..07777, got " + shown);
    }
  }

  /** The C side turns a time into whole seconds: a value outside a 64-bit count is undefined there. */
  private static void checkTime(double seconds, String what) {
    if (!(Math.abs(seconds) < 0x1p63)) {
      throw new IllegalArgumentException(what + " must be a finite number of seconds within +-2^63, got " + seconds);
    }
  }

  // --- specs: one per operation -----------------------------------------------------------------

  private static Spec<Integer> openSpec(String path, int flags, int mode) {
    byte[] p = bytes(path, "path");
    checkMode(mode);
    return new Spec<>("open", path, null, null, INT, (l, r) -> Native.fsOpen(l, r, p, flags, mode)).orphaned(CLOSE_FD);
  }

  private static Spec<Void> fileSpec(String syscall, int op, int fd) {
    checkFd(fd);
    return new Spec<>(syscall, null, null, null, VOID, (l, r) -> Native.fsFileOp(l, r, op, fd));
  }

  /** A close refuses a descriptor libuv watches: closing it behind libuv's back aborts the process. */
  private static Spec<Void> closeSpec(int fd) {
    Descriptors.checkClosable(fd);
    return fileSpec("close", 0, fd);
  }

  private static Spec<Stat> fstatSpec(int fd) {
    checkFd(fd);
    return new Spec<>("fstat", null, null, null, STAT, (l, r) -> Native.fsFileOp(l, r, 1, fd));
  }

  private static <T> Spec<T> pathSpec(String syscall, String path, Result<T> result, PathStarter starter) {
    return pathSpec(syscall, "path", path, result, starter);
  }

  /** A single-path operation whose errors name the parameter {@code what}. */
  private static <T> Spec<T> pathSpec(String syscall, String what, String path, Result<T> result, PathStarter starter) {
    byte[] p = bytes(path, what);
    return new Spec<>(syscall, path, null, null, result, (l, r) -> starter.start(l, r, p));
  }

  @FunctionalInterface
  private interface PathStarter {
    long start(long loop, Object request, byte[] path);
  }

  private static Spec<Void> twoPathSpec(String syscall, int op, String path, String dest, int flags) {
    byte[] p = bytes(path, "path");
    byte[] d = bytes(dest, "dest");
    return new Spec<>(syscall, path, dest, null, VOID, (l, r) -> Native.fsTwoPaths(l, r, op, p, d, flags));
  }

  /** Direct buffers for the native side: the caller's when direct, else temporary copies. */
  private static final class IoBuffers {
    final ByteBuffer[] caller;
    final ByteBuffer[] direct;
    final int[] positions;
    final int[] lengths;

    IoBuffers(ByteBuffer[] buffers, boolean reading) {
      Objects.requireNonNull(buffers, "buffers");
      if (buffers.length == 0 || buffers.length > MAX_IOV) {
        throw new IllegalArgumentException("between 1 and " + MAX_IOV + " buffers, got " + buffers.length);
      }
      caller = buffers.clone();
      direct = new ByteBuffer[buffers.length];
      positions = new int[buffers.length];
      lengths = new int[buffers.length];
      for (int i = 0; i < buffers.length; i++) {
        ByteBuffer b = caller[i];
        if (b == null) throw new NullPointerException("buffers[" + i + "] is null");
        if (reading && b.isReadOnly()) throw new IllegalArgumentException("cannot read into a read-only buffer: " + b);
        lengths[i] = b.remaining();
        if (b.isDirect()) {
          direct[i] = b;
          positions[i] = b.position();
        } else {
          direct[i] = ByteBuffer.allocateDirect(b.remaining());
          if (!reading) direct[i].put(b.duplicate()).flip();
        }
      }
    }

    /** After a read of {@code n} bytes: copies them into the caller's heap buffers. */
    int copyBack(long n) {
      long left = n;
      for (int i = 0; i < caller.length && left > 0; i++) {
        int chunk = (int) Math.min(left, lengths[i]);
        if (direct[i] != caller[i]) {
          ByteBuffer into = caller[i].duplicate();
          into.put(direct[i].duplicate().limit(chunk));
        }
        left -= chunk;
      }
      return (int) n;
    }
  }

  /** Platforms answer an offset range past 2^63-1 differently (EINVAL, or 0 bytes): refused alike here. */
  private static void checkRange(long position, IoBuffers io) {
    long total = 0;
    for (int length : io.lengths) total += length;
    if (position > Long.MAX_VALUE - total) {
      throw new IllegalArgumentException(
          "position " + position + " plus " + total + " bytes ends past the largest file offset, 2^63-1");
    }
  }

  private static Spec<Integer> readSpec(int fd, ByteBuffer[] buffers, long position) {
    checkFd(fd);
    if (position < -1) throw new IllegalArgumentException("position must be >= 0, or -1 for the current one; got " + position);
    IoBuffers io = new IoBuffers(buffers, true);
    checkRange(position, io);
    return new Spec<>("read", null, null, io, (req, n) -> io.copyBack(n),
        (l, r) -> Native.fsReadWrite(l, r, false, fd, io.direct, io.positions, io.lengths, io.direct.length, position));
  }

  private static Spec<Integer> writeSpec(int fd, ByteBuffer[] buffers, long position) {
    checkFd(fd);
    if (position < -1) throw new IllegalArgumentException("position must be >= 0, or -1 for the current one; got " + position);
    IoBuffers io = new IoBuffers(buffers, false);
    checkRange(position, io);
    return new Spec<>("write", null, null, io, INT,
        (l, r) -> Native.fsReadWrite(l, r, true, fd, io.direct, io.positions, io.lengths, io.direct.length, position));
  }

  private static Spec<Void> chownSpec(String syscall, int op, String path, int uid, int gid) {
    byte[] p = bytes(path, "path");
    return new Spec<>(syscall, path, null, null, VOID, (l, r) -> Native.fsChown(l, r, op, p, 0, uid, gid));
  }

  private static Spec<Void> fchownSpec(int fd, int uid, int gid) {
    checkFd(fd);
    return new Spec<>("fchown", null, null, null, VOID, (l, r) -> Native.fsChown(l, r, 0, null, fd, uid, gid));
  }

  private static Spec<Void> utimeSpec(String syscall, int op, String path, double atime, double mtime) {
    byte[] p = bytes(path, "path");
    checkTime(atime, "atime");
    checkTime(mtime, "mtime");
    return new Spec<>(syscall, path, null, null, VOID, (l, r) -> Native.fsUtime(l, r, op, p, 0, atime, mtime));
  }

  private static Spec<Void> futimeSpec(int fd, double atime, double mtime) {
    checkFd(fd);
    checkTime(atime, "atime");
    checkTime(mtime, "mtime");
    return new Spec<>("futime", null, null, null, VOID, (l, r) -> Native.fsUtime(l, r, 0, null, fd, atime, mtime));
  }

  private static Spec<Dir> opendirSpec(String path) {
    byte[] p = bytes(path, "path");
    return new Spec<Dir>("opendir", path, null, null, (req, n) -> new Dir(Native.fsResultDir(req), path),
            (l, r) -> Native.fsOpendir(l, r, p))
        .orphaned(
            (req, n) -> {
              try {
                closedirSync(new Dir(Native.fsResultDir(req), path));
              } catch (UvException e) {
                // the directory stream is gone either way; nobody is left to tell
              }
            });
  }

  private static Spec<List<Dirent>> readdirSpec(Dir dir, int entries) {
    Objects.requireNonNull(dir, "dir");
    if (entries < 1) throw new IllegalArgumentException("entries must be >= 1, got " + entries);
    return new Spec<>("readdir", dir.path(), null, dir, ENTRIES,
        (l, r) -> {
          long d = dir.acquire("readdir");
          long rc = Native.fsDirOp(l, r, d, entries);
          // a sync call has finished here; an async one that did not start is not reading
          if (r == null || rc < 0) dir.release(false);
          return rc;
        },
        () -> dir.release(false));
  }

  private static Spec<Void> closedirSpec(Dir dir) {
    Objects.requireNonNull(dir, "dir");
    return new Spec<>("closedir", dir.path(), null, dir, VOID,
        (l, r) -> {
          long d = dir.acquire("closedir");
          long rc = Native.fsDirOp(l, r, d, 0);
          // libuv frees the directory whether or not closing succeeds
          dir.release(rc >= 0 || r == null);
          return rc;
        });
  }

  private static Spec<Long> sendfileSpec(int out, int in, long offset, long length) {
    checkFd(out);
    checkFd(in);
    if (offset < 0) throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    if (length < 0) throw new IllegalArgumentException("length must be >= 0, got " + length);
    return new Spec<>("sendfile", null, null, null, LONG, (l, r) -> Native.fsSendfile(l, r, out, in, offset, length));
  }

  // --- operations: callback, Promise and sync forms ----------------------------------------------

  /**
   * Opens a file.
   *
   * @param path the file to open, or to create with {@link #O_CREAT}
   * @param flags {@code O_*} flags, such as {@code O_RDONLY} or {@code O_WRONLY | O_CREAT | O_TRUNC}
   * @param mode permission bits for a created file, such as {@code 0644}
   * @param callback told on the loop thread of the new file descriptor, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable open(String path, int flags, int mode, Callback<Integer> callback) {
    return async(openSpec(path, flags, mode), callback);
  }

  /**
   * Same as {@link #open(String, int, int, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to open, or to create with {@link #O_CREAT}
   * @param flags {@code O_*} flags, such as {@code O_RDONLY} or {@code O_WRONLY | O_CREAT | O_TRUNC}
   * @param mode permission bits for a created file, such as {@code 0644}
   * @param callback told on the loop thread of the new file descriptor, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable open(Path path, int flags, int mode, Callback<Integer> callback) {
    return open(str(path, "path"), flags, mode, callback);
  }

  /**
   * Opens a file.
   *
   * @param path the file to open, or to create with {@link #O_CREAT}
   * @param flags {@code O_*} flags, such as {@code O_RDONLY} or {@code O_WRONLY | O_CREAT | O_TRUNC}
   * @param mode permission bits for a created file, such as {@code 0644}
   * @return fulfilled with the file descriptor, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Integer> open(String path, int flags, int mode) {
    return promise(openSpec(path, flags, mode));
  }

  /**
   * Same as {@link #open(String, int, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to open, or to create with {@link #O_CREAT}
   * @param flags {@code O_*} flags, such as {@code O_RDONLY} or {@code O_WRONLY | O_CREAT | O_TRUNC}
   * @param mode permission bits for a created file, such as {@code 0644}
   * @return fulfilled with the file descriptor, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Integer> open(Path path, int flags, int mode) {
    return open(str(path, "path"), flags, mode);
  }

  /**
   * Opens a file.
   * Runs at once on the calling thread.
   *
   * @param path the file to open, or to create with {@link #O_CREAT}
   * @param flags {@code O_*} flags, such as {@code O_RDONLY} or {@code O_WRONLY | O_CREAT | O_TRUNC}
   * @param mode permission bits for a created file, such as {@code 0644}
   * @return the file descriptor
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static int openSync(String path, int flags, int mode) throws UvException {
    return sync(openSpec(path, flags, mode));
  }

  /**
   * Same as {@link #openSync(String, int, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to open, or to create with {@link #O_CREAT}
   * @param flags {@code O_*} flags, such as {@code O_RDONLY} or {@code O_WRONLY | O_CREAT | O_TRUNC}
   * @param mode permission bits for a created file, such as {@code 0644}
   * @return the file descriptor
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static int openSync(Path path, int flags, int mode) throws UvException {
    return openSync(str(path, "path"), flags, mode);
  }

  /**
   * Closes a file descriptor. A close is never cancelled: its descriptor would leak.
   *
   * @param fd the descriptor to close; it must not belong to a uv4j handle or loop
   * @param callback told on the loop thread once the descriptor is closed, or of the error
   * @return a handle whose {@code cancel()} always returns false
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws IllegalStateException if a uv4j handle or loop owns {@code fd} or a poll watches it
   *     (the message names it)
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable close(int fd, Callback<Void> callback) {
    return async(closeSpec(fd), callback);
  }

  /**
   * Closes a file descriptor.
   *
   * @param fd the descriptor to close; it must not belong to a uv4j handle or loop
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws IllegalStateException if a uv4j handle or loop owns {@code fd} or a poll watches it
   *     (the message names it)
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> close(int fd) {
    return promise(closeSpec(fd));
  }

  /**
   * Closes a file descriptor.
   * Runs at once on the calling thread.
   *
   * @param fd the descriptor to close; it must not belong to a uv4j handle or loop
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws IllegalStateException if a uv4j handle or loop owns {@code fd} or a poll watches it
   *     (the message names it)
   */
  public static void closeSync(int fd) throws UvException {
    sync(closeSpec(fd));
  }

  /**
   * Reads into {@code buffers} (between position and limit, in order) from {@code position}, or from the current file position when it is -1.
   *
   * @param fd the open file to read from
   * @param buffers 1 to 64 buffers, filled in order, each between its position and limit
   * @param position the file offset to read from, or -1 to read from the current file position and
   *     move it on
   * @param callback told on the loop thread of the number of bytes read (0 at the end of the file),
   *     or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a buffer is read-only, there are no or more than 64 buffers, {@code fd} is negative or {@code position} is below -1 or so
   *     large that the bytes would end past 2^63-1
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable read(int fd, ByteBuffer[] buffers, long position, Callback<Integer> callback) {
    return async(readSpec(fd, buffers, position), callback);
  }

  /**
   * Reads into {@code buffers} (between position and limit, in order) from {@code position}, or from the current file position when it is -1.
   *
   * @param fd the open file to read from
   * @param buffers 1 to 64 buffers, filled in order, each between its position and limit
   * @param position the file offset to read from, or -1 to read from the current file position and
   *     move it on
   * @return fulfilled with the number of bytes read; 0 at the end of the file, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a buffer is read-only, there are no or more than 64 buffers, {@code fd} is negative or {@code position} is below -1 or so
   *     large that the bytes would end past 2^63-1
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Integer> read(int fd, ByteBuffer[] buffers, long position) {
    return promise(readSpec(fd, buffers, position));
  }

  /**
   * Reads into {@code buffers} (between position and limit, in order) from {@code position}, or from the current file position when it is -1.
   * Runs at once on the calling thread.
   *
   * @param fd the open file to read from
   * @param buffers 1 to 64 buffers, filled in order, each between its position and limit
   * @param position the file offset to read from, or -1 to read from the current file position and
   *     move it on
   * @return the number of bytes read; 0 at the end of the file
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a buffer is read-only, there are no or more than 64 buffers, {@code fd} is negative or {@code position} is below -1 or so
   *     large that the bytes would end past 2^63-1
   */
  public static int readSync(int fd, ByteBuffer[] buffers, long position) throws UvException {
    return sync(readSpec(fd, buffers, position));
  }

  /**
   * Writes {@code buffers} (between position and limit, in order) at {@code position}, or at the current file position when it is -1.
   *
   * @param fd the open file to write to
   * @param buffers 1 to 64 buffers, written in order, each between its position and limit
   * @param position the file offset to write at, or -1 to write at the current file position and
   *     move it on
   * @param callback told on the loop thread of the number of bytes written, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if there are no or more than 64 buffers, {@code fd} is negative or {@code position} is below -1 or so
   *     large that the bytes would end past 2^63-1
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable write(int fd, ByteBuffer[] buffers, long position, Callback<Integer> callback) {
    return async(writeSpec(fd, buffers, position), callback);
  }

  /**
   * Writes {@code buffers} (between position and limit, in order) at {@code position}, or at the current file position when it is -1.
   *
   * @param fd the open file to write to
   * @param buffers 1 to 64 buffers, written in order, each between its position and limit
   * @param position the file offset to write at, or -1 to write at the current file position and
   *     move it on
   * @return fulfilled with the number of bytes written, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if there are no or more than 64 buffers, {@code fd} is negative or {@code position} is below -1 or so
   *     large that the bytes would end past 2^63-1
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Integer> write(int fd, ByteBuffer[] buffers, long position) {
    return promise(writeSpec(fd, buffers, position));
  }

  /**
   * Writes {@code buffers} (between position and limit, in order) at {@code position}, or at the current file position when it is -1.
   * Runs at once on the calling thread.
   *
   * @param fd the open file to write to
   * @param buffers 1 to 64 buffers, written in order, each between its position and limit
   * @param position the file offset to write at, or -1 to write at the current file position and
   *     move it on
   * @return the number of bytes written
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if there are no or more than 64 buffers, {@code fd} is negative or {@code position} is below -1 or so
   *     large that the bytes would end past 2^63-1
   */
  public static int writeSync(int fd, ByteBuffer[] buffers, long position) throws UvException {
    return sync(writeSpec(fd, buffers, position));
  }

  /**
   * Reads into one buffer; same as {@link #read(int, ByteBuffer[], long, Callback)} with {@code
   * new ByteBuffer[] {buffer}}.
   *
   * @param fd the open file to read from
   * @param buffer the buffer to fill between its position and limit
   * @param position the file offset to read from, or -1 to read from the current file position and
   *     move it on
   * @param callback told on the loop thread of the number of bytes read (0 at the end of the file),
   *     or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the buffer is read-only, {@code fd} is negative or {@code
   *     position} is below -1 or so
   *     large that the bytes would end past 2^63-1
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable read(int fd, ByteBuffer buffer, long position, Callback<Integer> callback) {
    return read(fd, one(buffer), position, callback);
  }

  /**
   * Reads into one buffer; same as {@link #read(int, ByteBuffer[], long)} with one buffer.
   *
   * @param fd the open file to read from
   * @param buffer the buffer to fill between its position and limit
   * @param position the file offset to read from, or -1 to read from the current file position and
   *     move it on
   * @return fulfilled with the number of bytes read (0 at the end of the file), rejected with a
   *     {@link UvException}
   * @throws NullPointerException if {@code buffer} is null
   * @throws IllegalArgumentException if the buffer is read-only, {@code fd} is negative or {@code
   *     position} is below -1 or so
   *     large that the bytes would end past 2^63-1
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Integer> read(int fd, ByteBuffer buffer, long position) {
    return read(fd, one(buffer), position);
  }

  /**
   * Reads into one buffer at once on the calling thread; same as {@link #readSync(int,
   * ByteBuffer[], long)} with one buffer.
   *
   * @param fd the open file to read from
   * @param buffer the buffer to fill between its position and limit
   * @param position the file offset to read from, or -1 to read from the current file position and
   *     move it on
   * @return the number of bytes read; 0 at the end of the file
   * @throws UvException if the operation fails
   * @throws NullPointerException if {@code buffer} is null
   * @throws IllegalArgumentException if the buffer is read-only, {@code fd} is negative or {@code
   *     position} is below -1 or so
   *     large that the bytes would end past 2^63-1
   */
  public static int readSync(int fd, ByteBuffer buffer, long position) throws UvException {
    return readSync(fd, one(buffer), position);
  }

  /**
   * Writes one buffer; same as {@link #write(int, ByteBuffer[], long, Callback)} with one buffer.
   *
   * @param fd the open file to write to
   * @param buffer the buffer to write, between its position and limit
   * @param position the file offset to write at, or -1 to write at the current file position and
   *     move it on
   * @param callback told on the loop thread of the number of bytes written, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative or {@code position} is below -1 or so
   *     large that the bytes would end past 2^63-1
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable write(int fd, ByteBuffer buffer, long position, Callback<Integer> callback) {
    return write(fd, one(buffer), position, callback);
  }

  /**
   * Writes one buffer; same as {@link #write(int, ByteBuffer[], long)} with one buffer.
   *
   * @param fd the open file to write to
   * @param buffer the buffer to write, between its position and limit
   * @param position the file offset to write at, or -1 to write at the current file position and
   *     move it on
   * @return fulfilled with the number of bytes written, rejected with a {@link UvException}
   * @throws NullPointerException if {@code buffer} is null
   * @throws IllegalArgumentException if {@code fd} is negative or {@code position} is below -1 or so
   *     large that the bytes would end past 2^63-1
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Integer> write(int fd, ByteBuffer buffer, long position) {
    return write(fd, one(buffer), position);
  }

  /**
   * Writes one buffer at once on the calling thread; same as {@link #writeSync(int,
   * ByteBuffer[], long)} with one buffer.
   *
   * @param fd the open file to write to
   * @param buffer the buffer to write, between its position and limit
   * @param position the file offset to write at, or -1 to write at the current file position and
   *     move it on
   * @return the number of bytes written
   * @throws UvException if the operation fails
   * @throws NullPointerException if {@code buffer} is null
   * @throws IllegalArgumentException if {@code fd} is negative or {@code position} is below -1 or so
   *     large that the bytes would end past 2^63-1
   */
  public static int writeSync(int fd, ByteBuffer buffer, long position) throws UvException {
    return writeSync(fd, one(buffer), position);
  }

  private static ByteBuffer[] one(ByteBuffer buffer) {
    return new ByteBuffer[] {Objects.requireNonNull(buffer, "buffer")};
  }

  /**
   * Removes a file.
   *
   * @param path the file to remove; a symbolic link is removed itself, not its target
   * @param callback told on the loop thread once the file is removed, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable unlink(String path, Callback<Void> callback) {
    return async(pathSpec("unlink", path, VOID, Native::fsUnlink), callback);
  }

  /**
   * Same as {@link #unlink(String, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to remove; a symbolic link is removed itself, not its target
   * @param callback told on the loop thread once the file is removed, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable unlink(Path path, Callback<Void> callback) {
    return unlink(str(path, "path"), callback);
  }

  /**
   * Removes a file.
   *
   * @param path the file to remove; a symbolic link is removed itself, not its target
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> unlink(String path) {
    return promise(pathSpec("unlink", path, VOID, Native::fsUnlink));
  }

  /**
   * Same as {@link #unlink(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to remove; a symbolic link is removed itself, not its target
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> unlink(Path path) {
    return unlink(str(path, "path"));
  }

  /**
   * Removes a file.
   * Runs at once on the calling thread.
   *
   * @param path the file to remove; a symbolic link is removed itself, not its target
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void unlinkSync(String path) throws UvException {
    sync(pathSpec("unlink", path, VOID, Native::fsUnlink));
  }

  /**
   * Same as {@link #unlinkSync(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to remove; a symbolic link is removed itself, not its target
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void unlinkSync(Path path) throws UvException {
    unlinkSync(str(path, "path"));
  }

  /**
   * Makes a directory.
   *
   * @param path the directory to make; its parent must exist
   * @param mode permission bits, such as {@code 0755}
   * @param callback told on the loop thread once the directory is made, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable mkdir(String path, int mode, Callback<Void> callback) {
    return async(mkdirSpec(path, mode), callback);
  }

  /**
   * Same as {@link #mkdir(String, int, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the directory to make; its parent must exist
   * @param mode permission bits, such as {@code 0755}
   * @param callback told on the loop thread once the directory is made, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable mkdir(Path path, int mode, Callback<Void> callback) {
    return mkdir(str(path, "path"), mode, callback);
  }

  /**
   * Makes a directory.
   *
   * @param path the directory to make; its parent must exist
   * @param mode permission bits, such as {@code 0755}
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> mkdir(String path, int mode) {
    return promise(mkdirSpec(path, mode));
  }

  /**
   * Same as {@link #mkdir(String, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the directory to make; its parent must exist
   * @param mode permission bits, such as {@code 0755}
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> mkdir(Path path, int mode) {
    return mkdir(str(path, "path"), mode);
  }

  /**
   * Makes a directory.
   * Runs at once on the calling thread.
   *
   * @param path the directory to make; its parent must exist
   * @param mode permission bits, such as {@code 0755}
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void mkdirSync(String path, int mode) throws UvException {
    sync(mkdirSpec(path, mode));
  }

  /**
   * Same as {@link #mkdirSync(String, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the directory to make; its parent must exist
   * @param mode permission bits, such as {@code 0755}
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void mkdirSync(Path path, int mode) throws UvException {
    mkdirSync(str(path, "path"), mode);
  }

  /**
   * Makes a uniquely named directory from {@code template}, which must end in {@code XXXXXX}.
   *
   * @param template the new directory's path, ending in {@code XXXXXX}, which is replaced to make
   *     the name unique
   * @param callback told on the loop thread of the new directory's path, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code template} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable mkdtemp(String template, Callback<String> callback) {
    return async(mkdtempSpec(template), callback);
  }

  /**
   * Same as {@link #mkdtemp(String, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param template the new directory's path, ending in {@code XXXXXX}, which is replaced to make
   *     the name unique
   * @param callback told on the loop thread of the new directory's path, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code template} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable mkdtemp(Path template, Callback<String> callback) {
    return mkdtemp(str(template, "template"), callback);
  }

  /**
   * Makes a uniquely named directory from {@code template}, which must end in {@code XXXXXX}.
   *
   * @param template the new directory's path, ending in {@code XXXXXX}, which is replaced to make
   *     the name unique
   * @return fulfilled with the directory's path, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code template} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<String> mkdtemp(String template) {
    return promise(mkdtempSpec(template));
  }

  /**
   * Same as {@link #mkdtemp(String)} for a {@link java.nio.file.Path}.
   *
   * @param template the new directory's path, ending in {@code XXXXXX}, which is replaced to make
   *     the name unique
   * @return fulfilled with the directory's path, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code template} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<String> mkdtemp(Path template) {
    return mkdtemp(str(template, "template"));
  }

  /**
   * Makes a uniquely named directory from {@code template}, which must end in {@code XXXXXX}.
   * Runs at once on the calling thread.
   *
   * @param template the new directory's path, ending in {@code XXXXXX}, which is replaced to make
   *     the name unique
   * @return the directory's path
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code template} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static String mkdtempSync(String template) throws UvException {
    return sync(mkdtempSpec(template));
  }

  /**
   * Same as {@link #mkdtempSync(String)} for a {@link java.nio.file.Path}.
   *
   * @param template the new directory's path, ending in {@code XXXXXX}, which is replaced to make
   *     the name unique
   * @return the directory's path
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code template} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static String mkdtempSync(Path template) throws UvException {
    return mkdtempSync(str(template, "template"));
  }

  /**
   * Makes and opens a uniquely named file from {@code template}, which must end in {@code XXXXXX}.
   *
   * @param template the new file's path, ending in {@code XXXXXX}, which is replaced to make the
   *     name unique
   * @param callback told on the loop thread of the open descriptor and the file's path, or of the
   *     error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code template} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable mkstemp(String template, Callback<TempFile> callback) {
    return async(mkstempSpec(template), callback);
  }

  /**
   * Same as {@link #mkstemp(String, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param template the new file's path, ending in {@code XXXXXX}, which is replaced to make the
   *     name unique
   * @param callback told on the loop thread of the open descriptor and the file's path, or of the
   *     error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code template} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable mkstemp(Path template, Callback<TempFile> callback) {
    return mkstemp(str(template, "template"), callback);
  }

  /**
   * Makes and opens a uniquely named file from {@code template}, which must end in {@code XXXXXX}.
   *
   * @param template the new file's path, ending in {@code XXXXXX}, which is replaced to make the
   *     name unique
   * @return fulfilled with the open descriptor and the file's path, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code template} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<TempFile> mkstemp(String template) {
    return promise(mkstempSpec(template));
  }

  /**
   * Same as {@link #mkstemp(String)} for a {@link java.nio.file.Path}.
   *
   * @param template the new file's path, ending in {@code XXXXXX}, which is replaced to make the
   *     name unique
   * @return fulfilled with the open descriptor and the file's path, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code template} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<TempFile> mkstemp(Path template) {
    return mkstemp(str(template, "template"));
  }

  /**
   * Makes and opens a uniquely named file from {@code template}, which must end in {@code XXXXXX}.
   * Runs at once on the calling thread.
   *
   * @param template the new file's path, ending in {@code XXXXXX}, which is replaced to make the
   *     name unique
   * @return the open descriptor and the file's path
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code template} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static TempFile mkstempSync(String template) throws UvException {
    return sync(mkstempSpec(template));
  }

  /**
   * Same as {@link #mkstempSync(String)} for a {@link java.nio.file.Path}.
   *
   * @param template the new file's path, ending in {@code XXXXXX}, which is replaced to make the
   *     name unique
   * @return the open descriptor and the file's path
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code template} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static TempFile mkstempSync(Path template) throws UvException {
    return mkstempSync(str(template, "template"));
  }

  /**
   * Removes an empty directory.
   *
   * @param path the directory to remove, which must be empty
   * @param callback told on the loop thread once the directory is removed, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable rmdir(String path, Callback<Void> callback) {
    return async(pathSpec("rmdir", path, VOID, Native::fsRmdir), callback);
  }

  /**
   * Same as {@link #rmdir(String, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the directory to remove, which must be empty
   * @param callback told on the loop thread once the directory is removed, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable rmdir(Path path, Callback<Void> callback) {
    return rmdir(str(path, "path"), callback);
  }

  /**
   * Removes an empty directory.
   *
   * @param path the directory to remove, which must be empty
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> rmdir(String path) {
    return promise(pathSpec("rmdir", path, VOID, Native::fsRmdir));
  }

  /**
   * Same as {@link #rmdir(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the directory to remove, which must be empty
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> rmdir(Path path) {
    return rmdir(str(path, "path"));
  }

  /**
   * Removes an empty directory.
   * Runs at once on the calling thread.
   *
   * @param path the directory to remove, which must be empty
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void rmdirSync(String path) throws UvException {
    sync(pathSpec("rmdir", path, VOID, Native::fsRmdir));
  }

  /**
   * Same as {@link #rmdirSync(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the directory to remove, which must be empty
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void rmdirSync(Path path) throws UvException {
    rmdirSync(str(path, "path"));
  }

  /**
   * Opens a directory for reading in batches with {@code readdir}.
   *
   * @param path the directory to open
   * @param callback told on the loop thread of the open directory, to be closed with {@code
   *     closedir}, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable opendir(String path, Callback<Dir> callback) {
    return async(opendirSpec(path), callback);
  }

  /**
   * Same as {@link #opendir(String, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the directory to open
   * @param callback told on the loop thread of the open directory, to be closed with {@code
   *     closedir}, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable opendir(Path path, Callback<Dir> callback) {
    return opendir(str(path, "path"), callback);
  }

  /**
   * Opens a directory for reading in batches with {@code readdir}.
   *
   * @param path the directory to open
   * @return fulfilled with the open directory, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Dir> opendir(String path) {
    return promise(opendirSpec(path));
  }

  /**
   * Same as {@link #opendir(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the directory to open
   * @return fulfilled with the open directory, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Dir> opendir(Path path) {
    return opendir(str(path, "path"));
  }

  /**
   * Opens a directory for reading in batches with {@code readdir}.
   * Runs at once on the calling thread.
   *
   * @param path the directory to open
   * @return the open directory
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static Dir opendirSync(String path) throws UvException {
    return sync(opendirSpec(path));
  }

  /**
   * Same as {@link #opendirSync(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the directory to open
   * @return the open directory
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static Dir opendirSync(Path path) throws UvException {
    return opendirSync(str(path, "path"));
  }

  /**
   * Reads the next entries of an open directory, at most {@code entries} of them.
   *
   * @param dir a directory from {@code opendir}, with no other {@code readdir} or {@code closedir}
   *     in progress
   * @param entries the most entries to return at once, at least 1
   * @param callback told on the loop thread of the next entries (an empty list at the end), or of
   *     the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code entries} is below 1
   * @throws IllegalStateException if the directory is closed or busy
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable readdir(Dir dir, int entries, Callback<List<Dirent>> callback) {
    return async(readdirSpec(dir, entries), callback);
  }

  /**
   * Reads the next entries of an open directory, at most {@code entries} of them.
   *
   * @param dir a directory from {@code opendir}, with no other {@code readdir} or {@code closedir}
   *     in progress
   * @param entries the most entries to return at once, at least 1
   * @return fulfilled with the entries; empty at the end (no {@code .} or {@code ..}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code entries} is below 1
   * @throws IllegalStateException if the directory is closed or busy
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<List<Dirent>> readdir(Dir dir, int entries) {
    return promise(readdirSpec(dir, entries));
  }

  /**
   * Reads the next entries of an open directory, at most {@code entries} of them.
   * Runs at once on the calling thread.
   *
   * @param dir a directory from {@code opendir}, with no other {@code readdir} or {@code closedir}
   *     in progress
   * @param entries the most entries to return at once, at least 1
   * @return the entries; empty at the end (no {@code .} or {@code ..})
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code entries} is below 1
   * @throws IllegalStateException if the directory is closed or busy
   */
  public static List<Dirent> readdirSync(Dir dir, int entries) throws UvException {
    return sync(readdirSpec(dir, entries));
  }

  /**
   * Closes a directory opened with {@code opendir}.
   *
   * @param dir a directory from {@code opendir}, with no {@code readdir} in progress
   * @param callback told on the loop thread once the directory is closed, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the directory is closed or busy
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable closedir(Dir dir, Callback<Void> callback) {
    return async(closedirSpec(dir), callback);
  }

  /**
   * Closes a directory opened with {@code opendir}.
   *
   * @param dir a directory from {@code opendir}, with no {@code readdir} in progress
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the directory is closed or busy
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> closedir(Dir dir) {
    return promise(closedirSpec(dir));
  }

  /**
   * Closes a directory opened with {@code opendir}.
   * Runs at once on the calling thread.
   *
   * @param dir a directory from {@code opendir}, with no {@code readdir} in progress
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the directory is closed or busy
   */
  public static void closedirSync(Dir dir) throws UvException {
    sync(closedirSpec(dir));
  }

  /**
   * Lists a directory.
   *
   * @param path the directory to list
   * @param callback told on the loop thread of the directory's entries, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable scandir(String path, Callback<List<Dirent>> callback) {
    return async(pathSpec("scandir", path, ENTRIES, Native::fsScandir), callback);
  }

  /**
   * Same as {@link #scandir(String, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the directory to list
   * @param callback told on the loop thread of the directory's entries, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable scandir(Path path, Callback<List<Dirent>> callback) {
    return scandir(str(path, "path"), callback);
  }

  /**
   * Lists a directory.
   *
   * @param path the directory to list
   * @return fulfilled with the entries, without {@code .} and {@code ..}, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<List<Dirent>> scandir(String path) {
    return promise(pathSpec("scandir", path, ENTRIES, Native::fsScandir));
  }

  /**
   * Same as {@link #scandir(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the directory to list
   * @return fulfilled with the entries, without {@code .} and {@code ..}, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<List<Dirent>> scandir(Path path) {
    return scandir(str(path, "path"));
  }

  /**
   * Lists a directory.
   * Runs at once on the calling thread.
   *
   * @param path the directory to list
   * @return the entries, without {@code .} and {@code ..}
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static List<Dirent> scandirSync(String path) throws UvException {
    return sync(pathSpec("scandir", path, ENTRIES, Native::fsScandir));
  }

  /**
   * Same as {@link #scandirSync(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the directory to list
   * @return the entries, without {@code .} and {@code ..}
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static List<Dirent> scandirSync(Path path) throws UvException {
    return scandirSync(str(path, "path"));
  }

  /**
   * The status of a file, following symbolic links.
   *
   * @param path the file to describe; a symbolic link is followed
   * @param callback told on the loop thread of the file's status, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable stat(String path, Callback<Stat> callback) {
    return async(pathSpec("stat", path, STAT, Native::fsStat), callback);
  }

  /**
   * Same as {@link #stat(String, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to describe; a symbolic link is followed
   * @param callback told on the loop thread of the file's status, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable stat(Path path, Callback<Stat> callback) {
    return stat(str(path, "path"), callback);
  }

  /**
   * The status of a file, following symbolic links.
   *
   * @param path the file to describe; a symbolic link is followed
   * @return fulfilled with the status, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Stat> stat(String path) {
    return promise(pathSpec("stat", path, STAT, Native::fsStat));
  }

  /**
   * Same as {@link #stat(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to describe; a symbolic link is followed
   * @return fulfilled with the status, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Stat> stat(Path path) {
    return stat(str(path, "path"));
  }

  /**
   * The status of a file, following symbolic links.
   * Runs at once on the calling thread.
   *
   * @param path the file to describe; a symbolic link is followed
   * @return the status
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static Stat statSync(String path) throws UvException {
    return sync(pathSpec("stat", path, STAT, Native::fsStat));
  }

  /**
   * Same as {@link #statSync(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to describe; a symbolic link is followed
   * @return the status
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static Stat statSync(Path path) throws UvException {
    return statSync(str(path, "path"));
  }

  /**
   * The status of an open file.
   *
   * @param fd the open file to describe
   * @param callback told on the loop thread of the file's status, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable fstat(int fd, Callback<Stat> callback) {
    return async(fstatSpec(fd), callback);
  }

  /**
   * The status of an open file.
   *
   * @param fd the open file to describe
   * @return fulfilled with the status, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Stat> fstat(int fd) {
    return promise(fstatSpec(fd));
  }

  /**
   * The status of an open file.
   * Runs at once on the calling thread.
   *
   * @param fd the open file to describe
   * @return the status
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative
   */
  public static Stat fstatSync(int fd) throws UvException {
    return sync(fstatSpec(fd));
  }

  /**
   * The status of a file, not following a final symbolic link.
   *
   * @param path the file to describe; a symbolic link is described itself
   * @param callback told on the loop thread of the file's status, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable lstat(String path, Callback<Stat> callback) {
    return async(pathSpec("lstat", path, STAT, Native::fsLstat), callback);
  }

  /**
   * Same as {@link #lstat(String, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to describe; a symbolic link is described itself
   * @param callback told on the loop thread of the file's status, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable lstat(Path path, Callback<Stat> callback) {
    return lstat(str(path, "path"), callback);
  }

  /**
   * The status of a file, not following a final symbolic link.
   *
   * @param path the file to describe; a symbolic link is described itself
   * @return fulfilled with the status, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Stat> lstat(String path) {
    return promise(pathSpec("lstat", path, STAT, Native::fsLstat));
  }

  /**
   * Same as {@link #lstat(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to describe; a symbolic link is described itself
   * @return fulfilled with the status, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Stat> lstat(Path path) {
    return lstat(str(path, "path"));
  }

  /**
   * The status of a file, not following a final symbolic link.
   * Runs at once on the calling thread.
   *
   * @param path the file to describe; a symbolic link is described itself
   * @return the status
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static Stat lstatSync(String path) throws UvException {
    return sync(pathSpec("lstat", path, STAT, Native::fsLstat));
  }

  /**
   * Same as {@link #lstatSync(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to describe; a symbolic link is described itself
   * @return the status
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static Stat lstatSync(Path path) throws UvException {
    return lstatSync(str(path, "path"));
  }

  /**
   * The status of the file system holding {@code path}.
   *
   * @param path any file on the file system to describe
   * @param callback told on the loop thread of the file system's status, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable statfs(String path, Callback<StatFs> callback) {
    return async(pathSpec("statfs", path, STATFS, Native::fsStatfs), callback);
  }

  /**
   * Same as {@link #statfs(String, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path any file on the file system to describe
   * @param callback told on the loop thread of the file system's status, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable statfs(Path path, Callback<StatFs> callback) {
    return statfs(str(path, "path"), callback);
  }

  /**
   * The status of the file system holding {@code path}.
   *
   * @param path any file on the file system to describe
   * @return fulfilled with the file system's status, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<StatFs> statfs(String path) {
    return promise(pathSpec("statfs", path, STATFS, Native::fsStatfs));
  }

  /**
   * Same as {@link #statfs(String)} for a {@link java.nio.file.Path}.
   *
   * @param path any file on the file system to describe
   * @return fulfilled with the file system's status, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<StatFs> statfs(Path path) {
    return statfs(str(path, "path"));
  }

  /**
   * The status of the file system holding {@code path}.
   * Runs at once on the calling thread.
   *
   * @param path any file on the file system to describe
   * @return the file system's status
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static StatFs statfsSync(String path) throws UvException {
    return sync(pathSpec("statfs", path, STATFS, Native::fsStatfs));
  }

  /**
   * Same as {@link #statfsSync(String)} for a {@link java.nio.file.Path}.
   *
   * @param path any file on the file system to describe
   * @return the file system's status
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static StatFs statfsSync(Path path) throws UvException {
    return statfsSync(str(path, "path"));
  }

  /**
   * Renames {@code path} to {@code dest}, replacing a file there.
   *
   * @param path the file or directory to rename
   * @param dest its new path; a file already there is replaced
   * @param callback told on the loop thread once the rename is done, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable rename(String path, String dest, Callback<Void> callback) {
    return async(twoPathSpec("rename", 0, path, dest, 0), callback);
  }

  /**
   * Same as {@link #rename(String, String, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file or directory to rename
   * @param dest its new path; a file already there is replaced
   * @param callback told on the loop thread once the rename is done, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable rename(Path path, Path dest, Callback<Void> callback) {
    return rename(str(path, "path"), str(dest, "dest"), callback);
  }

  /**
   * Renames {@code path} to {@code dest}, replacing a file there.
   *
   * @param path the file or directory to rename
   * @param dest its new path; a file already there is replaced
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> rename(String path, String dest) {
    return promise(twoPathSpec("rename", 0, path, dest, 0));
  }

  /**
   * Same as {@link #rename(String, String)} for a {@link java.nio.file.Path}.
   *
   * @param path the file or directory to rename
   * @param dest its new path; a file already there is replaced
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> rename(Path path, Path dest) {
    return rename(str(path, "path"), str(dest, "dest"));
  }

  /**
   * Renames {@code path} to {@code dest}, replacing a file there.
   * Runs at once on the calling thread.
   *
   * @param path the file or directory to rename
   * @param dest its new path; a file already there is replaced
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void renameSync(String path, String dest) throws UvException {
    sync(twoPathSpec("rename", 0, path, dest, 0));
  }

  /**
   * Same as {@link #renameSync(String, String)} for a {@link java.nio.file.Path}.
   *
   * @param path the file or directory to rename
   * @param dest its new path; a file already there is replaced
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void renameSync(Path path, Path dest) throws UvException {
    renameSync(str(path, "path"), str(dest, "dest"));
  }

  /**
   * Flushes a file's data and metadata to the disk.
   *
   * @param fd the open file to flush
   * @param callback told on the loop thread once the file's data and metadata are on the disk, or
   *     of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable fsync(int fd, Callback<Void> callback) {
    return async(fileSpec("fsync", 2, fd), callback);
  }

  /**
   * Flushes a file's data and metadata to the disk.
   *
   * @param fd the open file to flush
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> fsync(int fd) {
    return promise(fileSpec("fsync", 2, fd));
  }

  /**
   * Flushes a file's data and metadata to the disk.
   * Runs at once on the calling thread.
   *
   * @param fd the open file to flush
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative
   */
  public static void fsyncSync(int fd) throws UvException {
    sync(fileSpec("fsync", 2, fd));
  }

  /**
   * Flushes a file's data to the disk.
   *
   * @param fd the open file to flush
   * @param callback told on the loop thread once the file's data are on the disk, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable fdatasync(int fd, Callback<Void> callback) {
    return async(fileSpec("fdatasync", 3, fd), callback);
  }

  /**
   * Flushes a file's data to the disk.
   *
   * @param fd the open file to flush
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> fdatasync(int fd) {
    return promise(fileSpec("fdatasync", 3, fd));
  }

  /**
   * Flushes a file's data to the disk.
   * Runs at once on the calling thread.
   *
   * @param fd the open file to flush
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative
   */
  public static void fdatasyncSync(int fd) throws UvException {
    sync(fileSpec("fdatasync", 3, fd));
  }

  /**
   * Truncates or extends an open file to {@code length} bytes.
   *
   * @param fd the file to resize, open for writing
   * @param length its new size in bytes; bytes added past the old end read as zeros
   * @param callback told on the loop thread once the file is resized, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} or {@code length} is negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable ftruncate(int fd, long length, Callback<Void> callback) {
    return async(ftruncateSpec(fd, length), callback);
  }

  /**
   * Truncates or extends an open file to {@code length} bytes.
   *
   * @param fd the file to resize, open for writing
   * @param length its new size in bytes; bytes added past the old end read as zeros
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} or {@code length} is negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> ftruncate(int fd, long length) {
    return promise(ftruncateSpec(fd, length));
  }

  /**
   * Truncates or extends an open file to {@code length} bytes.
   * Runs at once on the calling thread.
   *
   * @param fd the file to resize, open for writing
   * @param length its new size in bytes; bytes added past the old end read as zeros
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} or {@code length} is negative
   */
  public static void ftruncateSync(int fd, long length) throws UvException {
    sync(ftruncateSpec(fd, length));
  }

  /**
   * Copies {@code path} to {@code dest}.
   *
   * @param path the file to copy
   * @param dest the copy's path; a file already there is replaced unless {@link #COPYFILE_EXCL} is
   *     given
   * @param flags 0, or {@link #COPYFILE_EXCL}, {@link #COPYFILE_FICLONE}, {@link #COPYFILE_FICLONE_FORCE}
   * @param callback told on the loop thread once the copy is made, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if flags are unknown or a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable copyfile(String path, String dest, int flags, Callback<Void> callback) {
    return async(copyfileSpec(path, dest, flags), callback);
  }

  /**
   * Same as {@link #copyfile(String, String, int, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to copy
   * @param dest the copy's path; a file already there is replaced unless {@link #COPYFILE_EXCL} is
   *     given
   * @param flags 0, or {@link #COPYFILE_EXCL}, {@link #COPYFILE_FICLONE}, {@link #COPYFILE_FICLONE_FORCE}
   * @param callback told on the loop thread once the copy is made, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if flags are unknown or a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable copyfile(Path path, Path dest, int flags, Callback<Void> callback) {
    return copyfile(str(path, "path"), str(dest, "dest"), flags, callback);
  }

  /**
   * Copies {@code path} to {@code dest}.
   *
   * @param path the file to copy
   * @param dest the copy's path; a file already there is replaced unless {@link #COPYFILE_EXCL} is
   *     given
   * @param flags 0, or {@link #COPYFILE_EXCL}, {@link #COPYFILE_FICLONE}, {@link #COPYFILE_FICLONE_FORCE}
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if flags are unknown or a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> copyfile(String path, String dest, int flags) {
    return promise(copyfileSpec(path, dest, flags));
  }

  /**
   * Same as {@link #copyfile(String, String, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to copy
   * @param dest the copy's path; a file already there is replaced unless {@link #COPYFILE_EXCL} is
   *     given
   * @param flags 0, or {@link #COPYFILE_EXCL}, {@link #COPYFILE_FICLONE}, {@link #COPYFILE_FICLONE_FORCE}
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if flags are unknown or a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> copyfile(Path path, Path dest, int flags) {
    return copyfile(str(path, "path"), str(dest, "dest"), flags);
  }

  /**
   * Copies {@code path} to {@code dest}.
   * Runs at once on the calling thread.
   *
   * @param path the file to copy
   * @param dest the copy's path; a file already there is replaced unless {@link #COPYFILE_EXCL} is
   *     given
   * @param flags 0, or {@link #COPYFILE_EXCL}, {@link #COPYFILE_FICLONE}, {@link #COPYFILE_FICLONE_FORCE}
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if flags are unknown or a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void copyfileSync(String path, String dest, int flags) throws UvException {
    sync(copyfileSpec(path, dest, flags));
  }

  /**
   * Same as {@link #copyfileSync(String, String, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to copy
   * @param dest the copy's path; a file already there is replaced unless {@link #COPYFILE_EXCL} is
   *     given
   * @param flags 0, or {@link #COPYFILE_EXCL}, {@link #COPYFILE_FICLONE}, {@link #COPYFILE_FICLONE_FORCE}
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if flags are unknown or a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void copyfileSync(Path path, Path dest, int flags) throws UvException {
    copyfileSync(str(path, "path"), str(dest, "dest"), flags);
  }

  /**
   * Copies {@code length} bytes from {@code in} at {@code offset} to {@code out} at its position, in the kernel where it can.
   *
   * @param out the descriptor to write to, at its current position
   * @param in the descriptor to read from
   * @param offset where in {@code in} to start reading
   * @param length the most bytes to copy; one call may copy fewer
   * @param callback told on the loop thread of the number of bytes copied, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a descriptor, {@code offset} or {@code length} is negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable sendfile(int out, int in, long offset, long length, Callback<Long> callback) {
    return async(sendfileSpec(out, in, offset, length), callback);
  }

  /**
   * Copies {@code length} bytes from {@code in} at {@code offset} to {@code out} at its position, in the kernel where it can.
   *
   * @param out the descriptor to write to, at its current position
   * @param in the descriptor to read from
   * @param offset where in {@code in} to start reading
   * @param length the most bytes to copy; one call may copy fewer
   * @return fulfilled with the number of bytes copied, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a descriptor, {@code offset} or {@code length} is negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Long> sendfile(int out, int in, long offset, long length) {
    return promise(sendfileSpec(out, in, offset, length));
  }

  /**
   * Copies {@code length} bytes from {@code in} at {@code offset} to {@code out} at its position, in the kernel where it can.
   * Runs at once on the calling thread.
   *
   * @param out the descriptor to write to, at its current position
   * @param in the descriptor to read from
   * @param offset where in {@code in} to start reading
   * @param length the most bytes to copy; one call may copy fewer
   * @return the number of bytes copied
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a descriptor, {@code offset} or {@code length} is negative
   */
  public static long sendfileSync(int out, int in, long offset, long length) throws UvException {
    return sync(sendfileSpec(out, in, offset, length));
  }

  /**
   * Checks that the file exists and allows {@code mode}.
   *
   * @param path the file to check; a symbolic link is followed
   * @param mode {@link #F_OK}, or any of {@link #R_OK}, {@link #W_OK}, {@link #X_OK}
   * @param callback told on the loop thread with no error if {@code mode} is allowed, else of the
   *     error (such as {@code ENOENT} or {@code EACCES})
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is not a combination of those or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable access(String path, int mode, Callback<Void> callback) {
    return async(accessSpec(path, mode), callback);
  }

  /**
   * Same as {@link #access(String, int, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to check; a symbolic link is followed
   * @param mode {@link #F_OK}, or any of {@link #R_OK}, {@link #W_OK}, {@link #X_OK}
   * @param callback told on the loop thread with no error if {@code mode} is allowed, else of the
   *     error (such as {@code ENOENT} or {@code EACCES})
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is not a combination of those or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable access(Path path, int mode, Callback<Void> callback) {
    return access(str(path, "path"), mode, callback);
  }

  /**
   * Checks that the file exists and allows {@code mode}.
   *
   * @param path the file to check; a symbolic link is followed
   * @param mode {@link #F_OK}, or any of {@link #R_OK}, {@link #W_OK}, {@link #X_OK}
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is not a combination of those or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> access(String path, int mode) {
    return promise(accessSpec(path, mode));
  }

  /**
   * Same as {@link #access(String, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to check; a symbolic link is followed
   * @param mode {@link #F_OK}, or any of {@link #R_OK}, {@link #W_OK}, {@link #X_OK}
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is not a combination of those or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> access(Path path, int mode) {
    return access(str(path, "path"), mode);
  }

  /**
   * Checks that the file exists and allows {@code mode}.
   * Runs at once on the calling thread.
   *
   * @param path the file to check; a symbolic link is followed
   * @param mode {@link #F_OK}, or any of {@link #R_OK}, {@link #W_OK}, {@link #X_OK}
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is not a combination of those or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void accessSync(String path, int mode) throws UvException {
    sync(accessSpec(path, mode));
  }

  /**
   * Same as {@link #accessSync(String, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to check; a symbolic link is followed
   * @param mode {@link #F_OK}, or any of {@link #R_OK}, {@link #W_OK}, {@link #X_OK}
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is not a combination of those or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void accessSync(Path path, int mode) throws UvException {
    accessSync(str(path, "path"), mode);
  }

  /**
   * Changes a file's permission bits.
   *
   * @param path the file to change; a symbolic link is followed
   * @param mode the new permission bits, such as {@code 0644}
   * @param callback told on the loop thread once the bits are changed, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable chmod(String path, int mode, Callback<Void> callback) {
    return async(chmodSpec(path, mode), callback);
  }

  /**
   * Same as {@link #chmod(String, int, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to change; a symbolic link is followed
   * @param mode the new permission bits, such as {@code 0644}
   * @param callback told on the loop thread once the bits are changed, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable chmod(Path path, int mode, Callback<Void> callback) {
    return chmod(str(path, "path"), mode, callback);
  }

  /**
   * Changes a file's permission bits.
   *
   * @param path the file to change; a symbolic link is followed
   * @param mode the new permission bits, such as {@code 0644}
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> chmod(String path, int mode) {
    return promise(chmodSpec(path, mode));
  }

  /**
   * Same as {@link #chmod(String, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to change; a symbolic link is followed
   * @param mode the new permission bits, such as {@code 0644}
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> chmod(Path path, int mode) {
    return chmod(str(path, "path"), mode);
  }

  /**
   * Changes a file's permission bits.
   * Runs at once on the calling thread.
   *
   * @param path the file to change; a symbolic link is followed
   * @param mode the new permission bits, such as {@code 0644}
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void chmodSync(String path, int mode) throws UvException {
    sync(chmodSpec(path, mode));
  }

  /**
   * Same as {@link #chmodSync(String, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to change; a symbolic link is followed
   * @param mode the new permission bits, such as {@code 0644}
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void chmodSync(Path path, int mode) throws UvException {
    chmodSync(str(path, "path"), mode);
  }

  /**
   * Changes an open file's permission bits.
   *
   * @param fd the open file to change
   * @param mode the new permission bits, such as {@code 0644}
   * @param callback told on the loop thread once the bits are changed, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code fd} is negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable fchmod(int fd, int mode, Callback<Void> callback) {
    return async(fchmodSpec(fd, mode), callback);
  }

  /**
   * Changes an open file's permission bits.
   *
   * @param fd the open file to change
   * @param mode the new permission bits, such as {@code 0644}
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code fd} is negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> fchmod(int fd, int mode) {
    return promise(fchmodSpec(fd, mode));
  }

  /**
   * Changes an open file's permission bits.
   * Runs at once on the calling thread.
   *
   * @param fd the open file to change
   * @param mode the new permission bits, such as {@code 0644}
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code fd} is negative
   */
  public static void fchmodSync(int fd, int mode) throws UvException {
    sync(fchmodSpec(fd, mode));
  }

  /**
   * Sets a file's access and modification times, in seconds since the epoch.
   *
   * @param path the file to change; a symbolic link is followed
   * @param atime the new access time, in seconds since the epoch (fractions allowed)
   * @param mtime the new modification time, in seconds since the epoch (fractions allowed)
   * @param callback told on the loop thread once the times are set, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF, or a time is not finite or beyond
   *     +-2^63 seconds
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable utime(String path, double atime, double mtime, Callback<Void> callback) {
    return async(utimeSpec("utime", 0, path, atime, mtime), callback);
  }

  /**
   * Same as {@link #utime(String, double, double, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to change; a symbolic link is followed
   * @param atime the new access time, in seconds since the epoch (fractions allowed)
   * @param mtime the new modification time, in seconds since the epoch (fractions allowed)
   * @param callback told on the loop thread once the times are set, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF, or a time is not finite or beyond
   *     +-2^63 seconds
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable utime(Path path, double atime, double mtime, Callback<Void> callback) {
    return utime(str(path, "path"), atime, mtime, callback);
  }

  /**
   * Sets a file's access and modification times, in seconds since the epoch.
   *
   * @param path the file to change; a symbolic link is followed
   * @param atime the new access time, in seconds since the epoch (fractions allowed)
   * @param mtime the new modification time, in seconds since the epoch (fractions allowed)
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF, or a time is not finite or beyond
   *     +-2^63 seconds
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> utime(String path, double atime, double mtime) {
    return promise(utimeSpec("utime", 0, path, atime, mtime));
  }

  /**
   * Same as {@link #utime(String, double, double)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to change; a symbolic link is followed
   * @param atime the new access time, in seconds since the epoch (fractions allowed)
   * @param mtime the new modification time, in seconds since the epoch (fractions allowed)
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF, or a time is not finite or beyond
   *     +-2^63 seconds
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> utime(Path path, double atime, double mtime) {
    return utime(str(path, "path"), atime, mtime);
  }

  /**
   * Sets a file's access and modification times, in seconds since the epoch.
   * Runs at once on the calling thread.
   *
   * @param path the file to change; a symbolic link is followed
   * @param atime the new access time, in seconds since the epoch (fractions allowed)
   * @param mtime the new modification time, in seconds since the epoch (fractions allowed)
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF, or a time is not finite or beyond
   *     +-2^63 seconds
   */
  public static void utimeSync(String path, double atime, double mtime) throws UvException {
    sync(utimeSpec("utime", 0, path, atime, mtime));
  }

  /**
   * Same as {@link #utimeSync(String, double, double)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to change; a symbolic link is followed
   * @param atime the new access time, in seconds since the epoch (fractions allowed)
   * @param mtime the new modification time, in seconds since the epoch (fractions allowed)
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF, or a time is not finite or beyond
   *     +-2^63 seconds
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void utimeSync(Path path, double atime, double mtime) throws UvException {
    utimeSync(str(path, "path"), atime, mtime);
  }

  /**
   * Sets an open file's access and modification times, in seconds since the epoch.
   *
   * @param fd the open file to change
   * @param atime the new access time, in seconds since the epoch (fractions allowed)
   * @param mtime the new modification time, in seconds since the epoch (fractions allowed)
   * @param callback told on the loop thread once the times are set, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative, or a time is not finite or beyond
   *     +-2^63 seconds
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable futime(int fd, double atime, double mtime, Callback<Void> callback) {
    return async(futimeSpec(fd, atime, mtime), callback);
  }

  /**
   * Sets an open file's access and modification times, in seconds since the epoch.
   *
   * @param fd the open file to change
   * @param atime the new access time, in seconds since the epoch (fractions allowed)
   * @param mtime the new modification time, in seconds since the epoch (fractions allowed)
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative, or a time is not finite or beyond
   *     +-2^63 seconds
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> futime(int fd, double atime, double mtime) {
    return promise(futimeSpec(fd, atime, mtime));
  }

  /**
   * Sets an open file's access and modification times, in seconds since the epoch.
   * Runs at once on the calling thread.
   *
   * @param fd the open file to change
   * @param atime the new access time, in seconds since the epoch (fractions allowed)
   * @param mtime the new modification time, in seconds since the epoch (fractions allowed)
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative, or a time is not finite or beyond
   *     +-2^63 seconds
   */
  public static void futimeSync(int fd, double atime, double mtime) throws UvException {
    sync(futimeSpec(fd, atime, mtime));
  }

  /**
   * Sets a symbolic link's own access and modification times, in seconds since the epoch.
   *
   * @param path the file to change; a symbolic link is changed itself, not followed
   * @param atime the new access time, in seconds since the epoch (fractions allowed)
   * @param mtime the new modification time, in seconds since the epoch (fractions allowed)
   * @param callback told on the loop thread once the times are set, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF, or a time is not finite or beyond
   *     +-2^63 seconds
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable lutime(String path, double atime, double mtime, Callback<Void> callback) {
    return async(utimeSpec("lutime", 1, path, atime, mtime), callback);
  }

  /**
   * Same as {@link #lutime(String, double, double, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to change; a symbolic link is changed itself, not followed
   * @param atime the new access time, in seconds since the epoch (fractions allowed)
   * @param mtime the new modification time, in seconds since the epoch (fractions allowed)
   * @param callback told on the loop thread once the times are set, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF, or a time is not finite or beyond
   *     +-2^63 seconds
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable lutime(Path path, double atime, double mtime, Callback<Void> callback) {
    return lutime(str(path, "path"), atime, mtime, callback);
  }

  /**
   * Sets a symbolic link's own access and modification times, in seconds since the epoch.
   *
   * @param path the file to change; a symbolic link is changed itself, not followed
   * @param atime the new access time, in seconds since the epoch (fractions allowed)
   * @param mtime the new modification time, in seconds since the epoch (fractions allowed)
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF, or a time is not finite or beyond
   *     +-2^63 seconds
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> lutime(String path, double atime, double mtime) {
    return promise(utimeSpec("lutime", 1, path, atime, mtime));
  }

  /**
   * Same as {@link #lutime(String, double, double)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to change; a symbolic link is changed itself, not followed
   * @param atime the new access time, in seconds since the epoch (fractions allowed)
   * @param mtime the new modification time, in seconds since the epoch (fractions allowed)
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF, or a time is not finite or beyond
   *     +-2^63 seconds
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> lutime(Path path, double atime, double mtime) {
    return lutime(str(path, "path"), atime, mtime);
  }

  /**
   * Sets a symbolic link's own access and modification times, in seconds since the epoch.
   * Runs at once on the calling thread.
   *
   * @param path the file to change; a symbolic link is changed itself, not followed
   * @param atime the new access time, in seconds since the epoch (fractions allowed)
   * @param mtime the new modification time, in seconds since the epoch (fractions allowed)
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF, or a time is not finite or beyond
   *     +-2^63 seconds
   */
  public static void lutimeSync(String path, double atime, double mtime) throws UvException {
    sync(utimeSpec("lutime", 1, path, atime, mtime));
  }

  /**
   * Same as {@link #lutimeSync(String, double, double)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to change; a symbolic link is changed itself, not followed
   * @param atime the new access time, in seconds since the epoch (fractions allowed)
   * @param mtime the new modification time, in seconds since the epoch (fractions allowed)
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF, or a time is not finite or beyond
   *     +-2^63 seconds
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void lutimeSync(Path path, double atime, double mtime) throws UvException {
    lutimeSync(str(path, "path"), atime, mtime);
  }

  /**
   * Makes {@code dest} a hard link to {@code path}.
   *
   * @param path the existing file
   * @param dest the new name for it, which must not exist yet
   * @param callback told on the loop thread once the link is made, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable link(String path, String dest, Callback<Void> callback) {
    return async(twoPathSpec("link", 1, path, dest, 0), callback);
  }

  /**
   * Same as {@link #link(String, String, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the existing file
   * @param dest the new name for it, which must not exist yet
   * @param callback told on the loop thread once the link is made, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable link(Path path, Path dest, Callback<Void> callback) {
    return link(str(path, "path"), str(dest, "dest"), callback);
  }

  /**
   * Makes {@code dest} a hard link to {@code path}.
   *
   * @param path the existing file
   * @param dest the new name for it, which must not exist yet
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> link(String path, String dest) {
    return promise(twoPathSpec("link", 1, path, dest, 0));
  }

  /**
   * Same as {@link #link(String, String)} for a {@link java.nio.file.Path}.
   *
   * @param path the existing file
   * @param dest the new name for it, which must not exist yet
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> link(Path path, Path dest) {
    return link(str(path, "path"), str(dest, "dest"));
  }

  /**
   * Makes {@code dest} a hard link to {@code path}.
   * Runs at once on the calling thread.
   *
   * @param path the existing file
   * @param dest the new name for it, which must not exist yet
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void linkSync(String path, String dest) throws UvException {
    sync(twoPathSpec("link", 1, path, dest, 0));
  }

  /**
   * Same as {@link #linkSync(String, String)} for a {@link java.nio.file.Path}.
   *
   * @param path the existing file
   * @param dest the new name for it, which must not exist yet
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void linkSync(Path path, Path dest) throws UvException {
    linkSync(str(path, "path"), str(dest, "dest"));
  }

  /**
   * Makes {@code dest} a symbolic link to {@code path}.
   *
   * @param path the link's target, stored as given: a relative one is resolved from the link's
   *     directory
   * @param dest the link to make, which must not exist yet
   * @param flags 0, or (Windows) {@link #SYMLINK_DIR}, {@link #SYMLINK_JUNCTION}
   * @param callback told on the loop thread once the link is made, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if flags are unknown or a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable symlink(String path, String dest, int flags, Callback<Void> callback) {
    return async(symlinkSpec(path, dest, flags), callback);
  }

  /**
   * Same as {@link #symlink(String, String, int, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the link's target, stored as given: a relative one is resolved from the link's
   *     directory
   * @param dest the link to make, which must not exist yet
   * @param flags 0, or (Windows) {@link #SYMLINK_DIR}, {@link #SYMLINK_JUNCTION}
   * @param callback told on the loop thread once the link is made, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if flags are unknown or a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable symlink(Path path, Path dest, int flags, Callback<Void> callback) {
    return symlink(str(path, "path"), str(dest, "dest"), flags, callback);
  }

  /**
   * Makes {@code dest} a symbolic link to {@code path}.
   *
   * @param path the link's target, stored as given: a relative one is resolved from the link's
   *     directory
   * @param dest the link to make, which must not exist yet
   * @param flags 0, or (Windows) {@link #SYMLINK_DIR}, {@link #SYMLINK_JUNCTION}
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if flags are unknown or a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> symlink(String path, String dest, int flags) {
    return promise(symlinkSpec(path, dest, flags));
  }

  /**
   * Same as {@link #symlink(String, String, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the link's target, stored as given: a relative one is resolved from the link's
   *     directory
   * @param dest the link to make, which must not exist yet
   * @param flags 0, or (Windows) {@link #SYMLINK_DIR}, {@link #SYMLINK_JUNCTION}
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if flags are unknown or a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> symlink(Path path, Path dest, int flags) {
    return symlink(str(path, "path"), str(dest, "dest"), flags);
  }

  /**
   * Makes {@code dest} a symbolic link to {@code path}.
   * Runs at once on the calling thread.
   *
   * @param path the link's target, stored as given: a relative one is resolved from the link's
   *     directory
   * @param dest the link to make, which must not exist yet
   * @param flags 0, or (Windows) {@link #SYMLINK_DIR}, {@link #SYMLINK_JUNCTION}
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if flags are unknown or a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void symlinkSync(String path, String dest, int flags) throws UvException {
    sync(symlinkSpec(path, dest, flags));
  }

  /**
   * Same as {@link #symlinkSync(String, String, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the link's target, stored as given: a relative one is resolved from the link's
   *     directory
   * @param dest the link to make, which must not exist yet
   * @param flags 0, or (Windows) {@link #SYMLINK_DIR}, {@link #SYMLINK_JUNCTION}
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if flags are unknown or a path contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void symlinkSync(Path path, Path dest, int flags) throws UvException {
    symlinkSync(str(path, "path"), str(dest, "dest"), flags);
  }

  /**
   * The target of a symbolic link.
   *
   * @param path the symbolic link to read
   * @param callback told on the loop thread of the link's target as stored, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable readlink(String path, Callback<String> callback) {
    return async(pathSpec("readlink", path, STRING, Native::fsReadlink), callback);
  }

  /**
   * Same as {@link #readlink(String, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the symbolic link to read
   * @param callback told on the loop thread of the link's target as stored, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable readlink(Path path, Callback<String> callback) {
    return readlink(str(path, "path"), callback);
  }

  /**
   * The target of a symbolic link.
   *
   * @param path the symbolic link to read
   * @return fulfilled with the link's target, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<String> readlink(String path) {
    return promise(pathSpec("readlink", path, STRING, Native::fsReadlink));
  }

  /**
   * Same as {@link #readlink(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the symbolic link to read
   * @return fulfilled with the link's target, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<String> readlink(Path path) {
    return readlink(str(path, "path"));
  }

  /**
   * The target of a symbolic link.
   * Runs at once on the calling thread.
   *
   * @param path the symbolic link to read
   * @return the link's target
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static String readlinkSync(String path) throws UvException {
    return sync(pathSpec("readlink", path, STRING, Native::fsReadlink));
  }

  /**
   * Same as {@link #readlinkSync(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the symbolic link to read
   * @return the link's target
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static String readlinkSync(Path path) throws UvException {
    return readlinkSync(str(path, "path"));
  }

  /**
   * The canonical absolute path, with every link resolved.
   *
   * @param path the path to resolve, which must exist
   * @param callback told on the loop thread of the canonical path, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable realpath(String path, Callback<String> callback) {
    return async(pathSpec("realpath", path, STRING, Native::fsRealpath), callback);
  }

  /**
   * Same as {@link #realpath(String, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the path to resolve, which must exist
   * @param callback told on the loop thread of the canonical path, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable realpath(Path path, Callback<String> callback) {
    return realpath(str(path, "path"), callback);
  }

  /**
   * The canonical absolute path, with every link resolved.
   *
   * @param path the path to resolve, which must exist
   * @return fulfilled with the canonical path, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<String> realpath(String path) {
    return promise(pathSpec("realpath", path, STRING, Native::fsRealpath));
  }

  /**
   * Same as {@link #realpath(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the path to resolve, which must exist
   * @return fulfilled with the canonical path, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<String> realpath(Path path) {
    return realpath(str(path, "path"));
  }

  /**
   * The canonical absolute path, with every link resolved.
   * Runs at once on the calling thread.
   *
   * @param path the path to resolve, which must exist
   * @return the canonical path
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static String realpathSync(String path) throws UvException {
    return sync(pathSpec("realpath", path, STRING, Native::fsRealpath));
  }

  /**
   * Same as {@link #realpathSync(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the path to resolve, which must exist
   * @return the canonical path
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static String realpathSync(Path path) throws UvException {
    return realpathSync(str(path, "path"));
  }

  /**
   * Changes a file's owner and group (-1 leaves one as it is).
   *
   * @param path the file to change; a symbolic link is followed
   * @param uid the new owner's user id, or -1 to keep the owner
   * @param gid the new group id, or -1 to keep the group
   * @param callback told on the loop thread once the owner is changed, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable chown(String path, int uid, int gid, Callback<Void> callback) {
    return async(chownSpec("chown", 0, path, uid, gid), callback);
  }

  /**
   * Same as {@link #chown(String, int, int, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to change; a symbolic link is followed
   * @param uid the new owner's user id, or -1 to keep the owner
   * @param gid the new group id, or -1 to keep the group
   * @param callback told on the loop thread once the owner is changed, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable chown(Path path, int uid, int gid, Callback<Void> callback) {
    return chown(str(path, "path"), uid, gid, callback);
  }

  /**
   * Changes a file's owner and group (-1 leaves one as it is).
   *
   * @param path the file to change; a symbolic link is followed
   * @param uid the new owner's user id, or -1 to keep the owner
   * @param gid the new group id, or -1 to keep the group
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> chown(String path, int uid, int gid) {
    return promise(chownSpec("chown", 0, path, uid, gid));
  }

  /**
   * Same as {@link #chown(String, int, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to change; a symbolic link is followed
   * @param uid the new owner's user id, or -1 to keep the owner
   * @param gid the new group id, or -1 to keep the group
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> chown(Path path, int uid, int gid) {
    return chown(str(path, "path"), uid, gid);
  }

  /**
   * Changes a file's owner and group (-1 leaves one as it is).
   * Runs at once on the calling thread.
   *
   * @param path the file to change; a symbolic link is followed
   * @param uid the new owner's user id, or -1 to keep the owner
   * @param gid the new group id, or -1 to keep the group
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void chownSync(String path, int uid, int gid) throws UvException {
    sync(chownSpec("chown", 0, path, uid, gid));
  }

  /**
   * Same as {@link #chownSync(String, int, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to change; a symbolic link is followed
   * @param uid the new owner's user id, or -1 to keep the owner
   * @param gid the new group id, or -1 to keep the group
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void chownSync(Path path, int uid, int gid) throws UvException {
    chownSync(str(path, "path"), uid, gid);
  }

  /**
   * Changes an open file's owner and group (-1 leaves one as it is).
   *
   * @param fd the open file to change
   * @param uid the new owner's user id, or -1 to keep the owner
   * @param gid the new group id, or -1 to keep the group
   * @param callback told on the loop thread once the owner is changed, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable fchown(int fd, int uid, int gid, Callback<Void> callback) {
    return async(fchownSpec(fd, uid, gid), callback);
  }

  /**
   * Changes an open file's owner and group (-1 leaves one as it is).
   *
   * @param fd the open file to change
   * @param uid the new owner's user id, or -1 to keep the owner
   * @param gid the new group id, or -1 to keep the group
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> fchown(int fd, int uid, int gid) {
    return promise(fchownSpec(fd, uid, gid));
  }

  /**
   * Changes an open file's owner and group (-1 leaves one as it is).
   * Runs at once on the calling thread.
   *
   * @param fd the open file to change
   * @param uid the new owner's user id, or -1 to keep the owner
   * @param gid the new group id, or -1 to keep the group
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code fd} is negative
   */
  public static void fchownSync(int fd, int uid, int gid) throws UvException {
    sync(fchownSpec(fd, uid, gid));
  }

  /**
   * Changes a symbolic link's own owner and group (-1 leaves one as it is).
   *
   * @param path the file to change; a symbolic link is changed itself, not followed
   * @param uid the new owner's user id, or -1 to keep the owner
   * @param gid the new group id, or -1 to keep the group
   * @param callback told on the loop thread once the owner is changed, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable lchown(String path, int uid, int gid, Callback<Void> callback) {
    return async(chownSpec("lchown", 1, path, uid, gid), callback);
  }

  /**
   * Same as {@link #lchown(String, int, int, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to change; a symbolic link is changed itself, not followed
   * @param uid the new owner's user id, or -1 to keep the owner
   * @param gid the new group id, or -1 to keep the group
   * @param callback told on the loop thread once the owner is changed, or of the error
   * @return lets the operation be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable lchown(Path path, int uid, int gid, Callback<Void> callback) {
    return lchown(str(path, "path"), uid, gid, callback);
  }

  /**
   * Changes a symbolic link's own owner and group (-1 leaves one as it is).
   *
   * @param path the file to change; a symbolic link is changed itself, not followed
   * @param uid the new owner's user id, or -1 to keep the owner
   * @param gid the new group id, or -1 to keep the group
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> lchown(String path, int uid, int gid) {
    return promise(chownSpec("lchown", 1, path, uid, gid));
  }

  /**
   * Same as {@link #lchown(String, int, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to change; a symbolic link is changed itself, not followed
   * @param uid the new owner's user id, or -1 to keep the owner
   * @param gid the new group id, or -1 to keep the group
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> lchown(Path path, int uid, int gid) {
    return lchown(str(path, "path"), uid, gid);
  }

  /**
   * Changes a symbolic link's own owner and group (-1 leaves one as it is).
   * Runs at once on the calling thread.
   *
   * @param path the file to change; a symbolic link is changed itself, not followed
   * @param uid the new owner's user id, or -1 to keep the owner
   * @param gid the new group id, or -1 to keep the group
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void lchownSync(String path, int uid, int gid) throws UvException {
    sync(chownSpec("lchown", 1, path, uid, gid));
  }

  /**
   * Same as {@link #lchownSync(String, int, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to change; a symbolic link is changed itself, not followed
   * @param uid the new owner's user id, or -1 to keep the owner
   * @param gid the new group id, or -1 to keep the group
   * @throws UvException if the operation fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void lchownSync(Path path, int uid, int gid) throws UvException {
    lchownSync(str(path, "path"), uid, gid);
  }

  // --- whole files and trees, as Node's fs.promises has them -------------------------------------

  /**
   * Reads a whole file: opens it, takes its size from {@code fstat}, reads it in chunks of up to
   * 8 MiB into one array, and closes it. It reads to the actual end, so a file that grows or
   * shrinks meanwhile, or that reports size 0 and has content (as {@code /proc} files do), is
   * read whole. Each step runs on the thread pool; the callback is told once, on the loop thread,
   * with the error of the step that failed (the file is closed first), {@code EFBIG} ({@code
   * read}) if the file does not fit in a Java array, or {@code ECANCELED} if cancelled.
   *
   * @param path the file to read
   * @param callback told once, on the loop thread, of the contents, or of the error
   * @return lets the operation be cancelled until its last read completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable readFile(String path, Callback<byte[]> callback) {
    return FsConvenience.readFile(this, path, callback);
  }

  /**
   * Same as {@link #readFile(String, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to read
   * @param callback told once, on the loop thread, of the contents, or of the error
   * @return lets the operation be cancelled until its last read completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable readFile(Path path, Callback<byte[]> callback) {
    return readFile(str(path, "path"), callback);
  }

  /**
   * Reads a whole file; see {@link #readFile(String, Callback)}.
   *
   * @param path the file to read
   * @return fulfilled with the contents, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<byte[]> readFile(String path) {
    return promised(callback -> readFile(path, callback));
  }

  /**
   * Same as {@link #readFile(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to read
   * @return fulfilled with the contents, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<byte[]> readFile(Path path) {
    return readFile(str(path, "path"));
  }

  /**
   * Reads a whole file; see {@link #readFile(String, Callback)}.
   * Runs at once on the calling thread.
   *
   * @param path the file to read
   * @return the contents
   * @throws UvException if a step fails (the file is then closed), or {@code EFBIG} if the file
   *     does not fit in a Java array
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static byte[] readFileSync(String path) throws UvException {
    return FsConvenience.readFileSync(path);
  }

  /**
   * Same as {@link #readFileSync(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to read
   * @return the contents
   * @throws UvException if a step fails (the file is then closed), or {@code EFBIG} if the file
   *     does not fit in a Java array
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static byte[] readFileSync(Path path) throws UvException {
    return readFileSync(str(path, "path"));
  }

  /**
   * Reads a whole file as text; see {@link #readFile(String, Callback)}. Malformed input becomes
   * the charset's replacement character.
   *
   * @param path the file to read
   * @param charset the encoding to decode the contents with
   * @param callback told once, on the loop thread, of the text, or of the error
   * @return lets the operation be cancelled until its last read completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable readFileString(String path, Charset charset, Callback<String> callback) {
    Objects.requireNonNull(charset, "charset");
    Objects.requireNonNull(callback, "callback");
    return readFile(path, (bytes, error) -> callback.done(error == null ? new String(bytes, charset) : null, error));
  }

  /**
   * Same as {@link #readFileString(String, Charset, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to read
   * @param charset the encoding to decode the contents with
   * @param callback told once, on the loop thread, of the text, or of the error
   * @return lets the operation be cancelled until its last read completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable readFileString(Path path, Charset charset, Callback<String> callback) {
    return readFileString(str(path, "path"), charset, callback);
  }

  /**
   * Reads a whole file as text; see {@link #readFileString(String, Charset, Callback)}.
   *
   * @param path the file to read
   * @param charset the encoding to decode the contents with
   * @return fulfilled with the text, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<String> readFileString(String path, Charset charset) {
    return promised(callback -> readFileString(path, charset, callback));
  }

  /**
   * Same as {@link #readFileString(String, Charset)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to read
   * @param charset the encoding to decode the contents with
   * @return fulfilled with the text, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<String> readFileString(Path path, Charset charset) {
    return readFileString(str(path, "path"), charset);
  }

  /**
   * Reads a whole file as text; see {@link #readFileString(String, Charset, Callback)}.
   * Runs at once on the calling thread.
   *
   * @param path the file to read
   * @param charset the encoding to decode the contents with
   * @return the text
   * @throws UvException if a step fails (the file is then closed), or {@code EFBIG} if the file
   *     does not fit in a Java array
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static String readFileStringSync(String path, Charset charset) throws UvException {
    Objects.requireNonNull(charset, "charset");
    return new String(FsConvenience.readFileSync(path), charset);
  }

  /**
   * Same as {@link #readFileStringSync(String, Charset)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to read
   * @param charset the encoding to decode the contents with
   * @return the text
   * @throws UvException if a step fails (the file is then closed), or {@code EFBIG} if the file
   *     does not fit in a Java array
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static String readFileStringSync(Path path, Charset charset) throws UvException {
    return readFileStringSync(str(path, "path"), charset);
  }

  /**
   * Replaces a file's contents with {@code data}: opens it with {@code O_WRONLY | O_CREAT |
   * O_TRUNC} (a new file gets mode {@code 0666} less the umask), writes until every byte is
   * written, in chunks of up to 8 MiB, and closes it. The callback is told once, on the loop
   * thread, with the error of the step that failed (the file is closed first; what was written
   * stays) or {@code ECANCELED} if cancelled. Do not change {@code data} until then.
   *
   * @param path the file to write, made if missing
   * @param data the new contents, read as the writes go: leave them unchanged until the callback
   * @param callback told once, on the loop thread, when every byte is written, or of the error
   * @return lets the operation be cancelled until its last write completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable writeFile(String path, byte[] data, Callback<Void> callback) {
    return FsConvenience.writeFile(this, path, FsConvenience.writeFlags(), data, callback);
  }

  /**
   * Same as {@link #writeFile(String, byte[], Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to write, made if missing
   * @param data the new contents, read as the writes go: leave them unchanged until the callback
   * @param callback told once, on the loop thread, when every byte is written, or of the error
   * @return lets the operation be cancelled until its last write completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable writeFile(Path path, byte[] data, Callback<Void> callback) {
    return writeFile(str(path, "path"), data, callback);
  }

  /**
   * Replaces a file's contents; see {@link #writeFile(String, byte[], Callback)}.
   *
   * @param path the file to write, made if missing
   * @param data the new contents, read as the writes go: leave them unchanged until the promise
   *     settles
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> writeFile(String path, byte[] data) {
    return promised(callback -> writeFile(path, data, callback));
  }

  /**
   * Same as {@link #writeFile(String, byte[])} for a {@link java.nio.file.Path}.
   *
   * @param path the file to write, made if missing
   * @param data the new contents, read as the writes go: leave them unchanged until the promise
   *     settles
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> writeFile(Path path, byte[] data) {
    return writeFile(str(path, "path"), data);
  }

  /**
   * Replaces a file's contents; see {@link #writeFile(String, byte[], Callback)}.
   * Runs at once on the calling thread.
   *
   * @param path the file to write, made if missing
   * @param data the new contents
   * @throws UvException if a step fails (the file is then closed; what was written stays)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void writeFileSync(String path, byte[] data) throws UvException {
    FsConvenience.writeFileSync(path, FsConvenience.writeFlags(), data);
  }

  /**
   * Same as {@link #writeFileSync(String, byte[])} for a {@link java.nio.file.Path}.
   *
   * @param path the file to write, made if missing
   * @param data the new contents
   * @throws UvException if a step fails (the file is then closed; what was written stays)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void writeFileSync(Path path, byte[] data) throws UvException {
    writeFileSync(str(path, "path"), data);
  }

  /**
   * Replaces a file's contents with {@code text} encoded in {@code charset} (unmappable
   * characters become the charset's replacement); see {@link #writeFile(String, byte[], Callback)}.
   *
   * @param path the file to write, made if missing
   * @param text the new contents
   * @param charset the encoding to write {@code text} in
   * @param callback told once, on the loop thread, when every byte is written, or of the error
   * @return lets the operation be cancelled until its last write completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable writeFile(String path, String text, Charset charset, Callback<Void> callback) {
    return writeFile(path, encode(text, charset), callback);
  }

  /**
   * Same as {@link #writeFile(String, String, Charset, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to write, made if missing
   * @param text the new contents
   * @param charset the encoding to write {@code text} in
   * @param callback told once, on the loop thread, when every byte is written, or of the error
   * @return lets the operation be cancelled until its last write completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable writeFile(Path path, String text, Charset charset, Callback<Void> callback) {
    return writeFile(str(path, "path"), text, charset, callback);
  }

  /**
   * Replaces a file's contents with text; see {@link #writeFile(String, String, Charset, Callback)}.
   *
   * @param path the file to write, made if missing
   * @param text the new contents
   * @param charset the encoding to write {@code text} in
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> writeFile(String path, String text, Charset charset) {
    return writeFile(path, encode(text, charset));
  }

  /**
   * Same as {@link #writeFile(String, String, Charset)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to write, made if missing
   * @param text the new contents
   * @param charset the encoding to write {@code text} in
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> writeFile(Path path, String text, Charset charset) {
    return writeFile(str(path, "path"), text, charset);
  }

  /**
   * Replaces a file's contents with text; see {@link #writeFile(String, String, Charset, Callback)}.
   * Runs at once on the calling thread.
   *
   * @param path the file to write, made if missing
   * @param text the new contents
   * @param charset the encoding to write {@code text} in
   * @throws UvException if a step fails (the file is then closed; what was written stays)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void writeFileSync(String path, String text, Charset charset) throws UvException {
    writeFileSync(path, encode(text, charset));
  }

  /**
   * Same as {@link #writeFileSync(String, String, Charset)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to write, made if missing
   * @param text the new contents
   * @param charset the encoding to write {@code text} in
   * @throws UvException if a step fails (the file is then closed; what was written stays)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void writeFileSync(Path path, String text, Charset charset) throws UvException {
    writeFileSync(str(path, "path"), text, charset);
  }

  /**
   * Appends {@code data} to a file, creating it if missing: as {@link #writeFile(String, byte[],
   * Callback)}, but opened with {@code O_WRONLY | O_CREAT | O_APPEND}.
   *
   * @param path the file to append to, made if missing
   * @param data the bytes to append, read as the writes go: leave them unchanged until the callback
   * @param callback told once, on the loop thread, when every byte is written, or of the error
   * @return lets the operation be cancelled until its last write completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable appendFile(String path, byte[] data, Callback<Void> callback) {
    return FsConvenience.writeFile(this, path, FsConvenience.appendFlags(), data, callback);
  }

  /**
   * Same as {@link #appendFile(String, byte[], Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to append to, made if missing
   * @param data the bytes to append, read as the writes go: leave them unchanged until the callback
   * @param callback told once, on the loop thread, when every byte is written, or of the error
   * @return lets the operation be cancelled until its last write completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable appendFile(Path path, byte[] data, Callback<Void> callback) {
    return appendFile(str(path, "path"), data, callback);
  }

  /**
   * Appends to a file; see {@link #appendFile(String, byte[], Callback)}.
   *
   * @param path the file to append to, made if missing
   * @param data the bytes to append, read as the writes go: leave them unchanged until the promise
   *     settles
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> appendFile(String path, byte[] data) {
    return promised(callback -> appendFile(path, data, callback));
  }

  /**
   * Same as {@link #appendFile(String, byte[])} for a {@link java.nio.file.Path}.
   *
   * @param path the file to append to, made if missing
   * @param data the bytes to append, read as the writes go: leave them unchanged until the promise
   *     settles
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> appendFile(Path path, byte[] data) {
    return appendFile(str(path, "path"), data);
  }

  /**
   * Appends to a file; see {@link #appendFile(String, byte[], Callback)}.
   * Runs at once on the calling thread.
   *
   * @param path the file to append to, made if missing
   * @param data the bytes to append
   * @throws UvException if a step fails (the file is then closed; what was written stays)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void appendFileSync(String path, byte[] data) throws UvException {
    FsConvenience.writeFileSync(path, FsConvenience.appendFlags(), data);
  }

  /**
   * Same as {@link #appendFileSync(String, byte[])} for a {@link java.nio.file.Path}.
   *
   * @param path the file to append to, made if missing
   * @param data the bytes to append
   * @throws UvException if a step fails (the file is then closed; what was written stays)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void appendFileSync(Path path, byte[] data) throws UvException {
    appendFileSync(str(path, "path"), data);
  }

  /**
   * Appends {@code text} encoded in {@code charset} to a file; see {@link #appendFile(String,
   * byte[], Callback)}.
   *
   * @param path the file to append to, made if missing
   * @param text the text to append
   * @param charset the encoding to write {@code text} in
   * @param callback told once, on the loop thread, when every byte is written, or of the error
   * @return lets the operation be cancelled until its last write completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable appendFile(String path, String text, Charset charset, Callback<Void> callback) {
    return appendFile(path, encode(text, charset), callback);
  }

  /**
   * Same as {@link #appendFile(String, String, Charset, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to append to, made if missing
   * @param text the text to append
   * @param charset the encoding to write {@code text} in
   * @param callback told once, on the loop thread, when every byte is written, or of the error
   * @return lets the operation be cancelled until its last write completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable appendFile(Path path, String text, Charset charset, Callback<Void> callback) {
    return appendFile(str(path, "path"), text, charset, callback);
  }

  /**
   * Appends text to a file; see {@link #appendFile(String, String, Charset, Callback)}.
   *
   * @param path the file to append to, made if missing
   * @param text the text to append
   * @param charset the encoding to write {@code text} in
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> appendFile(String path, String text, Charset charset) {
    return appendFile(path, encode(text, charset));
  }

  /**
   * Same as {@link #appendFile(String, String, Charset)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to append to, made if missing
   * @param text the text to append
   * @param charset the encoding to write {@code text} in
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> appendFile(Path path, String text, Charset charset) {
    return appendFile(str(path, "path"), text, charset);
  }

  /**
   * Appends text to a file; see {@link #appendFile(String, String, Charset, Callback)}.
   * Runs at once on the calling thread.
   *
   * @param path the file to append to, made if missing
   * @param text the text to append
   * @param charset the encoding to write {@code text} in
   * @throws UvException if a step fails (the file is then closed; what was written stays)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void appendFileSync(String path, String text, Charset charset) throws UvException {
    appendFileSync(path, encode(text, charset));
  }

  /**
   * Same as {@link #appendFileSync(String, String, Charset)} for a {@link java.nio.file.Path}.
   *
   * @param path the file to append to, made if missing
   * @param text the text to append
   * @param charset the encoding to write {@code text} in
   * @throws UvException if a step fails (the file is then closed; what was written stays)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void appendFileSync(Path path, String text, Charset charset) throws UvException {
    appendFileSync(str(path, "path"), text, charset);
  }

  /**
   * Makes a directory and every missing parent, with {@code mode} (less the umask), as Node's
   * {@code mkdir} with {@code recursive: true}: a directory that exists already is fine. The
   * callback is told, on the loop thread, of the first directory made (the topmost), or {@code
   * null} if all existed; or of the failing step's error: {@code EEXIST} ({@code mkdir}) if
   * {@code path} is a file, {@code ENOTDIR} if a file stands where a parent should be, {@code
   * ECANCELED} if cancelled.
   *
   * @param path the directory to make, with any missing parents
   * @param mode permission bits, such as {@code 0755}
   * @param callback told once, on the loop thread, of the first directory made ({@code null} if all
   *     existed), or of the error
   * @return lets the operation be cancelled until its last step completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable mkdirRecursive(String path, int mode, Callback<String> callback) {
    return FsConvenience.mkdirRecursive(this, path, mode, callback);
  }

  /**
   * Same as {@link #mkdirRecursive(String, int, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the directory to make, with any missing parents
   * @param mode permission bits, such as {@code 0755}
   * @param callback told once, on the loop thread, of the first directory made ({@code null} if all
   *     existed), or of the error
   * @return lets the operation be cancelled until its last step completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable mkdirRecursive(Path path, int mode, Callback<String> callback) {
    return mkdirRecursive(str(path, "path"), mode, callback);
  }

  /**
   * Makes a directory and every missing parent; see {@link #mkdirRecursive(String, int, Callback)}.
   *
   * @param path the directory to make, with any missing parents
   * @param mode permission bits, such as {@code 0755}
   * @return fulfilled with the first directory made, or {@code null} if all existed; rejected
   *     with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<String> mkdirRecursive(String path, int mode) {
    return promised(callback -> mkdirRecursive(path, mode, callback));
  }

  /**
   * Same as {@link #mkdirRecursive(String, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the directory to make, with any missing parents
   * @param mode permission bits, such as {@code 0755}
   * @return fulfilled with the first directory made, or {@code null} if all existed; rejected
   *     with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<String> mkdirRecursive(Path path, int mode) {
    return mkdirRecursive(str(path, "path"), mode);
  }

  /**
   * Makes a directory and every missing parent; see {@link #mkdirRecursive(String, int, Callback)}.
   * Runs at once on the calling thread.
   *
   * @param path the directory to make, with any missing parents
   * @param mode permission bits, such as {@code 0755}
   * @return the first directory made, or {@code null} if all existed
   * @throws UvException if a step fails: {@code EEXIST} if {@code path} is a file, {@code
   *     ENOTDIR} if a file stands where a parent should be
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static String mkdirRecursiveSync(String path, int mode) throws UvException {
    return FsConvenience.mkdirRecursiveSync(path, mode);
  }

  /**
   * Same as {@link #mkdirRecursiveSync(String, int)} for a {@link java.nio.file.Path}.
   *
   * @param path the directory to make, with any missing parents
   * @param mode permission bits, such as {@code 0755}
   * @return the first directory made, or {@code null} if all existed
   * @throws UvException if a step fails: {@code EEXIST} if {@code path} is a file, {@code
   *     ENOTDIR} if a file stands where a parent should be
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mode} is outside 0..07777 or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static String mkdirRecursiveSync(Path path, int mode) throws UvException {
    return mkdirRecursiveSync(str(path, "path"), mode);
  }

  /**
   * Removes a file, a link or a whole directory tree, as Node's {@code rm} with {@code recursive:
   * true} (and without {@code force}): {@code lstat} decides, so a symbolic link is removed, never
   * followed. Entries that vanish meanwhile are skipped. The callback is told, on the loop
   * thread, of the failing step's error ({@code ENOENT} from {@code lstat} if {@code path} is
   * missing; the tree may then be partly removed), or {@code ECANCELED} if cancelled.
   *
   * @param path the file, link or directory tree to remove
   * @param callback told once, on the loop thread, when all is removed, or of the error
   * @return lets the operation be cancelled until its last step completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable rmRecursive(String path, Callback<Void> callback) {
    return FsConvenience.rmRecursive(this, path, callback);
  }

  /**
   * Same as {@link #rmRecursive(String, Callback)} for a {@link java.nio.file.Path}.
   *
   * @param path the file, link or directory tree to remove
   * @param callback told once, on the loop thread, when all is removed, or of the error
   * @return lets the operation be cancelled until its last step completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Cancelable rmRecursive(Path path, Callback<Void> callback) {
    return rmRecursive(str(path, "path"), callback);
  }

  /**
   * Removes a file, a link or a whole directory tree; see {@link #rmRecursive(String, Callback)}.
   *
   * @param path the file, link or directory tree to remove
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> rmRecursive(String path) {
    return promised(callback -> rmRecursive(path, callback));
  }

  /**
   * Same as {@link #rmRecursive(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the file, link or directory tree to remove
   * @return fulfilled with nothing ({@code null}), rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Promise<Void> rmRecursive(Path path) {
    return rmRecursive(str(path, "path"));
  }

  /**
   * Removes a file, a link or a whole directory tree; see {@link #rmRecursive(String, Callback)}.
   * Runs at once on the calling thread.
   *
   * @param path the file, link or directory tree to remove
   * @throws UvException if a step fails: {@code ENOENT} from {@code lstat} if {@code path} is
   *     missing
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   */
  public static void rmRecursiveSync(String path) throws UvException {
    FsConvenience.rmRecursiveSync(path);
  }

  /**
   * Same as {@link #rmRecursiveSync(String)} for a {@link java.nio.file.Path}.
   *
   * @param path the file, link or directory tree to remove
   * @throws UvException if a step fails: {@code ENOENT} from {@code lstat} if {@code path} is
   *     missing
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws IllegalArgumentException if a path is not on the default file system
   */
  public static void rmRecursiveSync(Path path) throws UvException {
    rmRecursiveSync(str(path, "path"));
  }

  // --- specs with argument checks ------------------------------------------------------------

  private static final Result<StatFs> STATFS =
      (req, n) -> {
        long[] v = new long[Native.STATFS_LONGS];
        Native.fsResultStatfs(req, v);
        return StatFs.of(v);
      };

  private static Spec<Void> mkdirSpec(String path, int mode) {
    checkMode(mode);
    return pathSpec("mkdir", path, VOID, (l, r, p) -> Native.fsMkdir(l, r, p, mode));
  }

  private static Spec<String> mkdtempSpec(String template) {
    return pathSpec("mkdtemp", "template", template, CREATED_PATH, Native::fsMkdtemp);
  }

  private static Spec<TempFile> mkstempSpec(String template) {
    return pathSpec("mkstemp", "template", template, (req, n) -> new TempFile((int) n, CREATED_PATH.read(req, n)), Native::fsMkstemp)
        .orphaned(CLOSE_FD);
  }

  private static Spec<Void> ftruncateSpec(int fd, long length) {
    checkFd(fd);
    if (length < 0) throw new IllegalArgumentException("length must be >= 0, got " + length);
    return new Spec<>("ftruncate", null, null, null, VOID, (l, r) -> Native.fsFtruncate(l, r, fd, length));
  }

  private static Spec<Void> copyfileSpec(String path, String dest, int flags) {
    if ((flags & ~(COPYFILE_EXCL | COPYFILE_FICLONE | COPYFILE_FICLONE_FORCE)) != 0) {
      throw new IllegalArgumentException("unknown copyfile flags: " + flags);
    }
    return twoPathSpec("copyfile", 3, path, dest, flags);
  }

  private static Spec<Void> symlinkSpec(String path, String dest, int flags) {
    if ((flags & ~(SYMLINK_DIR | SYMLINK_JUNCTION)) != 0) throw new IllegalArgumentException("unknown symlink flags: " + flags);
    return twoPathSpec("symlink", 2, path, dest, flags);
  }

  private static Spec<Void> accessSpec(String path, int mode) {
    if ((mode & ~(R_OK | W_OK | X_OK)) != 0) throw new IllegalArgumentException("unknown access mode: " + mode);
    return pathSpec("access", path, VOID, (l, r, p) -> Native.fsAccess(l, r, p, mode));
  }

  private static Spec<Void> chmodSpec(String path, int mode) {
    checkMode(mode);
    return pathSpec("chmod", path, VOID, (l, r, p) -> Native.fsChmod(l, r, p, mode));
  }

  private static Spec<Void> fchmodSpec(int fd, int mode) {
    checkFd(fd);
    checkMode(mode);
    return new Spec<>("fchmod", null, null, null, VOID, (l, r) -> Native.fsFchmod(l, r, fd, mode));
  }
}
