package io.uv4j;

import io.uv4j.internal.Native;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every {@link Fs} form is made of: the specs that check an operation's arguments and start
 * it, and the three ways to run one (with a callback, a Promise, or at once on the calling
 * thread). The public forms in {@code Fs} are generated from the operation table in {@code
 * build/fs-operations.txt}; each calls one spec factory here.
 */
final class FsRequests {
  private FsRequests() {}

  static final int MAX_IOV = 64;

  /**
   * Starts the native op on {@code loop} for the request in its table under {@code slot}, or runs
   * it at once (0, {@link Native#FS_SYNC}).
   */
  @FunctionalInterface
  interface Starter {
    long start(long loop, int slot);
  }

  /** A request that finished without error, as its results are read. */
  interface Finished {
    /** The op's result: a descriptor, a byte count, or 0. */
    long result();

    /** The native request, for the results read through JNI. */
    long request();

    /** A stat's, lstat's or fstat's result. */
    Stat stat();
  }

  /** Reads what a finished request produced; {@code path} is the operation's path, if any. */
  @FunctionalInterface
  interface Result<T> {
    T read(Finished done, String path);
  }

  /** Releases what a finished request produced when no callback will take it. */
  @FunctionalInterface
  interface Orphan {
    void release(Finished done, String path);
  }

  /** Result readers by the result kind C gives each operation (UV4J_FS_RESULTS in fs_ops.h). */
  private static final Map<Integer, Result<?>> READERS =
      Map.of(
          kind("NONE"), (done, path) -> null,
          kind("INT"), (done, path) -> (int) done.result(),
          kind("LONG"), (done, path) -> done.result(),
          kind("STAT"), (done, path) -> done.stat(),
          kind("STATFS"), (done, path) -> {
            long[] v = new long[Native.STATFS_LONGS];
            Native.fsResultStatfs(done.request(), v);
            return StatFs.of(v);
          },
          kind("STRING"), (done, path) -> decoded(Native.fsResultString(done.request())),
          kind("CREATED_PATH"), (done, path) -> decoded(Native.fsResultPath(done.request())),
          kind("TEMP_FILE"), (done, path) -> new Fs.TempFile((int) done.result(), decoded(Native.fsResultPath(done.request()))),
          kind("DIR"), (done, path) -> new Dir(Native.fsResultDir(done.request()), path),
          kind("ENTRIES"), (done, path) -> Dirent.listOf(Native.fsResultEntries(done.request())));

  private static int kind(String name) {
    return Native.constant("UV4J_FS_RESULT_" + name);
  }

  /**
   * One libuv operation as C defines it (native/fs_ops.h): its op code and its result reader.
   *
   * @param syscall the name errors give, such as {@code "open"}
   */
  record FsOp(String syscall, int code, Result<?> result) {
    /** The operation {@code UV_FS_<name>}, such as {@code of("OPEN")}. */
    static FsOp of(String name) {
      int kind = Native.constant("UV4J_FS_" + name + "_RESULT");
      Result<?> result = READERS.get(kind);
      if (result == null) throw new IllegalStateException("no reader for result kind " + kind + " of UV_FS_" + name);
      return new FsOp(name.toLowerCase(java.util.Locale.ROOT), Native.constant("UV_FS_" + name), result);
    }
  }

  /**
   * One call of an operation: how to start it, what its errors name, what it keeps reachable
   * while it runs ({@code keep}), how it reads its result, what to undo once an asynchronous run
   * has finished ({@code after}, may be null) and what to release if nobody takes its result
   * ({@code orphan}, may be null).
   */
  record Spec<T>(
      FsOp op, String path, String dest, Object keep, Result<T> result, Starter starter, Runnable after, Orphan orphan) {
    @SuppressWarnings("unchecked")
    Spec(FsOp op, String path, String dest, Starter starter) {
      this(op, path, dest, null, (Result<T>) op.result(), starter, null, null);
    }

    Spec<T> keeping(Object value, Result<T> reader, Runnable undo) {
      return new Spec<>(op, path, dest, value, reader, starter, undo, orphan);
    }

    Spec<T> orphaned(Orphan release) {
      return new Spec<>(op, path, dest, keep, result, starter, after, release);
    }
  }

  private static final Orphan CLOSE_FD =
      (done, path) -> {
        try {
          Fs.closeSync((int) done.result());
        } catch (UvException e) {
          // the descriptor is gone either way; nobody is left to tell
        }
      };

  // --- running a spec -----------------------------------------------------------------------

  static <T> Cancelable async(Fs fs, Spec<T> spec, Callback<T> callback) {
    Objects.requireNonNull(callback, "callback");
    return start(fs, spec, callback, null);
  }

  static <T> Promise<T> promise(Fs fs, Spec<T> spec) {
    Promise.Resolver<T> resolver = fs.loop().promise();
    start(fs, spec, null, resolver);
    return resolver.promise();
  }

  /** The Promise form of an operation that has a callback form. */
  static <T> Promise<T> promised(Fs fs, Function<Callback<T>, Cancelable> operation) {
    Promise.Resolver<T> resolver = fs.loop().promise();
    operation.apply(resolver::settle);
    return resolver.promise();
  }

  private static <T> Op<T> start(Fs fs, Spec<T> spec, Callback<T> callback, Promise.Resolver<T> resolver) {
    Loop loop = fs.loop();
    long p = loop.checkUsable();
    Op<T> op = new Op<>(loop, spec, callback, resolver, fs.internal());
    ThreadPool.using();
    int slot = op.takeSlot();
    long rc;
    try {
      rc = spec.starter.start(p, slot);
    } catch (Throwable t) {
      op.leaveTable(); // refused before the native op was asked for
      throw t;
    }
    loop.fileOperationStarted();
    if (!op.started(rc)) {
      op.failure = (int) rc;
      loop.enqueueTick(op);
    }
    return op;
  }

  static <T> T sync(Spec<T> spec) throws UvException {
    long req = spec.starter.start(0, Native.FS_SYNC);
    if (req < 0) throw error(spec, (int) req);
    try {
      long result = Native.fsResult(req);
      if (result < 0) throw error(spec, (int) result);
      return spec.result.read(new Ran(req, result), spec.path);
    } finally {
      Native.fsFree(req);
    }
  }

  /** A sync request that has run, its results read through JNI. */
  private record Ran(long request, long result) implements Finished {
    @Override
    public Stat stat() {
      long[] v = new long[Native.STAT_LONGS];
      Native.fsResultStat(request, v);
      return Stat.of(v);
    }
  }

  private static UvException error(Spec<?> spec, int code) {
    return new UvException(code, spec.op.syscall(), spec.path, spec.dest);
  }

  /**
   * One operation in flight, in the loop's request table until it completes; while its
   * completion is delivered, the results are read from the completion record.
   */
  private static final class Op<T> extends PoolRequest implements Runnable, Finished {
    private final Spec<T> spec;
    private final Callback<T> callback;
    private final Promise.Resolver<T> resolver;
    private final boolean internal;
    private int failure;
    /** The op's result while its completion is delivered. */
    private long result;

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

    /** A close is never cancelled, not even by a closing loop, because its descriptor would leak. */
    @Override
    boolean cancellable() {
      return !spec.op.syscall().equals("close");
    }

    @Override
    void released() {
      super.released();
      if (spec.after != null) spec.after.run();
    }

    @Override
    String describe(int event) {
      return "fs." + spec.op.syscall() + " done";
    }

    /** Nobody will see the result: a descriptor it opened is closed rather than leaked. */
    @Override
    void suppressed(int event, long arg) {
      if (arg >= 0 && spec.orphan != null) {
        result = arg;
        spec.orphan.release(this, spec.path);
      }
    }

    @Override
    void onNativeEvent(int event, long arg) throws Exception {
      if (arg < 0) {
        deliver(null, error(spec, (int) arg));
      } else {
        result = arg;
        deliver(spec.result.read(this, spec.path), null);
      }
    }

    @Override
    public long result() {
      return result;
    }

    @Override
    public long request() {
      return loop.requestTable().completingRequest();
    }

    @Override
    public Stat stat() {
      return loop.requestTable().completingStat();
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
      if (resolver != null) resolver.settle(value, error);
      else callback.done(value, error);
    }
  }

  // --- arguments ----------------------------------------------------------------------------

  /** A path's string, for the overloads that take a {@link Path}. */
  static String str(Path path, String what) {
    Objects.requireNonNull(path, what);
    // another file system's path (a zip entry, say) would name an unrelated file here
    if (path.getFileSystem() != FileSystems.getDefault()) {
      throw new IllegalArgumentException(what + " is not on the default file system: " + path);
    }
    return PathCodec.of(path);
  }

  static byte[] bytes(String path, String what) {
    Objects.requireNonNull(path, what);
    if (path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " contains a NUL character: " + path.replace("\0", "\\0"));
    }
    return PathCodec.encode(path, what);
  }

  static byte[] encode(String text, Charset charset) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(charset, "charset");
    return text.getBytes(charset);
  }

  /** A callback for a file's bytes that tells {@code callback} of them as text. */
  static Callback<byte[]> decoding(Charset charset, Callback<String> callback) {
    Objects.requireNonNull(charset, "charset");
    Objects.requireNonNull(callback, "callback");
    return (bytes, error) -> callback.done(error == null ? new String(bytes, charset) : null, error);
  }

  private static String decoded(byte[] bytes) {
    return bytes == null ? null : PathCodec.decode(bytes);
  }

  static ByteBuffer[] one(ByteBuffer buffer) {
    return new ByteBuffer[] {Objects.requireNonNull(buffer, "buffer")};
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

  private static void checkFlags(int flags, int known, String what) {
    if ((flags & ~known) != 0) throw new IllegalArgumentException("unknown " + what + ": " + flags);
  }

  private static void checkNotNegative(long value, String what) {
    if (value < 0) throw new IllegalArgumentException(what + " must be >= 0, got " + value);
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

    /** Platforms answer an offset range past 2^63-1 differently (EINVAL, or 0 bytes): refused alike here. */
    void checkRange(long position) {
      long total = 0;
      for (int length : lengths) total += length;
      if (position > Long.MAX_VALUE - total) {
        throw new IllegalArgumentException(
            "position " + position + " plus " + total + " bytes ends past the largest file offset, 2^63-1");
      }
    }
  }

  // --- specs: one factory per argument shape, checks first ----------------------------------

  /** An operation on one path, which its errors call {@code what}; {@code flags} and {@code mode} as it takes them. */
  static <T> Spec<T> pathSpec(FsOp op, String what, String path, int flags, int mode) {
    byte[] p = bytes(path, what);
    return new Spec<>(op, path, null, (l, r) -> Native.fsPath(l, r, op.code(), p, flags, mode));
  }

  static <T> Spec<T> pathSpec(FsOp op, String path) {
    return pathSpec(op, "path", path, 0, 0);
  }

  static Spec<Void> modeSpec(FsOp op, String path, int mode) {
    checkMode(mode);
    return pathSpec(op, "path", path, 0, mode);
  }

  static Spec<Integer> openSpec(FsOp op, String path, int flags, int mode) {
    checkMode(mode);
    return FsRequests.<Integer>pathSpec(op, "path", path, flags, mode).orphaned(CLOSE_FD);
  }

  static Spec<Fs.TempFile> mkstempSpec(FsOp op, String template) {
    return FsRequests.<Fs.TempFile>pathSpec(op, "template", template, 0, 0).orphaned(CLOSE_FD);
  }

  static Spec<Void> accessSpec(FsOp op, String path, int mode) {
    checkFlags(mode, Fs.R_OK | Fs.W_OK | Fs.X_OK, "access mode");
    return pathSpec(op, "path", path, 0, mode);
  }

  static Spec<Dir> opendirSpec(FsOp op, String path) {
    return FsRequests.<Dir>pathSpec(op, path)
        .orphaned(
            (done, dir) -> {
              try {
                Fs.closedirSync(new Dir(Native.fsResultDir(done.request()), dir));
              } catch (UvException e) {
                // the directory stream is gone either way; nobody is left to tell
              }
            });
  }

  /** rename, link, symlink, copyfile, with {@code flags} among the {@code known} ones. */
  static Spec<Void> twoPathSpec(FsOp op, String path, String dest, int flags, int known) {
    checkFlags(flags, known, op.syscall() + " flags");
    byte[] p = bytes(path, "path");
    byte[] d = bytes(dest, "dest");
    return new Spec<>(op, path, dest, (l, r) -> Native.fsTwoPaths(l, r, op.code(), p, d, flags));
  }

  static <T> Spec<T> fileSpec(FsOp op, int fd) {
    return fileSpec(op, fd, 0, 0);
  }

  /** A close refuses a descriptor libuv watches: closing it behind libuv's back aborts the process. */
  static Spec<Void> closeSpec(FsOp op, int fd) {
    Descriptors.checkClosable(fd);
    return fileSpec(op, fd);
  }

  static Spec<Void> fchmodSpec(FsOp op, int fd, int mode) {
    checkFd(fd);
    checkMode(mode);
    return fileSpec(op, fd, mode, 0);
  }

  static Spec<Void> ftruncateSpec(FsOp op, int fd, long length) {
    checkFd(fd);
    checkNotNegative(length, "length");
    return fileSpec(op, fd, 0, length);
  }

  private static <T> Spec<T> fileSpec(FsOp op, int fd, int mode, long length) {
    checkFd(fd);
    return new Spec<>(op, null, null, (l, r) -> Native.fsFile(l, r, op.code(), fd, mode, length));
  }

  /** chown, lchown. */
  static Spec<Void> ownerSpec(FsOp op, String path, int uid, int gid) {
    byte[] p = bytes(path, "path");
    return new Spec<>(op, path, null, (l, r) -> Native.fsOwner(l, r, op.code(), p, 0, uid, gid));
  }

  static Spec<Void> fchownSpec(FsOp op, int fd, int uid, int gid) {
    checkFd(fd);
    return new Spec<>(op, null, null, (l, r) -> Native.fsOwner(l, r, op.code(), null, fd, uid, gid));
  }

  /** utime, lutime. */
  static Spec<Void> timesSpec(FsOp op, String path, double atime, double mtime) {
    byte[] p = bytes(path, "path");
    checkTime(atime, "atime");
    checkTime(mtime, "mtime");
    return new Spec<>(op, path, null, (l, r) -> Native.fsTimes(l, r, op.code(), p, 0, atime, mtime));
  }

  static Spec<Void> futimeSpec(FsOp op, int fd, double atime, double mtime) {
    checkFd(fd);
    checkTime(atime, "atime");
    checkTime(mtime, "mtime");
    return new Spec<>(op, null, null, (l, r) -> Native.fsTimes(l, r, op.code(), null, fd, atime, mtime));
  }

  /** read ({@code reading}) into or write from {@code buffers} at {@code position}. */
  static Spec<Integer> ioSpec(FsOp op, boolean reading, int fd, ByteBuffer[] buffers, long position) {
    checkFd(fd);
    if (position < -1) throw new IllegalArgumentException("position must be >= 0, or -1 for the current one; got " + position);
    IoBuffers io = new IoBuffers(buffers, reading);
    io.checkRange(position);
    Spec<Integer> spec = new Spec<>(op, null, null,
        (l, r) -> Native.fsReadWrite(l, r, op.code(), fd, io.direct, io.positions, io.lengths, io.direct.length, position));
    return spec.keeping(io, reading ? (done, path) -> io.copyBack(done.result()) : spec.result(), null);
  }

  static Spec<Long> sendfileSpec(FsOp op, int out, int in, long offset, long length) {
    checkFd(out);
    checkFd(in);
    checkNotNegative(offset, "offset");
    checkNotNegative(length, "length");
    return new Spec<>(op, null, null, (l, r) -> Native.fsSendfile(l, r, op.code(), out, in, offset, length));
  }

  static Spec<List<Dirent>> readdirSpec(FsOp op, Dir dir, int entries) {
    Objects.requireNonNull(dir, "dir");
    if (entries < 1) throw new IllegalArgumentException("entries must be >= 1, got " + entries);
    Spec<List<Dirent>> spec = new Spec<>(op, dir.path(), null,
        (l, r) -> {
          long d = dir.acquire("readdir");
          long rc = Native.fsDir(l, r, op.code(), d, entries);
          // a sync call has finished here; an async one that did not start is not reading
          if (r == Native.FS_SYNC || rc < 0) dir.release(false);
          return rc;
        });
    return spec.keeping(dir, spec.result(), () -> dir.release(false));
  }

  static Spec<Void> closedirSpec(FsOp op, Dir dir) {
    Objects.requireNonNull(dir, "dir");
    Spec<Void> spec = new Spec<>(op, dir.path(), null,
        (l, r) -> {
          long d = dir.acquire("closedir");
          long rc = Native.fsDir(l, r, op.code(), d, 0);
          // libuv frees the directory whether or not closing succeeds
          dir.release(rc >= 0 || r == Native.FS_SYNC);
          return rc;
        });
    return spec.keeping(dir, spec.result(), null);
  }
}
