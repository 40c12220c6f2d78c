package io.uv4j;

/** Told once, on the loop thread, that an operation finished: {@code error} is null on success. */
@FunctionalInterface
public interface Completion {
  /**
   * @param error why the operation failed, or {@code null} if it succeeded
   * @throws Exception anything; it goes to the loop's uncaught-exception handling
   */
  void done(UvException error) throws Exception;
}
