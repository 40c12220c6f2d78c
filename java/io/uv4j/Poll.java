package io.uv4j;

import io.uv4j.internal.Native;
import java.util.Objects;

/**
 * Watches a descriptor libuv does not own for readiness ({@code uv_poll_t}), as a socket from
 * another library. No other handle may own or watch the descriptor meanwhile, and {@link Fs}
 * refuses to close it until the poll is closed. Every method must be called on the loop's thread.
 */
public final class Poll extends Handle {
  /** The descriptor can be read. */
  public static final int READABLE = 1;
  /** The descriptor can be written. */
  public static final int WRITABLE = 2;
  /** The peer closed its side (where the OS reports it). */
  public static final int DISCONNECT = 4;
  /** Urgent data can be read. */
  public static final int PRIORITIZED = 8;

  /** Receives readiness or an error. */
  @FunctionalInterface
  public interface Callback {
    /**
     * @param events the ready events, or 0 with an error
     * @param error why polling failed, or null
     * @throws Exception anything; it goes to the loop's uncaught-exception handling
     */
    void onEvents(int events, UvException error) throws Exception;
  }

  private Callback callback;

  /**
   * Creates a stopped poll handle for {@code fd} (a socket on Windows).
   *
   * @param loop the loop whose thread will use the handle and hear of readiness
   * @param fd the descriptor to watch; it stays the caller's, and must stay open until the poll is
   *     closed
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws UvException if libuv refuses the descriptor
   * @throws IllegalStateException if a uv4j handle or loop owns {@code fd} or another poll
   *     watches it (the message names it), if the loop is closed or closing, or if called from
   *     another thread
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   */
  public Poll(Loop loop, int fd) throws UvException {
    super(Objects.requireNonNull(loop, "loop"));
    long l = loop.checkUsable();
    bindNew(take(fd, Descriptors.Kind.WATCHER, "watch", () -> Native.pollNew(l, this, fd)), "uv_poll_init");
  }

  /**
   * Starts watching for {@code events}; starting again changes the events and callback.
   *
   * @param events a combination of {@link #READABLE}, {@link #WRITABLE}, {@link #DISCONNECT},
   *     {@link #PRIORITIZED}
   * @param callback told on the loop thread each time some of {@code events} are ready, or of an
   *     error
   * @throws IllegalArgumentException if {@code events} has unknown bits
   * @throws NullPointerException if {@code callback} is null
   * @throws UvException if libuv refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void start(int events, Callback callback) throws UvException {
    if ((events & ~(READABLE | WRITABLE | DISCONNECT | PRIORITIZED)) != 0) {
      throw new IllegalArgumentException("unknown poll events: " + events);
    }
    Objects.requireNonNull(callback, "callback");
    long p = open();
    this.callback = callback;
    UvException.check(Native.pollStart(p, events), "uv_poll_start");
  }

  /**
   * The descriptor this poll watches ({@code uv_fileno}).
   *
   * @return the descriptor given at creation (a SOCKET on Windows), which stays the caller's
   * @throws UvException if libuv cannot report it
   * @throws IllegalStateException if closed or called from another thread
   */
  public long fileno() throws UvException {
    return osDescriptor();
  }

  /**
   * Stops watching.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public void stop() {
    Native.pollStop(open());
  }

  @Override
  void fired(long arg) throws Exception {
    int value = (int) arg;
    if (value < 0) callback.onEvents(0, new UvException(value, "poll"));
    else callback.onEvents(value, null);
  }
}
