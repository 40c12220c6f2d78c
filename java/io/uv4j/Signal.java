package io.uv4j;

import io.uv4j.internal.Native;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A libuv signal watcher ({@code uv_signal_t}): runs a callback on the loop thread each time the
 * process receives a signal. Name signals through {@link Signals}, whose numbers are this
 * platform's: {@code signal.start(Signals.number("SIGUSR1"), signum -> ...)}. Several watchers,
 * on one loop or on several, may watch one signal; each of them runs its callback.
 *
 * <h2>Signals the JVM keeps</h2>
 *
 * HotSpot needs some signals for itself, and {@link #start(int, IntConsumer) start} refuses them
 * with an {@link IllegalArgumentException} that names the signal and the reason:
 *
 * <ul>
 *   <li>SIGSEGV, SIGBUS, SIGFPE and SIGILL: HotSpot turns them into Java exceptions (null
 *       pointers, stack overflow, division by zero, faults on mapped files), uses them for its
 *       own checks, and reports crashes through them;
 *   <li>SIGPIPE and SIGXFSZ: HotSpot's handler ignores them, so that writing to a closed pipe or
 *       past the file size limit fails with an error instead of ending the process;
 *   <li>the signal HotSpot suspends and resumes threads with: SIGUSR2, or the number the {@code
 *       _JAVA_SR_SIGNUM} environment variable gives it when HotSpot accepts that number;
 *   <li>SIGQUIT, on which HotSpot prints a thread dump and starts its attach listener, unless the
 *       JVM runs with {@code -Xrs} (seen by whether the JVM installed its SIGQUIT handler);
 *   <li>SIGTRAP on ppc64, where HotSpot's compiled code traps for its checks;
 *   <li>SIGKILL and SIGSTOP, which no process can catch.
 * </ul>
 *
 * Under {@code -Xcheck:jni} HotSpot checks now and then that its handlers of SIGSEGV, SIGBUS,
 * SIGFPE, SIGILL, SIGPIPE, SIGXFSZ and the suspend/resume signal are still in place, and prints
 * {@code Warning: SIGUSR2 handler modified!} with a table of handlers when one is not; the
 * handlers behind Java's own signal API (SIGINT, SIGTERM, SIGHUP, SIGQUIT) it does not check.
 *
 * <p>On Windows libuv watches console events, and only SIGINT (Ctrl-C), SIGBREAK (Ctrl-Break),
 * SIGHUP (the console closes) and SIGWINCH (the console is resized) are delivered; SIGBREAK is
 * refused too, since the JVM prints a thread dump on it.
 *
 * <h2>Shutdown signals</h2>
 *
 * SIGINT, SIGTERM and SIGHUP start the JVM's shutdown by default (shutdown hooks run, and the exit
 * status is 128 plus the signal number). While a watcher of such a signal is started, the signal
 * runs the watchers' callbacks instead and the JVM does not shut down, as a Node process with a
 * SIGINT listener does not exit. Once the last watcher of the signal stops, or is closed, the
 * action it had before the first watcher started comes back, so the JVM's shutdown does too. On
 * Linux and macOS libuv sets the signal to its default action an instant before that action is
 * put back: a signal arriving in that instant ends the process without shutdown hooks. With
 * {@code -Xrs} the JVM does not handle these signals, and watching them only suspends their
 * default action.
 *
 * <h2>Delivery</h2>
 *
 * The operating system coalesces deliveries: a signal that arrives again before the first is
 * handled is pending once, so several deliveries may give one callback. A callback gets the signal
 * number. A watcher of a signal that nothing but uv4j handles (SIGUSR1, say) protects the process
 * only while it is started: once it stops, the signal's default action, often the end of the
 * process, applies again.
 *
 * <p>Every method must be called on the loop's thread (see {@link Handle}).
 */
public final class Signal extends Handle {
  /** The signals libuv on Windows delivers to watchers: console events. */
  private static final int HANDLED = Native.constant("UV4J_SIGNAL_HANDLED");
  private static final Set<String> WINDOWS_DELIVERED = Set.of("SIGINT", "SIGBREAK", "SIGHUP", "SIGWINCH");
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  /** Whether the JVM runs without its handlers of SIGQUIT and the shutdown signals (-Xrs). */
  private static final boolean REDUCED_SIGNAL_USAGE = !WINDOWS && !jvmHandles("SIGQUIT");
  private static final int SUSPEND_RESUME_SIGNAL = WINDOWS ? 0 : suspendResumeSignal();

  private IntConsumer callback;
  private int signum;
  private boolean oneshot;

  /**
   * Creates a stopped signal watcher.
   *
   * @param loop the loop it belongs to
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   * @throws UncheckedIOException wrapping a {@link UvException} if {@code uv_signal_init} fails
   *     with another error, such as running out of descriptors for the loop's signal pipe
   */
  public Signal(Loop loop) {
    super(Objects.requireNonNull(loop, "loop"));
    bindNewUnchecked(Native.signalNew(loop.checkUsable(), this), "uv_signal_init");
    // on kqueue systems (macOS) libuv opens a loop's signal pipe for its first signal watcher;
    // elsewhere the loop made it at init for libuv's SIGCHLD watcher
    loop.noteDescriptors();
  }

  /**
   * Starts watching {@code signum}: {@code callback} runs on the loop thread each time the process
   * receives it, until {@link #stop()} or {@link #close()}. A started watcher watching another
   * signal stops watching that one first.
   *
   * @param signum the signal, a number of {@link Signals}
   * @param callback what to run; it gets the signal number
   * @return this watcher
   * @throws NullPointerException if {@code callback} is null
   * @throws IllegalArgumentException if this platform has no signal {@code signum}, or it may not
   *     be watched (see the class description: the JVM's own signals, SIGKILL and SIGSTOP, and on
   *     Windows the signals libuv does not deliver)
   * @throws IllegalStateException if closed or called from another thread
   * @throws UncheckedIOException wrapping a {@link UvException} if libuv fails to install its
   *     handler
   */
  public Signal start(int signum, IntConsumer callback) {
    return watch(signum, callback, false);
  }

  /**
   * Starts watching {@code signum} for one delivery: the watcher stops before {@code callback}
   * runs, so that the signal's earlier action is back by then. Otherwise as {@link #start(int,
   * IntConsumer)}.
   *
   * @param signum the signal, a number of {@link Signals}
   * @param callback what to run once; it gets the signal number
   * @return this watcher
   * @throws NullPointerException if {@code callback} is null
   * @throws IllegalArgumentException if this platform has no signal {@code signum}, or it may not
   *     be watched (see {@link #start(int, IntConsumer)})
   * @throws IllegalStateException if closed or called from another thread
   * @throws UncheckedIOException wrapping a {@link UvException} if libuv fails to install its
   *     handler
   */
  public Signal startOneshot(int signum, IntConsumer callback) {
    // libuv's own one-shot resets the signal to SIG_DFL when it arrives, which would end the JVM
    // on a second SIGINT instead of starting its shutdown
    return watch(signum, callback, true);
  }

  private Signal watch(int signum, IntConsumer callback, boolean oneshot) {
    String name = Signals.name(signum);
    String refusal = refusal(name);
    if (refusal != null) throw new IllegalArgumentException("cannot watch " + name + " (" + signum + "): " + refusal);
    Objects.requireNonNull(callback, "callback");
    long p = open();
    int rc = Native.signalStart(p, signum);
    if (rc < 0) throw new UncheckedIOException(new UvException(rc, "uv_signal_start"));
    this.callback = callback;
    this.signum = signum;
    this.oneshot = oneshot;
    return this;
  }

  /**
   * Stops watching; the callback does not run until the watcher is started again. If no other
   * watcher watches the signal, its earlier action comes back (see the class description).
   * Stopping a stopped watcher does nothing.
   *
   * @throws IllegalStateException if closed or called from another thread
   * @throws UncheckedIOException wrapping a {@link UvException} if the earlier action cannot be
   *     put back
   */
  public void stop() {
    open();
    unwatch();
  }

  /**
   * The signal this watcher watches.
   *
   * @return the signal number given to the last start, or 0 when stopped (also after a one-shot
   *     delivery)
   * @throws IllegalStateException if closed or called from another thread
   */
  public int signum() {
    open();
    return signum;
  }

  private void unwatch() {
    if (signum == 0) return;
    signum = 0;
    int rc = Native.signalStop(ptr);
    if (rc < 0) throw new UncheckedIOException(new UvException(rc, "sigaction"));
  }

  /** Why a watcher may not watch a signal, or null if it may. */
  private static String refusal(String name) {
    if (WINDOWS) {
      if (!WINDOWS_DELIVERED.contains(name)) return "libuv on Windows delivers only SIGINT, SIGBREAK, SIGHUP and SIGWINCH";
      return name.equals("SIGBREAK") ? "the JVM prints a thread dump on Ctrl-Break" : null;
    }
    switch (name) {
      case "SIGKILL":
      case "SIGSTOP":
        return "no process can catch it";
      case "SIGSEGV":
      case "SIGBUS":
      case "SIGFPE":
      case "SIGILL":
        return "the JVM handles it to raise Java exceptions and report crashes";
      case "SIGPIPE":
      case "SIGXFSZ":
        return "the JVM handles it, so that a failed write is an error rather than the end of the process";
      case "SIGQUIT":
        return REDUCED_SIGNAL_USAGE ? null : "the JVM prints a thread dump on it (it may be watched when the JVM runs with -Xrs)";
      case "SIGTRAP":
        return System.getProperty("os.arch", "").startsWith("ppc64") ? "the JVM's compiled code traps with it on ppc64" : null;
      default:
        return Signals.number(name) == SUSPEND_RESUME_SIGNAL
            ? "the JVM suspends and resumes threads with it (set by _JAVA_SR_SIGNUM, SIGUSR2 by default)"
            : null;
    }
  }

  /** Whether a handler was in place for the signal when this class loaded, before any watcher. */
  private static boolean jvmHandles(String name) {
    return Native.signalDisposition(Signals.number(name)) == HANDLED;
  }

  /**
   * The number HotSpot reads from _JAVA_SR_SIGNUM as C's strtol would, when it accepts it (above
   * SIGSEGV and SIGBUS, below NSIG); SIGUSR2 otherwise.
   */
  private static int suspendResumeSignal() {
    String value = System.getenv("_JAVA_SR_SIGNUM");
    if (value != null) {
      Matcher number = Pattern.compile("^\\s*([+-]?\\d+)").matcher(value);
      if (number.find()) {
        BigInteger signum = new BigInteger(number.group(1));
        int lowest = Math.max(Signals.number("SIGSEGV"), Signals.number("SIGBUS")) + 1;
        if (signum.compareTo(BigInteger.valueOf(lowest)) >= 0
            && signum.compareTo(BigInteger.valueOf(Native.signalLimit())) < 0) {
          return signum.intValue();
        }
      }
    }
    return Signals.number("SIGUSR2");
  }

  @Override
  void beforeClose() {
    // uv_close would stop the watcher without putting the signal's earlier action back
    unwatch();
  }

  @Override
  void fired(long arg) {
    IntConsumer target = callback;
    if (oneshot) unwatch();
    target.accept((int) arg);
  }

  @Override
  void suppressed(int event, long arg) {
    if (event == Native.EVENT_FIRED && oneshot) unwatch();
  }
}
