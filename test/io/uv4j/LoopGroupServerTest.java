package io.uv4j;

import static io.uv4j.Net.V4;
import static io.uv4j.Net.any;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link LoopGroup#listenTcp}: one TCP server spread over the loops of a group. */
class LoopGroupServerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

  /** The client side runs on a loop of the test's thread. */
  private Loop client;
  private LoopGroup group;
  /** The loop thread each connection was handed to, by the first line its client sent. */
  private final Map<String, String> handedTo = new ConcurrentHashMap<>();
  /** The loop threads in the order connections were handed to them. */
  private final List<String> handOrder = Collections.synchronizedList(new ArrayList<>());

  /** The distributions this OS has: the acceptor everywhere, load-balanced reuseport on Linux. */
  static List<LoopGroup.Distribution> distributions() {
    return LINUX ? List.of(LoopGroup.Distribution.values()) : List.of(LoopGroup.Distribution.ACCEPTOR);
  }

  @BeforeEach
  void create() throws UvException {
    client = Loop.create();
    Net.guard(client, WAIT.toMillis());
  }

  @AfterEach
  void close() {
    client.close();
    if (group != null) group.close();
  }

  /** Echoes every connection; records the loop thread it was handed to under the connection's first message. */
  private final LoopGroup.ConnectionHandler echo = connection -> {
    String thread = Thread.currentThread().getName();
    handOrder.add(thread);
    boolean[] first = {true};
    connection.readStart(data -> {
      if (first[0]) {
        first[0] = false;
        handedTo.put(StandardCharsets.UTF_8.decode(data.duplicate()).toString(), thread);
      }
      connection.write(data, null);
    });
  };

  /**
   * Connects to {@code server}, sends {@code message} and collects the echo until it is complete,
   * then closes; {@code then}, if not null, runs after.
   */
  private void echoOnce(InetSocketAddress server, String message, Map<String, String> echoed, Runnable then) {
    Tcp tcp = new Tcp(client);
    StringBuilder received = new StringBuilder();
    tcp.connect(server, error -> {
      if (error != null) throw error;
      tcp.readStart(data -> {
        received.append(StandardCharsets.UTF_8.decode(data));
        if (received.length() < message.length()) return;
        echoed.put(message, received.toString());
        tcp.close();
        if (then != null) then.run();
      });
      tcp.write(message, null);
    });
  }

  /** Connects to {@code server} one after another, each once the one before has echoed. */
  private void echoInSequence(InetSocketAddress server, List<String> messages, Map<String, String> echoed, int index) {
    if (index == messages.size()) return;
    echoOnce(server, messages.get(index), echoed, () -> echoInSequence(server, messages, echoed, index + 1));
  }

  private static List<String> messages(int count) {
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) messages.add("message " + i);
    return messages;
  }

  private String connectOutcome(InetSocketAddress address) {
    String[] outcome = new String[1];
    Tcp tcp = new Tcp(client);
    tcp.connect(address, error -> {
      outcome[0] = error == null ? "connected" : error.code();
      tcp.close();
    });
    client.run();
    return outcome[0];
  }

  @ParameterizedTest
  @MethodSource("distributions")
  void concurrentConnectionsEchoAndLandOnMoreThanOneLoop(LoopGroup.Distribution distribution) throws Exception {
    group = LoopGroup.create(2, "server", (error, origin) -> error.printStackTrace());
    LoopGroup.TcpServer server = group.listenTcp(any(V4), 128, echo, distribution);
    assertNotEquals(0, server.localAddress().getPort());
    Map<String, String> echoed = new HashMap<>();
    List<String> sent = messages(32);
    for (String message : sent) echoOnce(server.localAddress(), message, echoed, null);
    client.run();
    for (String message : sent) assertEquals(message, echoed.get(message));
    assertTrue(new HashSet<>(handedTo.values()).size() > 1, "every connection went to " + handedTo.values());
  }

  @Test
  void theAcceptorHandsConnectionsToTheLoopsInTurn() throws Exception {
    group = LoopGroup.create(3, "server", (error, origin) -> error.printStackTrace());
    LoopGroup.TcpServer server = group.listenTcp(any(V4), 128, echo, LoopGroup.Distribution.ACCEPTOR);
    Map<String, String> echoed = new HashMap<>();
    echoInSequence(server.localAddress(), messages(7), echoed, 0);
    client.run();
    assertEquals(7, echoed.size());
    assertEquals(List.of("server-0", "server-1", "server-2", "server-0", "server-1", "server-2", "server-0"), handOrder);
  }

  @Test
  void withoutAChoiceEachLoopListensItselfOnLinuxAndAnAcceptorServesElsewhere() throws Exception {
    group = LoopGroup.create(2);
    LoopGroup.TcpServer server = group.listenTcp(any(V4), 128, echo);
    assertEquals(LINUX ? LoopGroup.Distribution.REUSE_PORT : LoopGroup.Distribution.ACCEPTOR, server.distribution());
  }

  @ParameterizedTest
  @MethodSource("distributions")
  void shutdownClosesTheListenersAndTheConnectionsAndEndsEveryThread(LoopGroup.Distribution distribution)
      throws Exception {
    group = LoopGroup.create(2, "server", (error, origin) -> error.printStackTrace());
    LoopGroup.TcpServer server = group.listenTcp(any(V4), 128, echo, distribution);
    Tcp open = new Tcp(client);
    List<String> ended = new ArrayList<>();
    open.connect(server.localAddress(), error -> {
      if (error != null) throw error;
      open.readStart(new Stream.Reader() {
        @Override
        public void onData(ByteBuffer data) {
          group.shutdown();
        }

        @Override
        public void onEnd() {
          ended.add("end");
          open.close();
        }

        @Override
        public void onError(UvException error) {
          ended.add(error.code());
          open.close();
        }
      });
      open.write("hello", null);
    });
    client.run();
    assertEquals(1, ended.size(), ended.toString());
    assertTrue(group.awaitTermination(WAIT));
    assertEquals("ECONNREFUSED", connectOutcome(server.localAddress()));
  }

  @ParameterizedTest
  @MethodSource("distributions")
  void closingTheServerRefusesNewConnectionsAndKeepsTheGroupRunning(LoopGroup.Distribution distribution)
      throws Exception {
    group = LoopGroup.create(2, "server", (error, origin) -> error.printStackTrace());
    LoopGroup.TcpServer server = group.listenTcp(any(V4), 128, echo, distribution);
    server.close();
    assertEquals("ECONNREFUSED", connectOutcome(server.localAddress()));
    for (Loop loop : group.loops()) assertEquals(List.of(), LoopGroupTest.on(loop, loop::handles));
  }

  @ParameterizedTest
  @MethodSource("distributions")
  void aPortInUseFailsNamingTheAddressAndLeavesNoListener(LoopGroup.Distribution distribution) throws Exception {
    group = LoopGroup.create(2, "server", (error, origin) -> error.printStackTrace());
    Tcp taken = new Tcp(client);
    taken.bind(any(V4));
    taken.listen(1, error -> {});
    InetSocketAddress address = taken.localAddress();
    UvException e = assertThrows(UvException.class, () -> group.listenTcp(address, 128, echo, distribution));
    assertEquals("EADDRINUSE", e.code());
    assertTrue(e.getMessage().contains(SocketAddresses.text(address)), e.getMessage());
    for (Loop loop : group.loops()) assertEquals(List.of(), LoopGroupTest.on(loop, loop::handles));
    taken.close();
  }

  @ParameterizedTest
  @MethodSource("distributions")
  void aCheckedExceptionOfTheConnectionHandlerReachesTheGroupsHandler(LoopGroup.Distribution distribution)
      throws Exception {
    CompletableFuture<Throwable> reported = new CompletableFuture<>();
    group = LoopGroup.create(1, "server", (error, origin) -> reported.complete(error));
    IOException refusal = new IOException("no room for this connection");
    LoopGroup.TcpServer server = group.listenTcp(any(V4), 128, connection -> {
      connection.close();
      throw refusal;
    }, distribution);
    assertEquals("connected", connectOutcome(server.localAddress()));
    assertEquals(refusal, reported.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Test
  void listeningFromAThreadOfTheGroupIsRefused() throws Exception {
    group = LoopGroup.create(1, "server", (error, origin) -> error.printStackTrace());
    Throwable refused = LoopGroupTest.on(group.next(), () -> {
      try {
        group.listenTcp(any(V4), 128, echo);
        return null;
      } catch (IllegalStateException e) {
        return e;
      }
    });
    assertTrue(refused.getMessage().startsWith("listenTcp() called on server-0"), refused.getMessage());
  }

  @Test
  void listeningAfterShutdownIsRefused() throws Exception {
    group = LoopGroup.create(1, "server", (error, origin) -> error.printStackTrace());
    group.shutdown();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.listenTcp(any(V4), 128, echo));
    assertTrue(e.getMessage().endsWith("is shutting down"), e.getMessage());
  }

  @Test
  void aNegativeBacklogIsRefusedNamingIt() throws Exception {
    group = LoopGroup.create(1, "server", (error, origin) -> error.printStackTrace());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> group.listenTcp(any(V4), -1, echo));
    assertEquals("backlog must be >= 0, got -1", e.getMessage());
  }

  @Test
  void anUnresolvedAddressIsRefusedNamingIt() throws Exception {
    group = LoopGroup.create(1, "server", (error, origin) -> error.printStackTrace());
    InetSocketAddress unresolved = InetSocketAddress.createUnresolved("example.invalid", 80);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> group.listenTcp(unresolved, 128, echo));
    assertTrue(e.getMessage().contains("example.invalid"), e.getMessage());
  }
}
