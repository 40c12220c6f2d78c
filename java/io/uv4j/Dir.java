package io.uv4j;

/**
 * An open directory stream from {@link Fs#opendir}: read it in batches with {@link Fs#readdir}
 * and close it with {@link Fs#closedir}. One read at a time; not thread-safe.
 */
public final class Dir {
  private long ptr;
  private boolean busy;
  private final String path;

  Dir(long ptr, String path) {
    this.ptr = ptr;
    this.path = path;
  }

  /** The path it was opened with. */
  public String path() {
    return path;
  }

  /** Whether {@link Fs#closedir} has been called. */
  public boolean isClosed() {
    return ptr == 0;
  }

  /** Takes the directory for one operation. */
  long acquire() {
    if (ptr == 0) throw new IllegalStateException("directory '" + path + "' is closed");
    if (busy) throw new IllegalStateException("directory '" + path + "' is already being read or closed");
    busy = true;
    return ptr;
  }

  void release(boolean closed) {
    busy = false;
    if (closed) ptr = 0;
  }

  @Override
  public String toString() {
    return "Dir[" + path + (ptr == 0 ? ", closed]" : "]");
  }
}
