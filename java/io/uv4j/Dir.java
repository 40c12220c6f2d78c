package io.uv4j;

/**
 * An open directory stream from {@link Fs#opendir}: read it in batches with {@link Fs#readdir}
 * and close it with {@link Fs#closedir}. It may be shared between threads, but it serves one
 * operation at a time: starting another, on any thread, while a {@code readdir} or {@code
 * closedir} is in progress throws {@link IllegalStateException}.
 */
public final class Dir {
  private final String path;
  /** The native directory; 0 once closed. Guarded by this. */
  private long ptr;
  /** The operation in progress ("readdir" or "closedir"), or null. Guarded by this. */
  private String busyWith;

  Dir(long ptr, String path) {
    this.ptr = ptr;
    this.path = path;
  }

  /** {@return the path it was opened with} */
  public String path() {
    return path;
  }

  /** {@return whether {@link Fs#closedir} has been called} */
  public synchronized boolean isClosed() {
    return ptr == 0;
  }

  /**
   * Takes the directory for {@code operation}. Synchronised because the sync forms run on any
   * thread, and two operations on one native directory at once corrupt the native heap.
   */
  synchronized long acquire(String operation) {
    if (ptr == 0) throw new IllegalStateException("directory '" + path + "' is closed");
    if (busyWith != null) {
      throw new IllegalStateException("directory '" + path + "' is busy with a " + busyWith + " in progress");
    }
    busyWith = operation;
    return ptr;
  }

  synchronized void release(boolean closed) {
    busyWith = null;
    if (closed) ptr = 0;
  }

  @Override
  public synchronized String toString() {
    return "Dir[" + path + (ptr == 0 ? ", closed]" : "]");
  }
}
