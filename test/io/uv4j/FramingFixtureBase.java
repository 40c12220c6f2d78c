package io.uv4j;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the framing tests that drive a decorator by hand: an unconnected {@link Tcp} for
 * the decorator to close, made before each test and closed after it, before the loop's check that
 * the test left nothing open.
 */
abstract class FramingFixtureBase extends LoopTestBase {
  /** The stream the decorators are made for; they close it on a framing error. */
  Tcp stream;

  @BeforeEach
  void createStream() {
    stream = new Tcp(loop);
  }

  @AfterEach
  void closeStream() {
    if (!loop.isClosed()) stream.close();
  }
}
