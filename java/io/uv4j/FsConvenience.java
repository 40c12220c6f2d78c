package io.uv4j;

import java.io.File;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The whole-file and whole-tree operations of {@link Fs} (readFile, writeFile, appendFile,
 * mkdirRecursive, rmRecursive), built of Fs's own operations only, so that the asynchronous forms
 * run step by step on libuv's thread pool as Node's {@code fs.promises} do. The public forms are
 * on {@link Fs}.
 */
final class FsConvenience {
  /** Largest single read or write: big enough for full speed, small enough to keep memory flat. */
  static final int CHUNK = 8 << 20;
  /** First read size for a file whose size is unknown (0 from fstat): Node's choice. */
  static final int UNKNOWN_SIZE_CHUNK = 64 << 10;
  /** The largest byte array the JVM reliably allocates. */
  static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
  /** Node's default for created files; the umask takes away from it. */
  static final int FILE_MODE = 0666;

  private FsConvenience() {}

  static int writeFlags() {
    return Fs.O_WRONLY | Fs.O_CREAT | Fs.O_TRUNC;
  }

  static int appendFlags() {
    return Fs.O_WRONLY | Fs.O_CREAT | Fs.O_APPEND;
  }

  // --- shared pieces ----------------------------------------------------------------------------

  /** A file's bytes as they are read: one array sized from fstat, grown or trimmed to what is read. */
  private static final class Contents {
    private final String path;
    private final int expected;
    private byte[] data;
    private int length;
    /** The next read's buffer. */
    private ByteBuffer chunk;
    /** Reading ahead, the buffer whose bytes are copied while the next read fills {@link #chunk}. */
    private ByteBuffer other;

    Contents(String path, Stat stat) throws UvException {
      this.path = path;
      // only a regular file's size is worth trusting; /proc, FIFOs and devices report 0
      long size = stat.isFile() ? stat.size() : 0;
      if (size > MAX_ARRAY) throw tooLarge();
      expected = (int) size;
      data = new byte[expected];
      chunk = ByteBuffer.allocateDirect(size > 0 ? (int) Math.min(size, CHUNK) : UNKNOWN_SIZE_CHUNK);
    }

    /** Where the next read goes; a small buffer is enlarged once the file has grown past its size. */
    ByteBuffer[] target() {
      if (length > expected && chunk.capacity() < UNKNOWN_SIZE_CHUNK) {
        chunk = ByteBuffer.allocateDirect(UNKNOWN_SIZE_CHUNK);
      }
      return new ByteBuffer[] {chunk};
    }

    /** Takes the {@code n} bytes the last read put into the buffer. */
    void append(int n) throws UvException {
      checkRoom(n);
      append(chunk, n);
    }

    /** Refuses {@code n} more bytes if the contents would no longer fit in a Java array. */
    void checkRoom(int n) throws UvException {
      if ((long) length + n > MAX_ARRAY) throw tooLarge();
    }

    /** Whether the file has more bytes than those read, by its size: worth reading ahead for. */
    boolean expectsMore(int n) {
      return (long) length + n < expected;
    }

    /**
     * Reading ahead: makes the next {@link #target()} the other of two buffers and returns the one
     * the last read filled, whose bytes {@link #append(ByteBuffer, int)} copies while the next read
     * fills the other.
     */
    ByteBuffer alternate() {
      ByteBuffer filled = chunk;
      chunk = other != null ? other : ByteBuffer.allocateDirect(filled.capacity());
      other = filled;
      return filled;
    }

    /** Takes {@code n} bytes from the start of {@code filled}, which {@link #checkRoom} allowed. */
    void append(ByteBuffer filled, int n) {
      if (n > data.length - length) {
        long needed = (long) length + n;
        long grown = Math.max(needed, Math.max((long) length + (length >> 1), UNKNOWN_SIZE_CHUNK));
        data = Arrays.copyOf(data, (int) Math.min(grown, MAX_ARRAY));
      }
      filled.get(0, data, length, n);
      length += n;
    }

    byte[] result() {
      return length == data.length ? data : Arrays.copyOf(data, length);
    }

    private UvException tooLarge() {
      return new UvException(UvError.EFBIG.errno(), "read", path, null);
    }
  }

  /** The bytes still to write, handed out through one direct buffer of at most {@link #CHUNK}. */
  private static final class Outgoing {
    private final byte[] data;
    private final ByteBuffer chunk;
    private int written;

    Outgoing(byte[] data) {
      this.data = data;
      chunk = ByteBuffer.allocateDirect(Math.min(data.length, CHUNK));
      chunk.limit(0);
    }

    boolean done() {
      return written == data.length;
    }

    /** The buffers for the next write: what a short write left, else the next chunk. */
    ByteBuffer[] next() {
      if (!chunk.hasRemaining()) {
        chunk.clear();
        chunk.put(data, written, Math.min(chunk.capacity(), data.length - written)).flip();
      }
      return new ByteBuffer[] {chunk};
    }

    void wrote(int n) {
      chunk.position(chunk.position() + n);
      written += n;
    }
  }

  /** What recursive mkdir does after {@code mkdir} failed, as Node's MKDirp decides it. */
  private enum AfterMkdir {
    FAIL,
    MAKE_PARENT,
    CHECK_EXISTING
  }

  private static AfterMkdir afterMkdir(UvException error, String path, boolean retried) {
    UvError code = error.error();
    if (code == UvError.ENOENT) return retried || parentOf(path) == null ? AfterMkdir.FAIL : AfterMkdir.MAKE_PARENT;
    if (code == UvError.EACCES || code == UvError.ENOSPC || code == UvError.ENOTDIR || code == UvError.EPERM
        || code == UvError.ECANCELED) {
      return AfterMkdir.FAIL;
    }
    // EEXIST, and whatever else a platform says of an existing path (EROFS, EISDIR)
    return AfterMkdir.CHECK_EXISTING;
  }

  /**
   * After {@code mkdir} failed with {@code error} on a path {@code stat} found: null if it is a
   * directory, else Node's error: ENOTDIR for a parent, EEXIST for the path asked for.
   */
  private static UvException notADirectory(Stat stat, UvException error, String path, boolean parent) {
    if (stat.isDirectory()) return null;
    boolean exists = error.error() == UvError.EEXIST;
    if (parent && exists) return new UvException(UvError.ENOTDIR.errno(), "mkdir", path, null);
    return exists ? error : new UvException(UvError.EEXIST.errno(), "mkdir", path, null);
  }

  private static boolean isSeparator(char c) {
    return c == '/' || c == File.separatorChar;
  }

  /** The parent directory of {@code path}, or null for a root or a single relative name. */
  static String parentOf(String path) {
    int end = path.length();
    while (end > 1 && isSeparator(path.charAt(end - 1))) end--;
    int slash = end - 1;
    while (slash >= 0 && !isSeparator(path.charAt(slash))) slash--;
    if (slash < 0) return null;
    int stop = slash;
    while (stop > 0 && isSeparator(path.charAt(stop - 1))) stop--;
    String parent = stop == 0 ? path.substring(0, 1) : path.substring(0, stop);
    return parent.equals(path) ? null : parent;
  }

  static String child(String dir, String name) {
    return !dir.isEmpty() && isSeparator(dir.charAt(dir.length() - 1)) ? dir + name : dir + File.separator + name;
  }

  private static void checkPath(String path) {
    Fs.bytes(path, "path");
  }

  /**
   * Closes the descriptor a task opened, then tells {@code after} what the close failed with (null
   * if nothing): at once while the loop is tearing down, since a closing loop takes no new work and
   * the descriptor must not leak, else through the loop's file operations.
   */
  static void closeFile(Fs fs, int fd, Callback<Void> after) {
    if (!fs.loop().isTearingDown()) {
      fs.close(fd, after);
      return;
    }
    UvException closeError = null;
    try {
      Fs.closeSync(fd);
    } catch (UvException e) {
      closeError = e;
    }
    try {
      after.done(null, closeError);
    } catch (Exception e) {
      throw Throwables.sneaky(e);
    }
  }

  /** A task's outcome once its descriptor is closed: its own failure first, the close's kept in it. */
  static UvException withCloseError(UvException failure, UvException closeError) {
    if (closeError == null) return failure;
    if (failure == null) return closeError;
    failure.addSuppressed(closeError);
    return failure;
  }

  private static void closeAfterFailure(int fd, Throwable failure) {
    try {
      Fs.closeSync(fd);
    } catch (UvException e) {
      failure.addSuppressed(e);
    }
  }

  // --- sync forms -------------------------------------------------------------------------------

  static byte[] readFileSync(String path) throws UvException {
    int fd = Fs.openSync(path, Fs.O_RDONLY, 0);
    byte[] result;
    try {
      Contents contents = new Contents(path, Fs.fstatSync(fd));
      int n;
      while ((n = Fs.readSync(fd, contents.target(), -1)) > 0) contents.append(n);
      result = contents.result();
    } catch (Throwable t) {
      closeAfterFailure(fd, t);
      throw t;
    }
    Fs.closeSync(fd);
    return result;
  }

  static void writeFileSync(String path, int flags, byte[] data) throws UvException {
    checkPath(path);
    Outgoing out = new Outgoing(Objects.requireNonNull(data, "data"));
    int fd = Fs.openSync(path, flags, FILE_MODE);
    try {
      while (!out.done()) out.wrote(Fs.writeSync(fd, out.next(), -1));
    } catch (Throwable t) {
      closeAfterFailure(fd, t);
      throw t;
    }
    Fs.closeSync(fd);
  }

  static String mkdirRecursiveSync(String path, int mode) throws UvException {
    checkPath(path);
    Fs.checkMode(mode);
    String[] first = {null};
    makeDirSync(path, mode, false, false, first);
    return first[0];
  }

  private static void makeDirSync(String path, int mode, boolean parent, boolean retried, String[] first)
      throws UvException {
    UvException error;
    try {
      Fs.mkdirSync(path, mode);
      if (first[0] == null) first[0] = path;
      return;
    } catch (UvException e) {
      error = e;
    }
    switch (afterMkdir(error, path, retried)) {
      case MAKE_PARENT:
        makeDirSync(parentOf(path), mode, true, false, first);
        makeDirSync(path, mode, parent, true, first);
        return;
      case CHECK_EXISTING:
        UvException existing = notADirectory(Fs.statSync(path), error, path, parent);
        if (existing != null) throw existing;
        return;
      default:
        throw error;
    }
  }

  static void rmRecursiveSync(String path) throws UvException {
    if (Fs.lstatSync(path).isDirectory()) removeDirSync(path);
    else Fs.unlinkSync(path);
  }

  private static void removeDirSync(String dir) throws UvException {
    for (Dirent entry : Fs.scandirSync(dir)) {
      String path = child(dir, entry.name());
      try {
        Dirent.Type type = entry.type();
        if (type == Dirent.Type.UNKNOWN) type = Fs.lstatSync(path).isDirectory() ? Dirent.Type.DIR : Dirent.Type.FILE;
        if (type == Dirent.Type.DIR) removeDirSync(path);
        else Fs.unlinkSync(path);
      } catch (UvException e) {
        // gone already, which is what was wanted (Node's rimraf)
        if (e.error() != UvError.ENOENT) throw e;
      }
    }
    Fs.rmdirSync(dir);
  }

  // --- asynchronous forms -----------------------------------------------------------------------

  static Cancelable readFile(Fs fs, String path, Callback<byte[]> callback) {
    Objects.requireNonNull(callback, "callback");
    checkPath(path);
    ReadFile task = new ReadFile(fs, path, callback);
    task.start();
    return task;
  }

  static Cancelable writeFile(Fs fs, String path, int flags, byte[] data, Callback<Void> callback) {
    Objects.requireNonNull(callback, "callback");
    checkPath(path);
    WriteFile task = new WriteFile(fs, path, flags, Objects.requireNonNull(data, "data"), callback);
    task.start();
    return task;
  }

  static Cancelable mkdirRecursive(Fs fs, String path, int mode, Callback<String> callback) {
    Objects.requireNonNull(callback, "callback");
    checkPath(path);
    Fs.checkMode(mode);
    MakeDirs task = new MakeDirs(fs, mode, callback);
    task.start(path);
    return task;
  }

  static Cancelable rmRecursive(Fs fs, String path, Callback<Void> callback) {
    Objects.requireNonNull(callback, "callback");
    checkPath(path);
    RemoveTree task = new RemoveTree(fs, callback);
    task.start(path);
    return task;
  }

  /**
   * A chain of Fs operations, one at a time, reported once to the callback. Cancelling refuses
   * the next step (and cancels the one waiting for a pool thread, if any); so does a loop that is
   * closing, where no new work may start. Either way the callback gets {@code ECANCELED}, naming
   * the step that was cancelled or refused; what earlier steps did stays done.
   */
  private abstract static class Task<T> implements Cancelable {
    final Fs fs;
    final Loop loop;
    private final Callback<T> callback;
    private Cancelable current;
    private String syscall;
    private String path;
    private boolean cancelled;
    /** Set once the outcome is known: only closing the file may be left, and that is not cancelled. */
    private boolean settled;

    Task(Fs fs, Callback<T> callback) {
      this.loop = fs.loop();
      // its steps finish (closing what they opened) even when callbacks stop
      this.fs = loop.internalFs();
      this.callback = callback;
    }

    /** Starts the first operation, which throws as any Fs operation does. */
    final void begin(String syscall, String path, Supplier<Cancelable> operation) {
      current = operation.get();
      this.syscall = syscall;
      this.path = path;
    }

    /** Starts a later operation; inside a callback, refusing it must be reported, not thrown. */
    final void step(String syscall, String path, Supplier<Cancelable> operation) throws Exception {
      if (cancelled || loop.isTearingDown()) {
        fail(new UvException(UvError.ECANCELED.errno(), syscall, path, null));
        return;
      }
      begin(syscall, path, operation);
    }

    /** Ends the task with {@code error}; tasks holding a file close it first. */
    void fail(UvException error) throws Exception {
      finish(null, error);
    }

    /** From now on only closing is left: cancel() no longer applies. */
    final void settle() {
      settled = true;
      current = null;
    }

    final void finish(T value, UvException error) throws Exception {
      settle();
      // cancel() said yes while the last step ran: its callback is owed ECANCELED
      if (error == null && cancelled) {
        value = null;
        error = new UvException(UvError.ECANCELED.errno(), syscall, path, null);
      }
      // an unhandled error or an exit stopped callbacks: the steps ran to the end, the user's does not
      if (loop.acceptsCallbacks()) callback.done(value, error);
    }

    @Override
    public final boolean cancel() {
      loop.checkThread();
      if (settled) return false;
      cancelled = true;
      if (current != null) current.cancel();
      return true;
    }
  }

  /** A task with an open file, which it closes whatever happens, reporting the first error. */
  private abstract static class FileTask<T> extends Task<T> {
    int fd = -1;

    FileTask(Fs fs, Callback<T> callback) {
      super(fs, callback);
    }

    @Override
    final void fail(UvException error) throws Exception {
      closeThen(null, error);
    }

    final void closeThen(T value, UvException error) throws Exception {
      if (fd < 0) {
        finish(value, error);
        return;
      }
      settle();
      int file = fd;
      fd = -1;
      closeFile(fs, file, (ignored, closeError) -> {
        UvException failure = withCloseError(error, closeError);
        finish(failure == null ? value : null, failure);
      });
    }
  }

  private static final class ReadFile extends FileTask<byte[]> {
    private final String path;
    private Contents contents;

    ReadFile(Fs fs, String path, Callback<byte[]> callback) {
      super(fs, callback);
      this.path = path;
    }

    void start() {
      begin("open", path, () -> fs.open(path, Fs.O_RDONLY, 0, this::opened));
    }

    private void opened(Integer file, UvException error) throws Exception {
      if (error != null) {
        finish(null, error);
        return;
      }
      fd = file;
      step("fstat", null, () -> fs.fstat(file, this::statted));
    }

    private void statted(Stat stat, UvException error) throws Exception {
      if (error == null) {
        try {
          contents = new Contents(path, stat);
        } catch (UvException tooLarge) {
          error = tooLarge;
        }
      }
      if (error != null) fail(error);
      else readNext();
    }

    private void readNext() throws Exception {
      step("read", null, () -> fs.read(fd, contents.target(), -1, this::didRead));
    }

    /**
     * While more bytes are expected, the next read starts before this one's bytes are copied out, so
     * that a pool thread fills one buffer while the loop thread empties the other.
     */
    private void didRead(Integer n, UvException error) throws Exception {
      if (error == null && n > 0) {
        try {
          contents.checkRoom(n);
        } catch (UvException tooLarge) {
          error = tooLarge;
        }
      }
      if (error != null) {
        fail(error);
      } else if (n == 0) {
        closeThen(contents.result(), null);
      } else if (contents.expectsMore(n)) {
        ByteBuffer filled = contents.alternate();
        readNext();
        contents.append(filled, n);
      } else {
        contents.append(n);
        readNext();
      }
    }
  }

  private static final class WriteFile extends FileTask<Void> {
    private final String path;
    private final int flags;
    private final Outgoing out;

    WriteFile(Fs fs, String path, int flags, byte[] data, Callback<Void> callback) {
      super(fs, callback);
      this.path = path;
      this.flags = flags;
      this.out = new Outgoing(data);
    }

    void start() {
      begin("open", path, () -> fs.open(path, flags, FILE_MODE, this::opened));
    }

    private void opened(Integer file, UvException error) throws Exception {
      if (error != null) {
        finish(null, error);
        return;
      }
      fd = file;
      writeNext();
    }

    private void writeNext() throws Exception {
      if (out.done()) closeThen(null, null);
      else step("write", null, () -> fs.write(fd, out.next(), -1, this::wrote));
    }

    private void wrote(Integer n, UvException error) throws Exception {
      if (error != null) {
        fail(error);
        return;
      }
      out.wrote(n);
      writeNext();
    }
  }

  private static final class MakeDirs extends Task<String> {
    private final int mode;
    /** The first directory made, which the task reports, as Node's recursive mkdir does. */
    private String first;

    MakeDirs(Fs fs, int mode, Callback<String> callback) {
      super(fs, callback);
      this.mode = mode;
    }

    void start(String path) {
      Completion done = error -> finish(error == null ? first : null, error);
      begin("mkdir", path, () -> fs.mkdir(path, mode, (ignored, error) -> made(path, false, false, error, done)));
    }

    /** Makes {@code path} a directory, its missing parents first; then {@code next}. */
    private void makeDir(String path, boolean parent, boolean retried, Completion next) throws Exception {
      step("mkdir", path, () -> fs.mkdir(path, mode, (ignored, error) -> made(path, parent, retried, error, next)));
    }

    private void made(String path, boolean parent, boolean retried, UvException error, Completion next)
        throws Exception {
      if (error == null) {
        if (first == null) first = path;
        next.done(null);
        return;
      }
      switch (afterMkdir(error, path, retried)) {
        case MAKE_PARENT:
          makeDir(parentOf(path), true, false, parentError -> {
            if (parentError != null) next.done(parentError);
            else makeDir(path, parent, true, next);
          });
          return;
        case CHECK_EXISTING:
          step("stat", path, () -> fs.stat(path, (stat, statError) ->
              next.done(statError != null ? statError : notADirectory(stat, error, path, parent))));
          return;
        default:
          next.done(error);
      }
    }
  }

  private static final class RemoveTree extends Task<Void> {
    RemoveTree(Fs fs, Callback<Void> callback) {
      super(fs, callback);
    }

    void start(String path) {
      Completion done = error -> finish(null, error);
      begin("lstat", path, () -> fs.lstat(path, (stat, error) -> {
        if (error != null) done.done(error);
        else removeEntry(path, stat.isDirectory() ? Dirent.Type.DIR : Dirent.Type.FILE, done);
      }));
    }

    private void removeEntry(String path, Dirent.Type type, Completion next) throws Exception {
      if (type == Dirent.Type.DIR) {
        step("scandir", path, () -> fs.scandir(path, (entries, error) -> {
          if (error != null) next.done(error);
          else removeEntries(path, entries, 0, next);
        }));
      } else if (type == Dirent.Type.UNKNOWN) {
        step("lstat", path, () -> fs.lstat(path, (stat, error) -> {
          if (error != null) next.done(error);
          else removeEntry(path, stat.isDirectory() ? Dirent.Type.DIR : Dirent.Type.FILE, next);
        }));
      } else {
        step("unlink", path, () -> fs.unlink(path, (ignored, error) -> next.done(error)));
      }
    }

    /** Removes {@code entries[i..]} of {@code dir}, one after another, then {@code dir} itself. */
    private void removeEntries(String dir, List<Dirent> entries, int i, Completion next) throws Exception {
      if (i == entries.size()) {
        step("rmdir", dir, () -> fs.rmdir(dir, (ignored, error) -> next.done(error)));
        return;
      }
      Dirent entry = entries.get(i);
      removeEntry(child(dir, entry.name()), entry.type(), error -> {
        // gone already, which is what was wanted (Node's rimraf)
        if (error != null && error.error() != UvError.ENOENT) next.done(error);
        else removeEntries(dir, entries, i + 1, next);
      });
    }
  }
}
