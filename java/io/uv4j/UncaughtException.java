package io.uv4j;

/**
 * Thrown by {@link Loop#run()} when a callback failed with a checked exception, or a promise
 * rejection went unhandled, and no uncaught-exception listener took it; the original is the
 * cause. Unchecked exceptions and errors callbacks throw are rethrown as they are. It is also what
 * the uncaught-exception listeners get for an unhandled rejection whose reason is a {@link
 * RejectionValue}: its message is Node's for such a rejection, quoting the value.
 */
public class UncaughtException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Where the error came from. */
  private final ErrorOrigin origin;

  UncaughtException(Throwable cause, ErrorOrigin origin) {
    this(origin == ErrorOrigin.UNHANDLED_REJECTION
            ? "unhandled promise rejection: " + cause
            : "uncaught exception: " + cause,
        cause,
        origin);
  }

  private UncaughtException(String message, Throwable cause, ErrorOrigin origin) {
    super(message, cause);
    this.origin = origin;
  }

  /**
   * The error an unhandled rejection with a value for its reason becomes (Node's {@code
   * ERR_UNHANDLED_REJECTION}), with Node's message quoting the value.
   */
  static UncaughtException ofRejectedValue(RejectionValue reason) {
    return new UncaughtException(
        Rejections.ORIGIN + " The promise rejected with the reason \""
            + reason.getMessage() + "\".",
        reason,
        ErrorOrigin.UNHANDLED_REJECTION);
  }

  /** {@return whether a callback threw it or a promise rejection went unhandled} */
  public ErrorOrigin origin() {
    return origin;
  }
}
