package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** getaddrinfo and getnameinfo in libuv's synchronous mode: no loop, any thread. */
class DnsSyncTest {
  @Test
  void getAddrInfoSyncResolvesOnTheCallingThread() throws Exception {
    List<InetSocketAddress> found = Dns.getAddrInfoSync("127.0.0.1", "80", Dns.Hints.DEFAULT);
    assertEquals(List.of(new InetSocketAddress(Net.V4, 80)), found);
  }

  @Test
  void getAddrInfoSyncRunsOnManyThreadsAtOnce() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<InetSocketAddress>>> lookups = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        int port = 1000 + i;
        lookups.add(threads.submit(() -> Dns.getAddrInfoSync("127.0.0.1", String.valueOf(port), Dns.Hints.DEFAULT)));
      }
      for (int i = 0; i < lookups.size(); i++) {
        assertEquals(List.of(new InetSocketAddress(Net.V4, 1000 + i)), lookups.get(i).get());
      }
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void aFailedSyncLookupNamesTheHost() {
    UvException e =
        assertThrows(UvException.class, () -> Dns.getAddrInfoSync("no-such-host.invalid", null, Dns.Hints.DEFAULT));
    assertTrue(e.code().startsWith("EAI_"), e.code());
    assertEquals("getaddrinfo", e.syscall());
    assertEquals("no-such-host.invalid", e.path());
  }

  @Test
  void getAddrInfoSyncWithNeitherHostNorServiceIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Dns.getAddrInfoSync(null, null, Dns.Hints.DEFAULT));
    assertEquals("host and service are both null", e.getMessage());
  }

  @Test
  void getNameInfoSyncGivesNumericNames() throws Exception {
    // NI_NUMERICHOST (1) | NI_NUMERICSERV (2) on Linux and macOS
    assertEquals(new Dns.NameInfo("127.0.0.1", "80"), Dns.getNameInfoSync(new InetSocketAddress(Net.V4, 80), 3));
  }

  @Test
  void getNameInfoSyncWithNegativeFlagsIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Dns.getNameInfoSync(new InetSocketAddress(Net.V4, 80), -1));
    assertEquals("flags must be >= 0, got -1", e.getMessage());
  }
}
