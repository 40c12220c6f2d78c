package io.uv4j;

/**
 * Thrown by {@link Loop#run()} when a callback failed with a checked exception and no
 * uncaught-exception handler was installed; the original is the cause. Unchecked exceptions and
 * errors are rethrown as they are.
 */
public class UncaughtException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Where the error came from. */
  private final ErrorOrigin origin;

  UncaughtException(Throwable cause, ErrorOrigin origin) {
    super(origin == ErrorOrigin.UNHANDLED_REJECTION
            ? "unhandled promise rejection: " + cause
            : "uncaught exception: " + cause,
        cause);
    this.origin = origin;
  }

  /** {@return whether a callback threw it or a promise rejection went unhandled} */
  public ErrorOrigin origin() {
    return origin;
  }
}
