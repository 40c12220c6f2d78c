package io.uv4j;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The base of tests that each need a fresh loop of the test's thread, closed after the test. */
abstract class LoopTestBase {
  Loop loop;

  @BeforeEach
  void createLoop() throws UvException {
    loop = Loop.create();
  }

  @AfterEach
  void closeLoop() {
    loop.close();
  }
}
