package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link ErrorOrigin#nodeName()}. */
class ErrorOriginTest {
  @Test
  void nodeNameIsTheOriginNodeGivesAnUncaughtExceptionListener() {
    assertEquals("uncaughtException", ErrorOrigin.UNCAUGHT_EXCEPTION.nodeName());
    assertEquals("unhandledRejection", ErrorOrigin.UNHANDLED_REJECTION.nodeName());
  }
}
