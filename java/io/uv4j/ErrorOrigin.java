package io.uv4j;

/** Where an error given to the uncaught-exception listeners came from, as Node's {@code origin}. */
public enum ErrorOrigin {
  /** A callback, next-tick or microtask threw. */
  UNCAUGHT_EXCEPTION("uncaughtException"),
  /** A promise was rejected and no handler was attached by the end of the drain. */
  UNHANDLED_REJECTION("unhandledRejection");

  private final String nodeName;

  ErrorOrigin(String nodeName) {
    this.nodeName = nodeName;
  }

  /**
   * The name Node gives this origin: the {@code origin} argument of its {@code
   * uncaughtException} event, so that output meant to match Node's can print it.
   *
   * @return {@code "uncaughtException"} or {@code "unhandledRejection"}
   */
  public String nodeName() {
    return nodeName;
  }
}
