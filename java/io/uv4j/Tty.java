package io.uv4j;

import io.uv4j.internal.Native;
import java.util.Objects;

/** A terminal stream ({@code uv_tty_t}). Every method must be called on the loop's thread. */
public final class Tty extends Stream {
  /** Terminal modes for {@link #setMode(Mode)}. */
  public enum Mode {
    /** Line-buffered, echoing: the initial mode. */
    NORMAL("UV_TTY_MODE_NORMAL"),
    /** Raw input: no line editing, no echo, no signals. */
    RAW("UV_TTY_MODE_RAW"),
    /** Binary-safe I/O (Windows: raw with virtual terminal input). */
    IO("UV_TTY_MODE_IO");

    /** libuv's uv_tty_mode_t value. */
    final int value;

    Mode(String nativeName) {
      this.value = Native.constant(nativeName);
    }
  }

  /**
   * Opens terminal descriptor {@code fd} (0, 1, 2, or another tty). libuv reopens a terminal, so
   * that the handle owns a descriptor of its own and {@code fd} stays the caller's. As libuv, it
   * also takes a pipe or socket as it is: the handle then owns {@code fd} and closes it (unless it
   * is 0, 1 or 2) when it closes.
   *
   * @param loop the loop whose thread will use the handle
   * @param fd the terminal's descriptor (on Windows, a C runtime descriptor)
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalArgumentException if {@code fd} is negative
   * @throws UvException if {@code fd} is a file or not open ({@code EINVAL}), or cannot be
   *     reopened
   * @throws IllegalStateException if a uv4j handle or loop owns {@code fd} or a poll watches it
   *     (the message names it), if the loop is closed or closing, or if called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   */
  public Tty(Loop loop, int fd) throws UvException {
    super(Objects.requireNonNull(loop, "loop"));
    long l = loop.checkUsable();
    long p = take(fd, Descriptors.Kind.HANDLE, "adopt", () -> Native.ttyNew(l, this, fd));
    if (p < 0) throw initFailure(p, "uv_tty_init");
    bind(p);
    // a reopened terminal: the handle owns the new descriptor, and fd stays the caller's
    holdDescriptorInUse();
  }

  /**
   * Whether {@code fd} is a terminal, as libuv sees it.
   *
   * @param fd a descriptor; a negative one is no terminal
   * @return true if {@code fd} is open and refers to a terminal
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static boolean isTty(int fd) {
    Native.ensureLoaded();
    return fd >= 0 && Native.ttyIsTty(fd);
  }

  /**
   * Sets the terminal mode.
   *
   * @param mode the mode to switch to; {@link Mode#NORMAL} restores the original one
   * @throws NullPointerException if {@code mode} is null
   * @throws UvException if the terminal refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setMode(Mode mode) throws UvException {
    Objects.requireNonNull(mode, "mode");
    UvException.check(Native.ttySetMode(open(), mode.value), "uv_tty_set_mode");
  }

  /**
   * Restores every terminal libuv changed to its original mode; safe from any thread.
   *
   * @throws UvException {@code EBUSY} if another thread is changing modes
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static void resetMode() throws UvException {
    Native.ensureLoaded();
    UvException.check(Native.ttyResetMode(), "uv_tty_reset_mode");
  }

  /**
   * The terminal's size in columns and rows: {@code {width, height}}.
   *
   * @return a new two-element array: the width in columns, then the height in rows
   * @throws UvException if the terminal cannot tell
   * @throws IllegalStateException if closed or called from another thread
   */
  public int[] windowSize() throws UvException {
    int[] size = new int[2];
    UvException.check(Native.ttyWindowSize(open(), size), "uv_tty_get_winsize");
    return size;
  }

  /** Who handles the console's virtual terminal (ANSI escape) sequences; a Windows notion. */
  public enum VtermState {
    /** The console handles them itself (the Windows 10 console, ConEmu): libuv passes them on. */
    SUPPORTED("UV_TTY_SUPPORTED"),
    /** The console cannot (the legacy console): libuv interprets them. */
    UNSUPPORTED("UV_TTY_UNSUPPORTED");

    /** libuv's uv_tty_vtermstate_t value. */
    final int value;

    VtermState(String nativeName) {
      this.value = Native.constant(nativeName);
    }

    static VtermState of(int value) {
      for (VtermState state : values()) if (state.value == value) return state;
      throw new IllegalStateException("libuv reports an unknown vterm state " + value);
    }
  }

  /**
   * Who handles virtual terminal sequences written to the console ({@code
   * uv_tty_get_vterm_state}); process-wide, safe from any thread. Only Windows has such a state:
   * elsewhere this throws {@code ENOTSUP}.
   *
   * @return the current state: the one libuv detected when it first opened the console, or the
   *     one last set
   * @throws UvException {@code ENOTSUP} on every platform but Windows
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static VtermState vtermState() throws UvException {
    Native.ensureLoaded();
    int state = UvException.check(Native.ttyVtermState(), "uv_tty_get_vterm_state");
    return VtermState.of(state);
  }

  /**
   * Says who handles virtual terminal sequences written to the console ({@code
   * uv_tty_set_vterm_state}), overriding what libuv detects; for consoles it misjudges, such as
   * ConEmu. Process-wide, safe from any thread. Only Windows has such a state: elsewhere this does
   * nothing.
   *
   * @param state {@link VtermState#SUPPORTED} to pass sequences to the console, {@link
   *     VtermState#UNSUPPORTED} to have libuv interpret them
   * @throws NullPointerException if {@code state} is null
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static void setVtermState(VtermState state) {
    Objects.requireNonNull(state, "state");
    Native.ensureLoaded();
    Native.ttySetVtermState(state.value);
  }
}
