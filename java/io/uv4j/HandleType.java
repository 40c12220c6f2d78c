package io.uv4j;

import io.uv4j.internal.Native;

/**
 * libuv's kinds of handle ({@code uv_handle_type}), as {@link Handle#type()} reports a handle's
 * and {@link Uv#guessHandle(int)} guesses a descriptor's.
 */
public enum HandleType {
  /** Not a kind libuv knows (what {@link Uv#guessHandle(int)} says of a closed descriptor). */
  UNKNOWN("UV_UNKNOWN_HANDLE"),
  /** {@link Async}. */
  ASYNC("UV_ASYNC"),
  /** {@link Check}. */
  CHECK("UV_CHECK"),
  /** {@link FsEvent}. */
  FS_EVENT("UV_FS_EVENT"),
  /** {@link FsPoll}. */
  FS_POLL("UV_FS_POLL"),
  /** libuv's abstract base handle; no handle has it as its own kind. */
  HANDLE("UV_HANDLE"),
  /** {@link Idle}. */
  IDLE("UV_IDLE"),
  /** {@link Pipe}: a Unix domain socket, FIFO or Windows named pipe. */
  NAMED_PIPE("UV_NAMED_PIPE"),
  /** {@link Poll}. */
  POLL("UV_POLL"),
  /** {@link Prepare}. */
  PREPARE("UV_PREPARE"),
  /** A child process. */
  PROCESS("UV_PROCESS"),
  /** libuv's abstract stream; no handle has it as its own kind. */
  STREAM("UV_STREAM"),
  /** {@link Tcp}. */
  TCP("UV_TCP"),
  /** {@link Timer}. */
  TIMER("UV_TIMER"),
  /** {@link Tty}. */
  TTY("UV_TTY"),
  /** {@link Udp}. */
  UDP("UV_UDP"),
  /** A signal watcher. */
  SIGNAL("UV_SIGNAL"),
  /** A regular file or other descriptor no handle kind fits. */
  FILE("UV_FILE");

  /** libuv's number for this kind. */
  private final int number;

  private final String typeName;

  HandleType(String nativeName) {
    this.number = Native.constant(nativeName);
    this.typeName = Native.handleTypeName(number);
  }

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
      if (type.number == value) return type;
    }
    return UNKNOWN;
  }
}
