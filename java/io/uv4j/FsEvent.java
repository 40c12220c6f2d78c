package io.uv4j;

import io.uv4j.internal.Native;
import java.util.Objects;

/**
 * Watches a file or directory for changes with the OS's notification mechanism ({@code
 * uv_fs_event_t}: inotify, FSEvents, kqueue, ReadDirectoryChangesW). Every method must be called
 * on the loop's thread.
 */
public final class FsEvent extends Handle {
  /** Event bit: an entry was renamed, created or deleted. */
  public static final int RENAME = 1;
  /** Event bit: an entry's contents or metadata changed. */
  public static final int CHANGE = 2;
  /** Start flag: also watch subdirectories (macOS and Windows; {@code ENOSYS} elsewhere). */
  public static final int RECURSIVE = 4;

  // Elsewhere libuv ignores the flag and watches only the top directory.
  private static final boolean RECURSIVE_SUPPORTED = recursiveSupported();

  /** Receives changes. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param filename the entry the event is about, relative to the watched directory (or the
     *     watched file's name); null where the platform does not tell
     * @param events {@link #RENAME} and/or {@link #CHANGE}, or 0 with an error
     * @param error why watching failed, or null
     * @throws Exception anything; it goes to the loop's uncaught-exception handling
     */
    void onEvent(String filename, int events, UvException error) throws Exception;
  }

  private Listener listener;
  private String path;

  /**
   * Creates a stopped watcher.
   *
   * @param loop the loop whose thread will use the handle and hear of changes
   * @throws NullPointerException if {@code loop} is null
   * @throws UvException if libuv refuses
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   */
  public FsEvent(Loop loop) throws UvException {
    super(Objects.requireNonNull(loop, "loop"));
    bindNew(Native.fsEventNew(loop.checkUsable(), this), "uv_fs_event_init");
  }

  /**
   * Starts watching {@code path}.
   *
   * @param path the file or directory to watch; it must exist
   * @param flags 0 or {@link #RECURSIVE}
   * @param listener told on the loop thread of each change, or of an error
   * @throws NullPointerException if {@code path} or {@code listener} is null
   * @throws IllegalArgumentException if flags are unknown or {@code path} contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws UvException if the path cannot be watched ({@code ENOENT}, {@code ENOSYS} for
   *     recursive watching where unsupported, ...)
   * @throws IllegalStateException if already started, closed, or called from another thread
   */
  public void start(String path, int flags, Listener listener) throws UvException {
    byte[] bytes = Fs.bytes(path, "path");
    Objects.requireNonNull(listener, "listener");
    if ((flags & ~RECURSIVE) != 0) throw new IllegalArgumentException("unknown fs event flags: " + flags);
    long p = open();
    if (Native.handleIsActive(p)) throw new IllegalStateException(this + " is already watching " + this.path);
    if ((flags & RECURSIVE) != 0 && !RECURSIVE_SUPPORTED) throw new UvException(UvError.ENOSYS.errno(), "watch", path, null);
    int rc = Native.fsEventStart(p, bytes, flags);
    // the loop's first watch opens its inotify descriptor
    loop.noteDescriptors();
    UvException.check(rc, "watch", path);
    this.listener = listener;
    this.path = path;
  }

  /**
   * Stops watching.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public void stop() {
    Native.fsEventStop(open());
  }

  /**
   * The watched path, or null when not watching.
   *
   * @return the path given to {@link #start}, or {@code null} if the watcher is stopped
   * @throws IllegalStateException if closed or called from another thread
   */
  public String path() {
    int[] status = new int[1];
    byte[] bytes = Native.fsEventPath(open(), status);
    return bytes == null ? null : PathCodec.decode(bytes);
  }

  private static boolean recursiveSupported() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    return os.startsWith("mac") || os.startsWith("windows");
  }

  @Override
  void fired(long arg) throws Exception {
    int value = (int) arg;
    byte[] name = Native.fsEventFilename(ptr);
    String filename = name == null ? null : PathCodec.decode(name);
    if (value < 0) listener.onEvent(filename, 0, new UvException(value, "watch", path, null));
    else listener.onEvent(filename, value, null);
  }
}
