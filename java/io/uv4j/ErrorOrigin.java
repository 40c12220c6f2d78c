package io.uv4j;

/** Where an error given to the uncaught-exception handler came from, as Node's {@code origin}. */
public enum ErrorOrigin {
  /** A callback, next-tick or microtask threw. */
  UNCAUGHT_EXCEPTION,
  /** A promise was rejected and no handler was attached by the end of the drain. */
  UNHANDLED_REJECTION
}
