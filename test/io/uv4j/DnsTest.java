package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DnsTest extends LoopTestBase {

  DnsTest() {
    super(30_000);
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
  void aLookupCompletingWhileAnUnhandledErrorStopsTheLoopIsForgotten() throws Exception {
    // occupy every pool thread so that both requests below are still queued when cancelled
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(4);
    for (int i = 0; i < 4; i++) {
      loop.queueWork(() -> {
        started.countDown();
        return release.await(10, TimeUnit.SECONDS);
      });
    }
    assertTrue(started.await(10, TimeUnit.SECONDS));
    try {
      IllegalStateException boom = new IllegalStateException("boom");
      Cancelable work = loop.queueWork(() -> 1, (value, error) -> {
        throw boom;
      });
      List<String> calls = new ArrayList<>();
      Cancelable lookup = Dns.getAddrInfo(loop, "localhost", null, Dns.Hints.DEFAULT,
          (addresses, error) -> calls.add("lookup callback"));
      // cancelled in this order, both completions reach the loop in one batch: the first
      // callback throws with no handler, so the second arrives while callbacks are stopped
      assertTrue(work.cancel());
      assertTrue(lookup.cancel());
      assertSame(boom, assertThrows(IllegalStateException.class, loop::run));
      assertEquals(List.of(), calls);
      // only the four blocking items are left: the lookup's request was freed with its completion
      assertEquals(4, loop.requestsInFlight());
    } finally {
      release.countDown();
    }
    loop.run();
    assertEquals(0, loop.requestsInFlight());
  }

  @Test
  void closingTheLoopCancelsLookupsStillWaitingForAPoolThread() throws Exception {
    Loop other = Loop.create();
    // occupy every pool thread (4 by default) so that the lookups must still be waiting
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(4);
    for (int i = 0; i < 4; i++) {
      other.queueWork(() -> {
        started.countDown();
        return release.await(10, TimeUnit.SECONDS);
      });
    }
    assertTrue(started.await(10, TimeUnit.SECONDS));
    List<String> codes = new ArrayList<>();
    // the pool stays busy until close() has delivered every lookup's completion, then frees up
    // so that close() can finish the work items
    for (int i = 0; i < 64; i++) {
      Dns.getAddrInfo(other, "localhost", null, Dns.Hints.DEFAULT, (addresses, error) -> {
        codes.add(error == null ? "ok" : error.code());
        if (codes.size() == 64) release.countDown();
      });
    }
    other.close();
    assertEquals(64, codes.size());
    assertEquals(List.of("EAI_CANCELED"), codes.stream().distinct().toList(), codes.toString());
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

  @Test
  void localhostOfAnyFamilyGivesOnlyLoopbackAddresses() {
    Promise<List<InetSocketAddress>> lookup = Dns.getAddrInfo(loop, "localhost", "8080", Dns.Hints.DEFAULT);
    loop.run();
    List<InetSocketAddress> found = lookup.value();
    assertFalse(found.isEmpty());
    for (InetSocketAddress address : found) {
      assertTrue(address.getAddress().isLoopbackAddress(), address.toString());
      assertEquals(8080, address.getPort());
    }
  }

  @Test
  void theIpv6LoopbackResolvesWithTheIpv6Family() {
    // /etc/hosts need not map localhost to ::1, so the IPv6 lookup names the address itself
    Promise<List<InetSocketAddress>> lookup =
        Dns.getAddrInfo(loop, "::1", "443", new Dns.Hints(6, Dns.SocketType.STREAM, 0, 4));
    loop.run();
    assertEquals(List.of(new InetSocketAddress(Net.V6, 443)), lookup.value());
    assertTrue(lookup.value().get(0).getAddress() instanceof Inet6Address);
  }

  @Test
  void anIpv4AddressAskedForAsIpv6FailsWithAnEaiCode() {
    Promise<List<InetSocketAddress>> lookup =
        Dns.getAddrInfo(loop, "127.0.0.1", null, new Dns.Hints(6, Dns.SocketType.STREAM, 0, 4));
    lookup.catchError(e -> null);
    loop.run();
    UvException error = (UvException) lookup.reason();
    assertTrue(error.code().startsWith("EAI_"), error.code());
    assertEquals("127.0.0.1", error.path());
  }

  @Test
  void getNameInfoOf127001Port80WithACallback() throws Exception {
    List<String> got = new ArrayList<>();
    Dns.getNameInfo(loop, new InetSocketAddress(Net.V4, 80), 0, (info, error) -> {
      assertNull(error);
      got.add(info.service());
      got.add(String.valueOf(info.host().isEmpty()));
    });
    loop.run();
    assertEquals(List.of("http", "false"), got);
  }

  @Test
  void numericGetNameInfoGivesTheAddressAndPort() {
    // NI_NUMERICHOST (1) | NI_NUMERICSERV (2) on Linux and macOS
    Promise<Dns.NameInfo> lookup = Dns.getNameInfo(loop, new InetSocketAddress(Net.V4, 80), 3);
    loop.run();
    assertEquals(new Dns.NameInfo("127.0.0.1", "80"), lookup.value());
  }

  @Test
  void lookupsWaitingForAPoolThreadCanBeCancelled() throws Exception {
    // occupy every pool thread (4 by default) so that the lookups queued next must wait
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(4);
    for (int i = 0; i < 4; i++) {
      loop.queueWork(() -> {
        started.countDown();
        return release.await(10, TimeUnit.SECONDS);
      });
    }
    assertTrue(started.await(10, TimeUnit.SECONDS));
    int count = 64;
    List<Cancelable> lookups = new ArrayList<>();
    String[] outcomes = new String[count];
    for (int i = 0; i < count; i++) {
      int index = i;
      lookups.add(Dns.getAddrInfo(loop, "localhost", null, Dns.Hints.family(4),
          (addresses, error) -> outcomes[index] = error == null ? "ok" : error.code()));
    }
    boolean[] cancelled = new boolean[count];
    for (int i = count / 2; i < count; i++) cancelled[i] = lookups.get(i).cancel();
    release.countDown();
    loop.run();
    for (int i = 0; i < count; i++) {
      assertEquals(i >= count / 2, cancelled[i], "cancel() of lookup " + i);
      assertEquals(cancelled[i] ? "EAI_CANCELED" : "ok", outcomes[i], "lookup " + i);
      assertFalse(lookups.get(i).cancel(), "cancel after completion, lookup " + i);
    }
  }

  @Test
  void theCallbackRunsOnTheLoopThreadAndItsNextTicksRunRightAfterIt() {
    List<String> events = new ArrayList<>();
    for (String name : List.of("a", "b")) {
      Dns.getAddrInfo(loop, "localhost", null, Dns.Hints.family(4), (addresses, error) -> {
        events.add("callback " + name + " on " + Thread.currentThread().getName());
        loop.queueMicrotask(() -> events.add("microtask " + name));
        loop.nextTick(() -> events.add("tick " + name));
      });
    }
    loop.run();
    String thread = Thread.currentThread().getName();
    assertEquals(6, events.size());
    String first = events.get(0).equals("callback a on " + thread) ? "a" : "b";
    String second = first.equals("a") ? "b" : "a";
    assertEquals(List.of("callback " + first + " on " + thread, "tick " + first, "microtask " + first,
        "callback " + second + " on " + thread, "tick " + second, "microtask " + second), events);
  }

  @Test
  void aPromisedLookupSettlesOnTheLoopThread() {
    List<String> threads = new ArrayList<>();
    Dns.getAddrInfo(loop, "localhost", null, Dns.Hints.family(4))
        .thenAccept(addresses -> threads.add(Thread.currentThread().getName() + " " + addresses.get(0).getAddress()));
    loop.run();
    assertEquals(List.of(Thread.currentThread().getName() + " /127.0.0.1"), threads);
  }

  @Test
  void hostAndServiceCannotBothBeNull() {
    assertThrows(IllegalArgumentException.class, () -> Dns.getAddrInfo(loop, null, null, Dns.Hints.DEFAULT));
  }

  @Test
  void hintsCheckTheirArguments() {
    assertThrows(IllegalArgumentException.class, () -> new Dns.Hints(5, Dns.SocketType.ANY, 0, 0));
    assertThrows(NullPointerException.class, () -> new Dns.Hints(4, null, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Dns.Hints(4, Dns.SocketType.ANY, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Dns.Hints(4, Dns.SocketType.ANY, 0, -1));
  }

  @Test
  void lookupsFromAnotherThreadAreRefused() throws Exception {
    List<Throwable> thrown = new ArrayList<>();
    Thread other = new Thread(() -> {
      try {
        Dns.getAddrInfo(loop, "localhost", null, Dns.Hints.DEFAULT, (a, e) -> {});
      } catch (Throwable t) {
        thrown.add(t);
      }
    });
    other.start();
    other.join();
    assertEquals(1, thrown.size());
    assertTrue(thrown.get(0) instanceof IllegalStateException, thrown.toString());
  }
}
