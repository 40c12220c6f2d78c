package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Conversions between a C runtime descriptor and its OS handle; on Unix both are one number. */
class OsHandleTest extends LoopTestBase {
  /** A bound socket, so that it has a descriptor. */
  private Tcp boundSocket() throws UvException {
    Tcp tcp = new Tcp(loop);
    tcp.bind(Net.any(Net.V4));
    return tcp;
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "a Windows HANDLE differs from its descriptor")
  void onUnixTheOsHandleOfADescriptorIsThatDescriptor() throws Exception {
    Tcp socket = boundSocket();
    int fd = (int) socket.fileno();

    assertEquals(fd, OsHandle.forDescriptor(fd));
    socket.close();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "a Windows HANDLE differs from its descriptor")
  void onUnixTheDescriptorOfAnOsHandleIsThatHandle() throws Exception {
    Tcp socket = boundSocket();
    int fd = (int) socket.fileno();

    assertEquals(fd, OsHandle.openDescriptor(fd));
    socket.close();
  }

  @Test
  void aNegativeDescriptorIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OsHandle.forDescriptor(-1));

    assertEquals("fd must be >= 0, got -1", e.getMessage());
  }

  @Test
  void aNegativeOsHandleIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OsHandle.openDescriptor(-2));

    assertEquals("osHandle must be 0..2147483647, got -2", e.getMessage());
  }

  @Test
  void anOsHandleBeyondThirtyTwoBitsIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OsHandle.openDescriptor(1L << 32));

    assertEquals("osHandle must be 0..2147483647, got 4294967296", e.getMessage());
  }
}
