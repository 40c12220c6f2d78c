package io.uv4j;

/**
 * What a loop does with a promise rejection still unhandled at the end of a drain, as Node's
 * {@code --unhandled-rejections} modes have it; chosen per loop with {@link
 * Loop#setRejectionMode(RejectionMode)}. In every mode the {@link LoopEvent#UNHANDLED_REJECTION}
 * listeners are told (in {@link #STRICT} only once the error was handled). The warnings are two
 * {@code UnhandledPromiseRejectionWarning}s: the reason (its stack trace, or the value of a
 * {@link RejectionValue}), then a note that gives the rejection's id.
 */
public enum RejectionMode {
  /**
   * The default: with no {@code unhandledRejection} listener, the rejection is an uncaught
   * exception (origin {@link ErrorOrigin#UNHANDLED_REJECTION}).
   */
  THROW("throw"),
  /**
   * The rejection is an uncaught exception first, whatever listens; once an uncaught-exception
   * listener took it, the {@code unhandledRejection} listeners are told, and with none the
   * warnings are emitted.
   */
  STRICT("strict"),
  /** The {@code unhandledRejection} listeners are told and the warnings always emitted. */
  WARN("warn"),
  /** The {@code unhandledRejection} listeners are told; nothing else happens. */
  NONE("none"),
  /**
   * With no {@code unhandledRejection} listener, the warnings are emitted and the exit code set to
   * 1; the loop goes on.
   */
  WARN_WITH_ERROR_CODE("warn-with-error-code");

  private final String nodeName;

  RejectionMode(String nodeName) {
    this.nodeName = nodeName;
  }

  /**
   * The value Node's {@code --unhandled-rejections} option takes for this mode.
   *
   * @return the mode's name in Node, such as {@code "warn-with-error-code"}
   */
  public String nodeName() {
    return nodeName;
  }
}
