package io.uv4j;

import io.uv4j.internal.Native;
import java.util.Arrays;
import java.util.Objects;

/**
 * Watches a path by polling its status at an interval ({@code uv_fs_poll_t}); works on every
 * file system, including network ones. Every method must be called on the loop's thread.
 */
public final class FsPoll extends Handle {
  /** Receives each change of status. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param previous the status before (all zero if the path did not exist)
     * @param current the status now (all zero if the path does not exist)
     * @param error {@code ENOENT} and the like while the path cannot be stat'ed, else null
     * @throws Exception anything; it goes to the loop's uncaught-exception handling
     */
    void onChange(Stat previous, Stat current, UvException error) throws Exception;
  }

  private Listener listener;
  private String path;

  /**
   * Creates a stopped poller.
   *
   * @param loop the loop whose thread will use the handle and hear of changes
   * @throws NullPointerException if {@code loop} is null
   * @throws UvException if libuv refuses
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   */
  public FsPoll(Loop loop) throws UvException {
    super(Objects.requireNonNull(loop, "loop"));
    bindNew(Native.fsPollNew(loop.checkUsable(), this), "uv_fs_poll_init");
  }

  /**
   * Starts polling {@code path} every {@code intervalMs} milliseconds; the listener hears of
   * each change, including the path appearing and disappearing.
   *
   * @param path the file or directory to watch; it need not exist yet
   * @param intervalMs how often to look, in milliseconds
   * @param listener told on the loop thread of each change of status
   * @throws NullPointerException if {@code path} or {@code listener} is null
   * @throws IllegalArgumentException if {@code intervalMs} is below 1 or {@code path} contains
   *     a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws UvException if libuv refuses
   * @throws IllegalStateException if already started, closed, or called from another thread
   */
  public void start(String path, int intervalMs, Listener listener) throws UvException {
    byte[] bytes = Fs.bytes(path, "path");
    Objects.requireNonNull(listener, "listener");
    if (intervalMs < 1) throw new IllegalArgumentException("interval must be >= 1 ms, got " + intervalMs);
    long p = open();
    if (Native.handleIsActive(p)) throw new IllegalStateException(this + " is already polling " + this.path);
    ThreadPool.using(); // its stat calls run on the pool
    UvException.check(Native.fsPollStart(p, bytes, intervalMs), "uv_fs_poll_start", path);
    this.listener = listener;
    this.path = path;
  }

  /**
   * Stops polling.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public void stop() {
    Native.fsPollStop(open());
  }

  /**
   * The polled path, or null when not polling.
   *
   * @return the path given to {@link #start}, or {@code null} if the poller is stopped
   * @throws IllegalStateException if closed or called from another thread
   */
  public String path() {
    int[] status = new int[1];
    byte[] bytes = Native.fsPollPath(open(), status);
    return bytes == null ? null : PathCodec.decode(bytes);
  }

  @Override
  void fired(long arg) throws Exception {
    long[] v = new long[2 * Native.STAT_LONGS];
    Native.fsPollStats(ptr, v);
    long[] prev = Arrays.copyOfRange(v, 0, Native.STAT_LONGS);
    long[] curr = Arrays.copyOfRange(v, Native.STAT_LONGS, v.length);
    int status = (int) arg;
    listener.onChange(Stat.of(prev), Stat.of(curr), status < 0 ? new UvException(status, "stat", path, null) : null);
  }
}
