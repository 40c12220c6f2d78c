package io.uv4j;

import io.uv4j.internal.Native;

/**
 * libuv's kinds of handle ({@code uv_handle_type}), as {@link Handle#type()} reports a handle's
 * and {@link Uv#guessHandle(int)} guesses a descriptor's.
 */
public enum HandleType {
  /** Not a kind libuv knows (what {@link Uv#guessHandle(int)} says of a closed descriptor). */
  UNKNOWN,
  /** {@link Async}. */
  ASYNC,
  /** {@link Check}. */
  CHECK,
  /** {@link FsEvent}. */
  FS_EVENT,
  /** {@link FsPoll}. */
  FS_POLL,
  /** libuv's abstract base handle; no handle has it as its own kind. */
  HANDLE,
  /** {@link Idle}. */
  IDLE,
  /** {@link Pipe}: a Unix domain socket, FIFO or Windows named pipe. */
  NAMED_PIPE,
  /** {@link Poll}. */
  POLL,
  /** {@link Prepare}. */
  PREPARE,
  /** A child process. */
  PROCESS,
  /** libuv's abstract stream; no handle has it as its own kind. */
  STREAM,
  /** {@link Tcp}. */
  TCP,
  /** {@link Timer}. */
  TIMER,
  /** {@link Tty}. */
  TTY,
  /** {@link Udp}. */
  UDP,
  /** A signal watcher. */
  SIGNAL,
  /** A regular file or other descriptor no handle kind fits. */
  FILE;

  /** libuv's number for each constant, in declaration order (in a holder: constants are made first). */
  private static final class Numbers {
    static final int[] VALUES = Native.handleTypeValues();
  }

  private final String typeName = Native.handleTypeName(Numbers.VALUES[ordinal()]);

  /**
   * libuv's name for this kind ({@code uv_handle_type_name}), such as {@code "tcp"} or {@code
   * "pipe"}.
   *
   * @return the name, or null for {@link #UNKNOWN}, which libuv does not name
   */
  public String typeName() {
    return typeName;
  }

  /** The constant for libuv's number {@code value}; {@link #UNKNOWN} for one it does not list. */
  static HandleType of(int value) {
    for (HandleType type : values()) {
      if (Numbers.VALUES[type.ordinal()] == value) return type;
    }
    return UNKNOWN;
  }
}
