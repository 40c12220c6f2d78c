package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UdpTest extends LoopTestBase {

  UdpTest() {
    super(30_000);
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
    udp.close();
  }

  @Test
  void multicastOnLoopbackReachesAMemberOrTheJoinIsRefused() throws Exception {
    String group = "239.255.77.1";
    Udp receiver = new Udp(loop);
    receiver.bind(new InetSocketAddress(InetAddress.getByName(group), 0), Udp.REUSE_ADDR);
    try {
      receiver.setMembership(group, "127.0.0.1", true);
    } catch (UvException refused) {
      // kernels without multicast on the loopback interface refuse the join; that is the outcome
      assertEquals("setsockopt", refused.syscall());
      assertTrue(refused.errno() < 0);
      return;
    }
    Udp sender = new Udp(loop);
    sender.bind(new InetSocketAddress(Net.V4, 0));
    sender.setMulticastInterface("127.0.0.1");
    sender.setMulticastLoop(true);
    sender.setMulticastTtl(1);
    InetSocketAddress senderAddress = sender.localAddress();
    List<String> got = new ArrayList<>();
    receiver.recvStart((data, from, flags) -> {
      got.add(StandardCharsets.UTF_8.decode(data) + " from " + from);
      receiver.setMembership(group, "127.0.0.1", false);
      receiver.close();
      sender.close();
    });
    List<UvException> sent = new ArrayList<>();
    sender.send(ByteBuffer.wrap("to the group".getBytes(StandardCharsets.UTF_8)),
        new InetSocketAddress(InetAddress.getByName(group), receiver.localAddress().getPort()), sent::add);
    loop.run();
    assertEquals(1, sent.size());
    assertNull(sent.get(0));
    assertEquals(List.of("to the group from " + senderAddress), got);
  }

  @Test
  void broadcastNeedsTheBroadcastOption() throws Exception {
    InetSocketAddress broadcast = new InetSocketAddress(InetAddress.getByName("127.255.255.255"), 9);
    Udp sender = new Udp(loop);
    sender.bind(new InetSocketAddress(Net.V4, 0));
    List<String> outcomes = new ArrayList<>();
    sender.send(ByteBuffer.wrap(new byte[] {1}), broadcast, error -> {
      outcomes.add("without " + (error == null ? "ok" : error.code()));
      sender.setBroadcast(true);
      sender.send(ByteBuffer.wrap(new byte[] {2}), broadcast, again -> {
        outcomes.add("with " + (again == null ? "ok" : again.code()));
        sender.close();
      });
    });
    loop.run();
    assertEquals(List.of("without EACCES", "with ok"), outcomes);
  }

  @Test
  void ttlsAreCheckedAndAcceptedWithinRange() throws Exception {
    Udp udp = new Udp(loop);
    udp.bind(new InetSocketAddress(Net.V4, 0));
    for (int bad : new int[] {0, -1, 256}) {
      assertEquals("ttl must be 1..255, got " + bad, assertThrows(IllegalArgumentException.class, () -> udp.setTtl(bad)).getMessage());
      assertEquals("ttl must be 1..255, got " + bad,
          assertThrows(IllegalArgumentException.class, () -> udp.setMulticastTtl(bad)).getMessage());
    }
    udp.setTtl(1);
    udp.setTtl(255);
    udp.setMulticastTtl(1);
    udp.setMulticastTtl(255);
    assertTrue(!udp.isClosing());
    udp.close();
  }

  @Test
  void recvStopHoldsDatagramsBackUntilRecvStart() throws Exception {
    Udp receiver = new Udp(loop);
    receiver.bind(new InetSocketAddress(Net.V4, 0));
    Udp sender = new Udp(loop);
    InetSocketAddress to = receiver.localAddress();
    List<String> events = new ArrayList<>();
    receiver.recvStart((data, from, flags) -> {
      events.add("first " + StandardCharsets.UTF_8.decode(data));
      receiver.recvStop();
      sender.send(ByteBuffer.wrap("two".getBytes(StandardCharsets.UTF_8)), to, null);
      Timer holdBack = new Timer(loop);
      holdBack.start(100, Net.unchecked(() -> {
        events.add("timer");
        holdBack.close();
        receiver.recvStart((more, sender2, flags2) -> {
          events.add("second " + StandardCharsets.UTF_8.decode(more));
          receiver.close();
          sender.close();
        });
      }));
    });
    sender.send(ByteBuffer.wrap("one".getBytes(StandardCharsets.UTF_8)), to, null);
    loop.run();
    assertEquals(List.of("first one", "timer", "second two"), events);
  }

  @Test
  void disconnectForgetsThePeer() throws Exception {
    Udp peer = new Udp(loop);
    peer.bind(new InetSocketAddress(Net.V4, 0));
    Udp udp = new Udp(loop);
    udp.connect(peer.localAddress());
    assertEquals(peer.localAddress(), udp.remoteAddress());
    udp.disconnect();
    assertEquals("ENOTCONN", assertThrows(UvException.class, udp::remoteAddress).code());
    assertEquals("ENOTCONN", assertThrows(UvException.class, udp::disconnect).code());
    List<String> sent = new ArrayList<>();
    udp.send(ByteBuffer.wrap(new byte[] {1}), null, error -> sent.add(error.code()));
    peer.close();
    udp.close();
    loop.run();
    assertEquals(List.of("EDESTADDRREQ"), sent);
  }

  @Test
  void connectingTwiceFailsWithEisconn() throws Exception {
    Udp udp = new Udp(loop);
    udp.connect(new InetSocketAddress(Net.V4, 9));
    UvException e = assertThrows(UvException.class, () -> udp.connect(new InetSocketAddress(Net.V4, 10)));
    assertEquals("EISCONN", e.code());
    udp.close();
  }

  @Test
  void sendingToAnUnresolvedAddressIsRejected() {
    Udp udp = new Udp(loop);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> udp.send(ByteBuffer.wrap(new byte[1]), InetSocketAddress.createUnresolved("localhost", 9), error -> {}));
    assertTrue(e.getMessage().startsWith("unresolved address"), e.getMessage());
    udp.close();
  }

  @Test
  void sendQueueSizeCountsBytesUntilTheSendCompletes() throws Exception {
    Udp receiver = new Udp(loop);
    receiver.bind(new InetSocketAddress(Net.V4, 0));
    Udp sender = new Udp(loop);
    assertEquals(0, sender.sendQueueSize());
    List<Long> atCompletion = new ArrayList<>();
    sender.send(ByteBuffer.allocateDirect(1000), receiver.localAddress(), error -> {
      assertNull(error);
      atCompletion.add(sender.sendQueueSize());
      receiver.close();
      sender.close();
    });
    sender.send(ByteBuffer.wrap(new byte[234]), receiver.localAddress(), null);
    assertEquals(1234, sender.sendQueueSize(), "counted until the completions run");
    loop.run();
    assertEquals(1, atCompletion.size());
    assertTrue(atCompletion.get(0) <= 234, "the first send is no longer counted: " + atCompletion);
  }

  @Test
  void aHeapBufferDatagramArrivesWhole() throws Exception {
    Udp receiver = new Udp(loop);
    receiver.bind(new InetSocketAddress(Net.V6, 0));
    Udp sender = new Udp(loop);
    byte[] payload = new byte[60_000];
    for (int i = 0; i < payload.length; i++) payload[i] = (byte) i;
    List<byte[]> got = new ArrayList<>();
    receiver.recvStart((data, from, flags) -> {
      got.add(Net.bytes(data));
      assertEquals(0, flags & Udp.PARTIAL);
      receiver.close();
      sender.close();
    });
    sender.send(ByteBuffer.wrap(payload), receiver.localAddress());
    loop.run();
    assertArrayEquals(payload, got.get(0));
  }

  @Test
  void trySendNeedsADirectBuffer() {
    Udp udp = new Udp(loop);
    assertThrows(IllegalArgumentException.class, () -> udp.trySend(ByteBuffer.allocate(1), new InetSocketAddress(Net.V4, 9)));
    udp.close();
  }
}
