package io.uv4j;

import io.uv4j.internal.Native;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A libuv handle: a long-lived object bound to one {@link Loop} and to that loop's thread.
 *
 * <p>Every method but {@link #loop()} must be called on the loop's thread and throws {@link
 * IllegalStateException} otherwise. After {@link #close()} every method but {@code close}, {@link
 * #onClose(Runnable)}, {@link #isClosing()} and {@link #loop()} throws {@link
 * IllegalStateException}.
 */
public abstract class Handle extends Peer implements AutoCloseable {
  /** The native handle; 0 once its close callback has run. */
  long ptr;

  private boolean closing;
  private boolean internal;
  private Runnable onClose;
  /** Listeners from {@link #onClose(Runnable)} waiting for the close to complete; null if none. */
  private List<Runnable> closeListeners;
  /** The descriptor this handle holds in {@link Descriptors}; -1 while it has none. */
  private int descriptor = -1;
  /** The loop phase its libuv callback runs in, for tracing; null where {@link Peer} says. */
  private final LoopTracer.Phase firedPhase;

  Handle(Loop loop) {
    this(loop, null);
  }

  /** A handle of a kind whose callback runs in a phase of its own, {@code firedPhase}. */
  Handle(Loop loop, LoopTracer.Phase firedPhase) {
    super(loop);
    this.firedPhase = firedPhase;
  }

  /**
   * What a failed native init stands for, one rule for every handle: {@code ENOMEM} (no memory for
   * the native struct, or for libuv) is thrown here as {@link OutOfMemoryError}; any other libuv
   * error is returned as a {@link UvException} naming {@code syscall}, for the constructor to throw
   * (wrapped in {@link java.io.UncheckedIOException} where the constructor declares no {@code
   * UvException}).
   *
   * @param result the negative error code the native {@code *New} call returned
   */
  static UvException initFailure(long result, String syscall) {
    int code = (int) result;
    if (code == UvError.ENOMEM.errno()) throw new OutOfMemoryError("uv4j: no memory for " + syscall + " (ENOMEM)");
    return new UvException(code, syscall);
  }

  /** Binds the native handle created by the subclass. */
  final void bind(long ptr) {
    this.ptr = ptr;
  }

  /**
   * Binds the native handle a {@code *New} call returned, or throws what its failure stands for
   * (see {@link #initFailure}).
   *
   * @param result the {@code *New} call's pointer, or its negative error
   * @param syscall the libuv init function it ran, for the exception's message
   */
  final void bindNew(long result, String syscall) throws UvException {
    if (result < 0) throw initFailure(result, syscall);
    bind(result);
  }

  /**
   * {@link #bindNew} for a constructor that declares no {@link UvException}: that failure is
   * thrown wrapped in {@link UncheckedIOException}.
   */
  final void bindNewUnchecked(long result, String syscall) {
    if (result < 0) throw new UncheckedIOException(initFailure(result, syscall));
    bind(result);
  }

  /**
   * The loop this handle belongs to. Safe from any thread, so that another thread holding a handle
   * can reach its loop's {@link Loop#execute(Runnable)}.
   *
   * @return the loop the handle was created on, also once the handle is closed
   */
  public final Loop loop() {
    return loop;
  }

  /** Whether the loop's own machinery owns it (it is then hidden from {@link Loop#handles()}). */
  boolean isInternal() {
    return internal;
  }

  @Override
  final boolean traceable() {
    return !internal;
  }

  /** Marks a handle the loop's own machinery owns. */
  final void markInternal() {
    internal = true;
  }

  /**
   * {@code handle}, marked as the loop's own ({@link #markInternal()}) and unref'd, so that it
   * keeps no loop alive.
   */
  static <H extends Handle> H internalUnref(H handle) {
    handle.markInternal();
    handle.unref();
    return handle;
  }

  /**
   * Closes the handle: it stops at once and its native resources are freed by the loop in its
   * next close phase. Closing a closed handle does nothing.
   *
   * @throws IllegalStateException if called from a thread other than the loop's
   */
  @Override
  public final void close() {
    close(null);
  }

  /**
   * Closes the handle and runs {@code onClose} on the loop thread once libuv's close callback has
   * run. Closing a closed handle does nothing and {@code onClose} is then not run.
   *
   * @param onClose run after the close completes; may be {@code null}
   * @throws IllegalStateException if called from a thread other than the loop's
   */
  public final void close(Runnable onClose) {
    loop.checkThread();
    if (closing) return;
    long p = ptr;
    closeStarted(onClose);
    Native.handleClose(p);
  }

  /**
   * Registers {@code listener} to run on the loop thread once this handle is closed (Node's
   * {@code 'close'} event), whoever closes it. Any number may be registered, at any time:
   *
   * <ul>
   *   <li>while the handle is open or closing, the listener runs when the close completes, after
   *       the callback given to {@link #close(Runnable)}, in registration order;
   *   <li>once the close has completed, it runs as a next-tick ({@link Loop#nextTick}), so asking
   *       "tell me when it is gone" always gets an answer.
   * </ul>
   *
   * <p>A listener (or the close callback) that throws is reported like any callback's error: to
   * the uncaught-exception listeners, or out of {@link Loop#run()} when there is none. The listeners
   * after it are not lost: they run as a next-tick, so at once when a handler took the error,
   * else when the loop runs again.
   *
   * <p>Listeners do not run while an unhandled error or an exit stops the loop's callbacks (as no
   * close callback does).
   *
   * @param listener what to run once the handle is closed
   * @throws NullPointerException if {@code listener} is null
   * @throws IllegalStateException if called from another thread, or if the close has completed
   *     and the loop is closed
   */
  public final void onClose(Runnable listener) {
    Objects.requireNonNull(listener, "listener");
    loop.checkThread();
    if (closing && ptr == 0) {
      loop.nextTick(listener);
      return;
    }
    if (closeListeners == null) closeListeners = new ArrayList<>(2);
    closeListeners.add(listener);
  }

  /** Marks the handle closing once its native close has been (or is about to be) started. */
  final void closeStarted(Runnable onClose) {
    closing = true;
    this.onClose = onClose;
    // libuv closes a stream's descriptor in uv_close, and a poll stops watching its own
    if (descriptor >= 0) Descriptors.release(descriptor, this);
    descriptor = -1;
    beforeClose();
  }

  /** libuv's open or init of a descriptor: a pointer or 0, or a negative error. */
  @FunctionalInterface
  interface DescriptorOpen {
    long open() throws UvException;
  }

  /**
   * Takes {@code fd} for this handle, then runs {@code open} (libuv's open or init, after any
   * checks of its own), whose negative result or exception undoes the taking. Two handles that
   * own one descriptor abort libuv.
   *
   * @return what {@code open} returned
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws IllegalStateException if a handle or loop holds {@code fd} already
   * @throws UvException what {@code open} throws
   */
  final long take(int fd, Descriptors.Kind kind, String action, DescriptorOpen open) throws UvException {
    if (fd < 0) throw new IllegalArgumentException("fd must be >= 0, got " + fd);
    Descriptors.take(fd, this, kind, action);
    long result;
    try {
      result = open.open();
    } catch (RuntimeException | Error | UvException e) {
      Descriptors.release(fd, this);
      throw e;
    }
    if (result < 0) Descriptors.release(fd, this);
    else descriptor = fd;
    return result;
  }

  /** libuv's open of a socket or pipe handle: {@code uv_tcp_open}, {@code uv_pipe_open}, {@code uv_udp_open}. */
  @FunctionalInterface
  interface NativeOpen {
    int open(long handle, int fd);
  }

  /**
   * Adopts {@code fd}, which must be one the loop can poll, as this open handle's descriptor through
   * {@code nativeOpen}, libuv's {@code syscall}.
   *
   * @throws IllegalArgumentException if {@code fd} is negative or of a kind the loop cannot poll
   *     (see {@link Stream#requirePollable})
   * @throws IllegalStateException if this handle is closed, or a handle or loop holds {@code fd}
   * @throws UvException if libuv refuses it, or {@code fd} cannot be examined
   */
  final void adopt(int fd, boolean socket, NativeOpen nativeOpen, String syscall) throws UvException {
    long p = open();
    long rc = take(fd, Descriptors.Kind.HANDLE, "adopt", () -> {
      Stream.requirePollable(fd, socket);
      return nativeOpen.open(p, fd);
    });
    UvException.check((int) rc, syscall);
  }

  /** Records the descriptor libuv made for this handle (at bind, connect, listen or accept), once it has one. */
  final void noteDescriptor() {
    if (descriptor < 0) holdDescriptorInUse();
  }

  /** Records libuv's current descriptor for this handle as the one it holds (a terminal's may differ from the one given). */
  final void holdDescriptorInUse() {
    long[] out = new long[1];
    if (Native.handleFileno(ptr, out) < 0 || out[0] == descriptor) return;
    if (descriptor >= 0) Descriptors.release(descriptor, this);
    descriptor = (int) out[0];
    Descriptors.made(descriptor, this);
  }

  /** Closes the handle, if it is not closing yet, as part of closing its loop. */
  final void closeForTeardown() {
    if (!closing) close(null);
  }

  /** Hook for subclasses that must stop other threads from touching the handle. */
  void beforeClose() {}

  /**
   * Whether {@link #close()} has been called.
   *
   * @return true once closing has begun, also after it has finished
   * @throws IllegalStateException if called from a thread other than the loop's
   */
  public final boolean isClosing() {
    loop.checkThread();
    return closing;
  }

  /**
   * Lets this handle keep the loop alive while active (the default).
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public final void ref() {
    Native.handleRef(open());
  }

  /**
   * Stops this handle from keeping the loop alive; the loop may exit while it is active.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public final void unref() {
    Native.handleUnref(open());
  }

  /**
   * Whether this handle keeps the loop alive when active.
   *
   * @return true unless {@link #unref()} was called and no {@link #ref()} since
   * @throws IllegalStateException if closed or called from another thread
   */
  public final boolean hasRef() {
    return Native.handleHasRef(open());
  }

  /**
   * Whether the handle is started (what "started" means depends on the kind of handle).
   *
   * @return true if the handle is active, for example a started timer or a reading stream
   * @throws IllegalStateException if closed or called from another thread
   */
  public final boolean isActive() {
    return Native.handleIsActive(open());
  }

  /**
   * libuv's kind of this handle ({@code uv_handle_get_type}).
   *
   * @return the kind, such as {@link HandleType#TCP} for a {@link Tcp}
   * @throws IllegalStateException if closed or called from another thread
   */
  public final HandleType type() {
    return HandleType.of(Native.handleType(open()));
  }

  /** uv_fileno for the kinds that have a descriptor; the descriptor stays the handle's. */
  final long osDescriptor() throws UvException {
    long[] out = new long[1];
    UvException.check(Native.handleFileno(open(), out), "uv_fileno");
    return out[0];
  }

  /** The native pointer after the thread, loop and closed checks every method makes. */
  final long open() {
    loop.checkThread();
    if (closing) throw new IllegalStateException(this + " is closed");
    return ptr;
  }

  @Override
  LoopTracer.Phase phase(int event) {
    return event == Native.EVENT_FIRED && firedPhase != null ? firedPhase : super.phase(event);
  }

  @Override
  final void released() {
    ptr = 0;
  }

  @Override
  void onNativeEvent(int event, long arg) throws Throwable {
    if (event == Native.EVENT_CLOSED) {
      Runnable callback = onClose;
      List<Runnable> listeners = closeListeners;
      onClose = null;
      closeListeners = null;
      if (listeners == null) {
        if (callback != null) callback.run();
        return;
      }
      if (callback != null) listeners.add(0, callback);
      runInTurn(listeners, 0);
    } else {
      fired(arg);
    }
  }

  /**
   * Runs {@code callbacks} from {@code from} on; the first that throws is reported and the rest
   * go on as a next-tick, where the loop's drain reaches them once it may run callbacks again.
   */
  private void runInTurn(List<Runnable> callbacks, int from) {
    for (int i = from; i < callbacks.size(); i++) {
      Throwable thrown = Loop.callUser(callbacks.get(i));
      if (thrown != null) {
        int next = i + 1;
        if (next < callbacks.size()) loop.enqueueTick(() -> runInTurn(callbacks, next));
        loop.reportThrown(thrown);
        return;
      }
    }
  }

  /** The handle's libuv callback ran with {@code arg} (its status, events or signal number). */
  void fired(long arg) throws Throwable {
    fired();
  }

  /** The handle's libuv callback ran; for kinds whose callback carries nothing. */
  void fired() throws Throwable {}

  @Override
  public String toString() {
    return getClass().getSimpleName() + (closing ? "[closed]" : "[open]");
  }
}
