package io.uv4j.internal;

/**
 * Every JNI entry point of uv4j, and nothing else.
 *
 * <p>Pointers are {@code long}s owned by the calling Java object, which alone decides when a
 * pointer is valid; these methods trust them. Methods named {@code *New} return a pointer, or a
 * negative libuv error code when creation failed. Methods returning {@code int} return libuv's
 * result (0 or a negative error code). Events come back through {@code io.uv4j.Loop.upcall}.
 */
public final class Native {
  /** A handle's close callback ran; the native struct is freed once the upcall returns. */
  public static final int EVENT_CLOSED = 0;
  /** A timer, idle, prepare, check or async callback ran. */
  public static final int EVENT_FIRED = 1;

  static {
    NativeLibrary.load();
  }

  private Native() {}

  /** Loads the native library if it is not loaded yet. */
  public static void ensureLoaded() {}

  // library
  public static native int version();

  public static native String versionString();

  public static native long hrtime();

  public static native String errName(int err);

  public static native String strError(int err);

  public static native String[] errorNames();

  public static native int[] errorNumbers();

  // loop
  public static native long loopNew();

  /** Runs uv_run; a throwable that escaped an upcall is rethrown from here. */
  public static native int loopRun(long loop, int mode);

  public static native void loopStop(long loop);

  public static native boolean loopAlive(long loop);

  public static native long loopNow(long loop);

  public static native void loopUpdateTime(long loop);

  /** Runs uv_loop_close and, when it succeeds, frees the loop. */
  public static native int loopClose(long loop);

  public static native int loopBackendFd(long loop);

  public static native int loopBackendTimeout(long loop);

  public static native int loopEnableIdleTimeMetrics(long loop);

  public static native long loopIdleTime(long loop);

  /** Fills {@code out} with loop_count, events, events_waiting. */
  public static native int loopMetricsInfo(long loop, long[] out);

  /** The peers of every handle of the loop, closing ones included. */
  public static native Object[] loopWalk(long loop);

  // every handle
  public static native void handleClose(long handle);

  public static native void handleRef(long handle);

  public static native void handleUnref(long handle);

  public static native boolean handleHasRef(long handle);

  public static native boolean handleIsActive(long handle);

  // timer
  public static native long timerNew(long loop, Object peer);

  public static native int timerStart(long timer, long timeout, long repeat);

  public static native int timerStop(long timer);

  public static native int timerAgain(long timer);

  public static native void timerSetRepeat(long timer, long repeat);

  public static native long timerGetRepeat(long timer);

  public static native long timerGetDueIn(long timer);

  // idle, prepare, check
  public static native long idleNew(long loop, Object peer);

  public static native int idleStart(long idle);

  public static native int idleStop(long idle);

  public static native long prepareNew(long loop, Object peer);

  public static native int prepareStart(long prepare);

  public static native int prepareStop(long prepare);

  public static native long checkNew(long loop, Object peer);

  public static native int checkStart(long check);

  public static native int checkStop(long check);

  // async
  public static native long asyncNew(long loop, Object peer);

  public static native int asyncSend(long async);
}
