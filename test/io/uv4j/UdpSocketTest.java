package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** UDP and TCP sockets made for a family or adopted, and UDP receives into the caller's buffers. */
class UdpSocketTest extends LoopTestBase {

  UdpSocketTest() {
    super(30_000);
  }

  private static ByteBuffer text(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
  }

  @Test
  void udpMadeForIpv4HasAnIpv4SocketBeforeBind() throws Exception {
    Udp udp = new Udp(loop, 4);
    assertInstanceOf(Inet4Address.class, udp.localAddress().getAddress());
    udp.close();
  }

  @Test
  void tcpMadeForIpv4HasAnIpv4SocketBeforeBind() throws Exception {
    Tcp tcp = new Tcp(loop, 4);
    assertInstanceOf(Inet4Address.class, tcp.localAddress().getAddress());
    tcp.close();
  }

  @Test
  void udpOfAnUnknownFamilyIsRefusedWithIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Udp(loop, 5));
    assertEquals("family must be 0, 4 or 6, got 5", e.getMessage());
  }

  @Test
  void tcpOfAnUnknownFamilyIsRefusedWithIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tcp(loop, 2));
    assertEquals("family must be 0, 4 or 6, got 2", e.getMessage());
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Fs closes C runtime descriptors, not SOCKETs")
  void theSocketOfAFamilyHandleIsTheHandles() throws Exception {
    Tcp tcp = new Tcp(loop, 4);
    int fd = (int) tcp.fileno();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Fs.closeSync(fd));
    assertTrue(e.getMessage().contains("owned by Tcp[open]"), e.getMessage());
    tcp.close();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "uv_udp_open of a socket pair's SOCKET is Unix-only here")
  void adoptedDatagramSocketsExchangeDatagrams() throws Exception {
    int[] pair = Uv.socketPair(Dns.SocketType.DATAGRAM, false, false);
    Udp first = new Udp(loop);
    first.open(pair[0]);
    Udp second = new Udp(loop);
    second.open(pair[1]);
    List<String> got = new ArrayList<>();
    second.recvStart((data, from, flags) -> {
      got.add(StandardCharsets.UTF_8.decode(data).toString());
      first.close();
      second.close();
    });
    first.send(text("over the pair"), null);
    loop.run();
    assertEquals(List.of("over the pair"), got);
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "a Windows socket is a SOCKET, not an int descriptor")
  void openRefusesASocketAnotherHandleOwns() throws Exception {
    Udp owner = new Udp(loop, 4);
    int fd = (int) owner.fileno();
    Udp other = new Udp(loop);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.open(fd));
    assertTrue(e.getMessage().startsWith("cannot adopt descriptor " + fd + ": it is owned by Udp[open]"), e.getMessage());
    owner.close();
    other.close();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "on Windows libuv itself judges the descriptor")
  void openRefusesARegularFile(@TempDir Path dir) throws Exception {
    int fd = Fs.openSync(Files.writeString(dir.resolve("plain"), "x"), Fs.O_RDONLY, 0);
    try {
      Udp udp = new Udp(loop);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> udp.open(fd));
      assertEquals("descriptor " + fd + " is a regular file, not a socket", e.getMessage());
      udp.close();
    } finally {
      Fs.closeSync(fd);
    }
  }

  @Test
  void openOfANegativeDescriptorNamesIt() {
    Udp udp = new Udp(loop);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> udp.open(-1));
    assertEquals("fd must be >= 0, got -1", e.getMessage());
    udp.close();
  }

  @Test
  void datagramsArriveInTheBufferTheAllocatorGives() throws Exception {
    Udp receiver = new Udp(loop);
    receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Udp sender = new Udp(loop);
    ByteBuffer mine = ByteBuffer.allocateDirect(64);
    List<String> got = new ArrayList<>();
    receiver.recvStart(() -> mine.clear(), (data, from, flags) -> {
      assertSame(mine, data);
      got.add(StandardCharsets.UTF_8.decode(data) + " flags " + flags);
      receiver.close();
      sender.close();
    });
    sender.send(text("into my buffer"), receiver.localAddress());
    loop.run();
    assertEquals(List.of("into my buffer flags 0"), got);
  }

  @Test
  void aDatagramLongerThanTheGivenBufferIsCutAndFlaggedPartial() throws Exception {
    Udp receiver = new Udp(loop);
    receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Udp sender = new Udp(loop);
    List<String> got = new ArrayList<>();
    receiver.recvStart(() -> ByteBuffer.allocateDirect(4), (data, from, flags) -> {
      got.add(StandardCharsets.UTF_8.decode(data) + " partial " + ((flags & Udp.PARTIAL) != 0));
      receiver.close();
      sender.close();
    });
    sender.send(text("truncated"), receiver.localAddress());
    loop.run();
    assertEquals(List.of("trun partial true"), got);
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "libuv batches receives on Linux, macOS and FreeBSD only")
  void aBatchingHandleTakesQueuedDatagramsInOneBufferEachInItsOwnSlot() throws Exception {
    Udp receiver = new Udp(loop, 4, true);
    receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Udp sender = new Udp(loop);
    // sent at once, so that all three wait in the socket when the receiver first reads
    for (String s : List.of("a", "bb", "ccc")) sender.send(text(s), receiver.localAddress());
    int[] buffersSupplied = {0};
    List<String> got = new ArrayList<>();
    receiver.recvStart(() -> {
      buffersSupplied[0]++;
      return ByteBuffer.allocateDirect(4 << 16);
    }, (data, from, flags) -> {
      got.add(data.position() + ":" + StandardCharsets.UTF_8.decode(data) + " flags " + flags);
      if (got.size() == 3) {
        receiver.close();
        sender.close();
      }
    });
    loop.run();
    assertTrue(receiver.isClosing());
    assertEquals(List.of("0:a flags 0", "65536:bb flags 0", "131072:ccc flags 0"), got);
    assertEquals(1, buffersSupplied[0]);
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "libuv batches receives on Linux, macOS and FreeBSD only")
  void aBatchingHandleSaysSo() throws Exception {
    Udp udp = new Udp(loop, 4, true);
    assertTrue(udp.isBatchingReceives());
    udp.close();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "libuv batches receives on Linux, macOS and FreeBSD only")
  void aBatchingHandleRefusesABufferWithoutRoomForASlot() throws Exception {
    Udp udp = new Udp(loop, 4, true);
    udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    ByteBuffer small = ByteBuffer.allocateDirect(1024);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> udp.recvStart(() -> small, (d, f, g) -> {}));
    assertEquals("a batching handle needs receive buffers with room for 65536 bytes: " + small, e.getMessage());
    udp.close();
  }

  @Test
  void aHeapReceiveBufferIsRefused() {
    Udp udp = new Udp(loop);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> udp.recvStart(() -> ByteBuffer.allocate(8), (d, f, g) -> {}));
    assertTrue(e.getMessage().startsWith("receive buffers must be direct: "), e.getMessage());
    udp.close();
  }
}
