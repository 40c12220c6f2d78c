package io.uv4j;

/** Told once, on the loop thread, of an operation's result or of why it failed. */
@FunctionalInterface
public interface Callback<T> {
  /**
   * @param result the result, or {@code null} on failure
   * @param error why it failed, or {@code null} on success
   * @throws Exception anything; it goes to the loop's uncaught-exception handling
   */
  void done(T result, UvException error) throws Exception;
}
