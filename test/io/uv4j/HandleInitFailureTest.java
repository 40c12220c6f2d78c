package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The one rule by which every handle constructor reports a failed native init. No public call
 * makes Timer, Idle, Check, Prepare, Tcp, Udp or Pipe init fail (libuv 1.50 fails them only for
 * lack of memory), so the rule is tested on the mapping they all share.
 */
class HandleInitFailureTest {
  /** What {@code error} maps to, as an assertion failure if it is an OutOfMemoryError (which JUnit would not catch). */
  private static UvException mapped(UvError error, String syscall) {
    try {
      return Handle.initFailure(error.errno(), syscall);
    } catch (OutOfMemoryError e) {
      throw new AssertionError(error + " from " + syscall + " became an OutOfMemoryError", e);
    }
  }

  @Test
  void enomemIsAnOutOfMemoryErrorNamingTheInitCall() {
    OutOfMemoryError e =
        assertThrows(OutOfMemoryError.class, () -> Handle.initFailure(UvError.ENOMEM.errno(), "uv_tcp_init_ex"));

    assertTrue(e.getMessage().contains("uv_tcp_init_ex"), e.getMessage());
    assertTrue(e.getMessage().contains("ENOMEM"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(names = {"EINVAL", "EMFILE", "EBADF", "ENOSYS", "EAFNOSUPPORT"})
  void everyOtherErrorIsAUvExceptionNamingTheInitCall(UvError error) {
    UvException e = mapped(error, "uv_udp_init_ex");

    assertEquals(error, e.error());
    assertEquals("uv_udp_init_ex", e.syscall());
    assertTrue(e.getMessage().contains(error.name() + ": "), e.getMessage());
  }
}
