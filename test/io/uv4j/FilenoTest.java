package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

class FilenoTest extends LoopTestBase {
  @Test
  void udpWithoutASocketHasNoDescriptor() {
    Udp udp = new Udp(loop);
    UvException e = assertThrows(UvException.class, udp::fileno);
    assertEquals("EBADF", e.code());
    udp.close();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Fs closes C runtime descriptors, not SOCKETs")
  void aBoundUdpSocketStaysTheHandles() throws Exception {
    Udp udp = new Udp(loop);
    udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    int fd = (int) udp.fileno();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Fs.closeSync(fd));
    assertTrue(e.getMessage().startsWith("cannot close descriptor " + fd + ": it is owned by Udp[open]"), e.getMessage());
    udp.close();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "a Windows poll watches sockets only")
  void aPollReportsTheDescriptorItWatches() throws Exception {
    int[] ends = Uv.pipe(false, false);
    try {
      Poll poll = new Poll(loop, ends[0]);
      assertEquals(ends[0], poll.fileno());
      poll.close();
      loop.run();
    } finally {
      Fs.closeSync(ends[0]);
      Fs.closeSync(ends[1]);
    }
  }

  @Test
  void aClosedUdpRefusesFileno() {
    Udp udp = new Udp(loop);
    udp.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, udp::fileno);
    assertEquals("Udp[closed] is closed", e.getMessage());
  }
}
