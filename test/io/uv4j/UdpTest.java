package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UdpTest {
  private Loop loop;

  @BeforeEach
  void create() throws UvException {
    loop = Loop.create();
  }

  @AfterEach
  void close() {
    loop.close();
  }

  @Test
  void datagramArrivesWithItsSender() throws Exception {
    Udp receiver = new Udp(loop);
    receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Udp sender = new Udp(loop);
    sender.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    List<String> got = new ArrayList<>();
    receiver.recvStart((data, from, flags) -> {
      got.add(StandardCharsets.UTF_8.decode(data) + " from " + from.getPort() + " flags " + flags);
      receiver.close();
      sender.close();
    });
    List<UvException> sent = new ArrayList<>();
    sender.send(ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8)), receiver.localAddress(), sent::add);
    int senderPort = sender.localAddress().getPort();
    loop.run();
    assertEquals(1, sent.size());
    assertNull(sent.get(0));
    assertEquals(List.of("ping from " + senderPort + " flags 0"), got);
  }

  @Test
  void connectedSocketSendsWithoutAnAddress() throws Exception {
    Udp receiver = new Udp(loop);
    receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Udp sender = new Udp(loop);
    sender.connect(receiver.localAddress());
    assertEquals(receiver.localAddress(), sender.remoteAddress());
    List<String> got = new ArrayList<>();
    receiver.recvStart((data, from, flags) -> {
      got.add(StandardCharsets.UTF_8.decode(data).toString());
      receiver.close();
      sender.close();
    });
    ByteBuffer direct = ByteBuffer.allocateDirect(4).put("pong".getBytes(StandardCharsets.UTF_8)).flip();
    assertEquals(4, sender.trySend(direct, null));
    loop.run();
    assertEquals(List.of("pong"), got);
  }

  @Test
  void ttlOutsideItsRangeIsRejectedWithTheValue() {
    Udp udp = new Udp(loop);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> udp.setTtl(256));
    assertEquals("ttl must be 1..255, got 256", e.getMessage());
  }
}
