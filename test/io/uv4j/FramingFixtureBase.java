package io.uv4j;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the framing tests that drive a decorator by hand: a fresh loop and an unconnected
 * {@link Tcp} for the decorator to close, and the loop closed after each test.
 */
abstract class FramingFixtureBase {
  Loop loop;
  /** The stream the decorators are made for; they close it on a framing error. */
  Tcp stream;

  @BeforeEach
  void createStream() throws UvException {
    loop = Loop.create();
    stream = new Tcp(loop);
  }

  @AfterEach
  void closeLoop() {
    loop.close();
  }
}
