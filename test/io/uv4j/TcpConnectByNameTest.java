package io.uv4j;

import static io.uv4j.Net.V4;
import static io.uv4j.Net.V6;
import static io.uv4j.Net.any;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Tcp#connect(Loop, String, int, Callback)}: resolving a name and trying its addresses in order. */
class TcpConnectByNameTest extends LoopTestBase {
  /** The peer address of each connection the listeners accepted. */
  private final List<InetSocketAddress> acceptedFrom = new ArrayList<>();
  private final List<Handle> opened = new ArrayList<>();

  TcpConnectByNameTest() {
    super(30_000);
  }

  /** A listener that accepts one connection, records where it came from, and closes. */
  private InetSocketAddress listener(InetAddress host) throws UvException {
    Tcp server = new Tcp(loop);
    server.bind(any(host));
    server.listen(1, error -> {
      assertNull(error);
      Tcp accepted = new Tcp(loop);
      server.accept(accepted);
      acceptedFrom.add(accepted.remoteAddress());
      accepted.close();
      server.close();
    });
    return server.localAddress();
  }

  /** An address nothing listens on: a socket bound to it, kept open, and never listening. */
  private InetSocketAddress refusing(InetAddress host) throws UvException {
    Tcp bound = new Tcp(loop);
    bound.bind(any(host));
    opened.add(bound);
    return bound.localAddress();
  }

  /** Records the outcome, closes the connected handle and what the test opened. */
  private Callback<Tcp> recordInto(Tcp[] connected, UvException[] failure) {
    return (tcp, error) -> {
      connected[0] = tcp;
      failure[0] = error;
      if (tcp != null) tcp.close();
      for (Handle handle : opened) handle.close();
    };
  }

  @Test
  void localhostReachesAListenerOnIpv4Loopback() throws Exception {
    InetSocketAddress server = listener(V4);
    Tcp[] connected = new Tcp[1];
    UvException[] failure = new UvException[1];
    Tcp.connect(loop, "localhost", server.getPort(), recordInto(connected, failure));
    loop.run();
    assertNull(failure[0]);
    assertEquals(V4, acceptedFrom.get(0).getAddress());
  }

  @Test
  void localhostReachesAListenerOnEachAddressItResolvesTo() throws Exception {
    for (InetSocketAddress resolved : Dns.getAddrInfoSync("localhost", null, Dns.Hints.DEFAULT)) {
      acceptedFrom.clear();
      InetSocketAddress server = listener(resolved.getAddress());
      Tcp[] connected = new Tcp[1];
      UvException[] failure = new UvException[1];
      Tcp.connect(loop, "localhost", server.getPort(), recordInto(connected, failure));
      loop.run();
      assertNull(failure[0]);
      assertEquals(resolved.getAddress(), acceptedFrom.get(0).getAddress());
    }
  }

  @Test
  void aNumericIpv6HostReachesAListenerOnIpv6Loopback() throws Exception {
    InetSocketAddress server = listener(V6);
    Tcp[] connected = new Tcp[1];
    UvException[] failure = new UvException[1];
    Tcp.connect(loop, "::1", server.getPort(), recordInto(connected, failure));
    loop.run();
    assertNull(failure[0]);
    assertEquals(V6, acceptedFrom.get(0).getAddress());
  }

  @Test
  void thePromiseFulfilsWithTheConnectedHandle() throws Exception {
    InetSocketAddress server = listener(V4);
    List<InetSocketAddress> connectedTo = new ArrayList<>();
    Tcp.connect(loop, "127.0.0.1", server.getPort()).then(tcp -> {
      connectedTo.add(tcp.remoteAddress());
      tcp.close();
      return null;
    });
    loop.run();
    assertEquals(List.of(server), connectedTo);
  }

  @Test
  void aNameThatDoesNotResolveFailsNamingIt() {
    Tcp[] connected = new Tcp[1];
    UvException[] failure = new UvException[1];
    Tcp.connect(loop, "no-such-host.invalid", 80, recordInto(connected, failure));
    loop.run();
    assertNull(connected[0]);
    assertTrue(failure[0].code().startsWith("EAI_"), failure[0].code());
    assertTrue(failure[0].getMessage().contains("no-such-host.invalid"), failure[0].getMessage());
  }

  @Test
  void aRefusedAddressIsFollowedByTheNextOne() throws Exception {
    InetSocketAddress refused = refusing(V4);
    InetSocketAddress server = listener(V4);
    Tcp[] connected = new Tcp[1];
    UvException[] failure = new UvException[1];
    List<InetSocketAddress> remote = new ArrayList<>();
    Tcp.connectInOrder(loop, "test", List.of(refused, server), (tcp, error) -> {
      remote.add(tcp.remoteAddress());
      recordInto(connected, failure).done(tcp, error);
    });
    loop.run();
    assertEquals(List.of(server), remote);
    assertEquals(1, acceptedFrom.size());
  }

  @Test
  void anIpv4AddressAfterAFailedIpv6AttemptGetsASocketOfItsOwnFamily() throws Exception {
    InetSocketAddress refused = refusing(V6);
    InetSocketAddress server = listener(V4);
    Tcp[] connected = new Tcp[1];
    UvException[] failure = new UvException[1];
    Tcp.connectInOrder(loop, "test", List.of(refused, server), recordInto(connected, failure));
    loop.run();
    assertNull(failure[0]);
    assertEquals(V4, acceptedFrom.get(0).getAddress());
  }

  @Test
  void whenEveryAddressFailsTheLastErrorNamesTheTargetAndEveryAddressTried() throws Exception {
    InetSocketAddress first = refusing(V6);
    InetSocketAddress second = refusing(V4);
    Tcp[] connected = new Tcp[1];
    UvException[] failure = new UvException[1];
    Tcp.connectInOrder(loop, "example:7", List.of(first, second), recordInto(connected, failure));
    loop.run();
    assertNull(connected[0]);
    assertEquals("ECONNREFUSED", failure[0].code());
    String message = failure[0].getMessage();
    assertTrue(message.contains("'example:7'"), message);
    assertTrue(message.contains("tried " + SocketAddresses.text(first) + ", " + SocketAddresses.text(second)), message);
    assertNotNull(failure[0].getCause());
  }

  @Test
  void closingTheLoopDuringAnAttemptEndsWithEcanceledAndTriesNoFurther() throws Exception {
    InetSocketAddress server = listener(V4);
    Tcp[] connected = new Tcp[1];
    UvException[] failure = new UvException[1];
    Tcp.connectInOrder(loop, "test", List.of(server, server), recordInto(connected, failure));
    loop.close();
    assertEquals("ECANCELED", failure[0].code());
    assertTrue(failure[0].getMessage().contains("(tried " + SocketAddresses.text(server) + ")"), failure[0].getMessage());
  }

  @Test
  void portZeroIsRefusedNamingIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Tcp.connect(loop, "localhost", 0, (tcp, error) -> {}));
    assertEquals("port must be 1..65535, got 0", e.getMessage());
  }

  @Test
  void portAbove65535IsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tcp.connect(loop, "localhost", 65536));
    assertEquals("port must be 1..65535, got 65536", e.getMessage());
  }

  @Test
  void anEmptyHostIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tcp.connect(loop, "", 80));
    assertEquals("host is empty", e.getMessage());
  }

  @Test
  void aNullHostIsRefused() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Tcp.connect(loop, null, 80));
    assertEquals("host", e.getMessage());
  }
}
