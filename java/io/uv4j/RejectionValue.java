package io.uv4j;

/**
 * A promise rejection whose reason is a value rather than an error, as JavaScript's {@code
 * Promise.reject(42)}: reject with {@code new RejectionValue(42)}. A promise's reason is a {@link
 * Throwable} because a promise is a {@link java.util.concurrent.CompletionStage}, whose failures
 * are; this class carries any other value through it, and the loop treats it as Node treats a
 * reason that is not an {@code Error}: the {@code unhandledRejection} listeners get it as it is,
 * the uncaught-exception listeners get it wrapped in an {@link UncaughtException} whose message
 * quotes the value, and a warning about it shows the value rather than a stack trace.
 *
 * <p>It has no stack trace, as a JavaScript value has none.
 */
public final class RejectionValue extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The value; transient because it need not be serializable. */
  private final transient Object value;

  /**
   * Wraps a rejection value.
   *
   * @param value the reason the promise is rejected with; may be null
   */
  public RejectionValue(Object value) {
    super(String.valueOf(value), null, false, false);
    this.value = value;
  }

  /**
   * The value the promise was rejected with.
   *
   * @return the value given to the constructor, possibly null
   */
  public Object value() {
    return value;
  }
}
