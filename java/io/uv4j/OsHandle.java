package io.uv4j;

import io.uv4j.internal.Native;

/**
 * Conversions between a C runtime file descriptor and the OS handle behind it. On Windows the two
 * differ (an {@code int} descriptor of the C runtime, and a {@code HANDLE} or {@code SOCKET});
 * on Unix both are the same number, and these conversions return what they are given. Callable
 * from any thread.
 */
public final class OsHandle {
  private OsHandle() {}

  /**
   * The OS handle of C runtime descriptor {@code fd} ({@code uv_get_osfhandle}): on Unix {@code
   * fd} itself, open or not; on Windows its {@code HANDLE}, which stays the C runtime's: close
   * {@code fd}, never the handle, and do not use the handle once {@code fd} is closed.
   *
   * @param fd a C runtime descriptor
   * @return the OS handle; on Unix, {@code fd}
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws UvException {@code EBADF} on Windows if {@code fd} is not an open descriptor
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static long forDescriptor(int fd) throws UvException {
    if (fd < 0) throw new IllegalArgumentException("fd must be >= 0, got " + fd);
    Native.ensureLoaded();
    long handle = Native.osHandleOf(fd);
    // Windows' INVALID_HANDLE_VALUE; a Unix descriptor is never negative
    if (handle == -1) throw new UvException(UvError.EBADF.errno(), "uv_get_osfhandle", null, null, "descriptor " + fd);
    return handle;
  }

  /**
   * A C runtime descriptor for OS handle {@code osHandle} ({@code uv_open_osfhandle}): on Unix
   * {@code osHandle} itself; on Windows a new descriptor that takes the handle over, so that
   * closing the descriptor closes the handle and the handle must no longer be used or closed.
   *
   * @param osHandle an OS handle (a {@code HANDLE} or {@code SOCKET} on Windows, a descriptor on
   *     Unix)
   * @return the descriptor; on Unix, {@code osHandle}
   * @throws IllegalArgumentException if {@code osHandle} is negative or above {@code
   *     Integer.MAX_VALUE} (Windows handles fit in 32 bits, Unix descriptors are {@code int}s)
   * @throws UvException {@code EMFILE} on Windows if the C runtime gives no descriptor (it says
   *     no why; running out of descriptors is its one documented cause)
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static int openDescriptor(long osHandle) throws UvException {
    if (osHandle < 0 || osHandle > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("osHandle must be 0.." + Integer.MAX_VALUE + ", got " + osHandle);
    }
    Native.ensureLoaded();
    int fd = Native.osHandleOpen(osHandle);
    if (fd < 0) throw new UvException(UvError.EMFILE.errno(), "uv_open_osfhandle", null, null, "OS handle " + osHandle);
    return fd;
  }
}
