package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several datagrams sent in one call ({@code uv_udp_try_send2}), and what a UDP handle tells of its
 * sends ({@code uv_udp_get_send_queue_count}) and receives ({@code uv_udp_using_recvmmsg}).
 */
class UdpSendManyTest extends LoopTestBase {
  private Udp sender;

  UdpSendManyTest() {
    super(30_000);
  }

  @BeforeEach
  void create() throws UvException {
    sender = new Udp(loop);
  }

  @AfterEach
  void closeTheFixture() {
    if (loop.isClosed()) return;
    sender.close();
  }

  private Udp boundReceiver() throws UvException {
    Udp receiver = new Udp(loop);
    receiver.bind(Net.any(Net.V4));
    return receiver;
  }

  private static ByteBuffer direct(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
  }

  private static String text(ByteBuffer data) {
    return StandardCharsets.UTF_8.decode(data).toString();
  }

  @Test
  void trySendSendsEachDatagramToItsOwnAddress() throws Exception {
    sender.bind(Net.any(Net.V4));
    Udp first = boundReceiver();
    Udp second = boundReceiver();
    List<String> got = new ArrayList<>();
    for (Udp receiver : List.of(first, second)) {
      int port = receiver.localAddress().getPort();
      receiver.recvStart((data, from, flags) -> {
        got.add(text(data) + " at " + port);
        receiver.close();
        if (got.size() == 2) sender.close();
      });
    }
    List<String> expected = List.of("one at " + first.localAddress().getPort(), "two at " + second.localAddress().getPort());

    int sent = sender.trySend(new ByteBuffer[] {direct("one"), direct("two")},
        new InetSocketAddress[] {first.localAddress(), second.localAddress()});
    loop.run();

    assertEquals(2, sent);
    got.sort(null);
    assertEquals(expected, got);
  }

  @Test
  void trySendWithoutAddressesSendsEveryDatagramToTheConnectedPeerInOrder() throws Exception {
    Udp receiver = boundReceiver();
    sender.connect(receiver.localAddress());
    List<String> got = new ArrayList<>();
    receiver.recvStart((data, from, flags) -> {
      got.add(text(data));
      if (got.size() < 3) return;
      receiver.close();
      sender.close();
    });

    int sent = sender.trySend(new ByteBuffer[] {direct("a"), direct("b"), direct("c")}, null);
    loop.run();

    assertEquals(3, sent);
    assertEquals(List.of("a", "b", "c"), got);
  }

  @Test
  void trySendSendsTheBytesBetweenPositionAndLimitAndLeavesThePositionAlone() throws Exception {
    Udp receiver = boundReceiver();
    sender.connect(receiver.localAddress());
    List<String> got = new ArrayList<>();
    receiver.recvStart((data, from, flags) -> {
      got.add(text(data));
      receiver.close();
      sender.close();
    });
    ByteBuffer datagram = direct("skip-this").position(5).limit(9);

    sender.trySend(new ByteBuffer[] {datagram}, null);
    loop.run();

    assertEquals(List.of("this"), got);
    assertEquals(5, datagram.position());
  }

  @Test
  void trySendWhileASendIsQueuedFailsWithEagain() throws Exception {
    Udp receiver = boundReceiver();
    sender.connect(receiver.localAddress());
    sender.send(direct("queued"), null, error -> {
      receiver.close();
      sender.close();
    });

    UvException e = assertThrows(UvException.class, () -> sender.trySend(new ByteBuffer[] {direct("now")}, null));
    loop.run();

    assertEquals("EAGAIN", e.code());
    assertEquals("send", e.syscall());
  }

  @Test
  void trySendOnASocketNeitherBoundNorConnectedFailsWithEinval() throws Exception {
    Udp receiver = boundReceiver();
    InetSocketAddress[] to = {receiver.localAddress()};

    UvException e = assertThrows(UvException.class, () -> sender.trySend(new ByteBuffer[] {direct("x")}, to));

    assertEquals("EINVAL", e.code());
    assertEquals("send", e.syscall());
    receiver.close();
  }

  @Test
  void sendQueueCountCountsTheSendsWhoseCallbackHasNotRun() throws Exception {
    Udp receiver = boundReceiver();
    sender.connect(receiver.localAddress());
    sender.send(direct("one"), null, error -> {});
    sender.send(direct("two"), null, error -> {
      receiver.close();
      sender.close();
    });

    long queued = sender.sendQueueCount();
    loop.run();

    assertEquals(2, queued);
  }

  @Test
  void sendQueueCountIsZeroInTheCallbackOfTheLastSend() throws Exception {
    Udp receiver = boundReceiver();
    sender.connect(receiver.localAddress());
    long[] queued = {-1};
    sender.send(direct("only"), null, error -> {
      queued[0] = sender.sendQueueCount();
      receiver.close();
      sender.close();
    });

    loop.run();

    assertEquals(0, queued[0]);
  }

  @Test
  void anEmptyArrayOfDatagramsIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sender.trySend(new ByteBuffer[0], null));

    assertEquals("datagrams is empty", e.getMessage());
  }

  @Test
  void aHeapBufferIsRejectedNamingItsIndex() {
    ByteBuffer heap = ByteBuffer.allocate(3);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sender.trySend(new ByteBuffer[] {direct("ok"), heap}, null));

    assertEquals("trySend needs direct buffers, datagrams[1] is " + heap, e.getMessage());
  }

  @Test
  void aNullDatagramIsRejectedNamingItsIndex() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> sender.trySend(new ByteBuffer[] {direct("ok"), null}, null));

    assertEquals("datagrams[1] is null", e.getMessage());
  }

  @Test
  void addressesThatAreNotOnePerDatagramAreRejectedWithBothCounts() {
    InetSocketAddress[] to = {Net.any(Net.V4)};

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sender.trySend(new ByteBuffer[] {direct("a"), direct("b")}, to));

    assertEquals("to has 1 addresses for 2 datagrams", e.getMessage());
  }

  @Test
  void aNullAddressIsRejectedNamingItsIndex() {
    InetSocketAddress[] to = {Net.any(Net.V4), null};

    NullPointerException e = assertThrows(NullPointerException.class,
        () -> sender.trySend(new ByteBuffer[] {direct("a"), direct("b")}, to));

    assertEquals("to[1] is null", e.getMessage());
  }

  @Test
  void anUnresolvedAddressIsRejectedNamingIt() {
    InetSocketAddress unresolved = InetSocketAddress.createUnresolved("example.invalid", 9);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sender.trySend(new ByteBuffer[] {direct("a")}, new InetSocketAddress[] {unresolved}));

    assertEquals("unresolved address " + unresolved + "; resolve it first (for example with getAddrInfo)", e.getMessage());
  }
}
