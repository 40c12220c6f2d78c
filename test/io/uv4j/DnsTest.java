package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DnsTest {
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
  void localhostResolvesToLoopbackOnTheLoopThread() throws Exception {
    List<InetSocketAddress> found = new ArrayList<>();
    Thread[] thread = new Thread[1];
    Dns.getAddrInfo(loop, "localhost", "80", Dns.Hints.family(4), (addresses, error) -> {
      assertNull(error);
      thread[0] = Thread.currentThread();
      found.addAll(addresses);
    });
    loop.run();
    assertSame(Thread.currentThread(), thread[0]);
    assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80), found.get(0));
  }

  @Test
  void unknownNameFailsWithAnEaiCode() {
    Promise<List<InetSocketAddress>> lookup =
        Dns.getAddrInfo(loop, "no-such-host.invalid", null, Dns.Hints.DEFAULT);
    lookup.catchError(e -> null);
    loop.run();
    UvException error = (UvException) lookup.reason();
    assertTrue(error.code().startsWith("EAI_"), error.code());
    assertEquals("getaddrinfo", error.syscall());
    assertEquals("no-such-host.invalid", error.path());
  }

  @Test
  void getNameInfoOfLoopbackGivesAHostAndThePort() {
    Promise<Dns.NameInfo> lookup =
        Dns.getNameInfo(loop, new InetSocketAddress(InetAddress.getLoopbackAddress(), 80), 0);
    loop.run();
    assertFalse(lookup.value().host().isEmpty());
    assertEquals("http", lookup.value().service());
  }

  @Test
  void closingTheLoopCancelsLookupsStillWaitingForAPoolThread() throws Exception {
    Loop other = Loop.create();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      Dns.getAddrInfo(other, "localhost", null, Dns.Hints.DEFAULT,
          (addresses, error) -> codes.add(error == null ? "ok" : error.code()));
    }
    other.close();
    assertEquals(64, codes.size());
    assertTrue(codes.contains("EAI_CANCELED"), codes.toString());
  }

  @Test
  void nameWithNulIsRejectedBeforeAnyNativeCall() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dns.getAddrInfo(loop, "local\0host", null, Dns.Hints.DEFAULT));
    assertTrue(e.getMessage().contains("local\\0host"), e.getMessage());
  }

  @Test
  void unresolvedAddressIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> Dns.getNameInfo(loop, InetSocketAddress.createUnresolved("example.com", 80), 0));
  }
}
