package io.uv4j;

import static io.uv4j.Net.V4;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of tests that need one loop with a connected IPv4 TCP pair on it: the pair is made
 * before each test and closed after it, before the loop's check that the test left nothing open.
 */
abstract class ConnectedTcpPairBase extends LoopTestBase {
  /** The end that connected. */
  Tcp client;
  /** The end the listener accepted. */
  Tcp server;

  ConnectedTcpPairBase() {
    super(60_000);
  }

  @BeforeEach
  void connectPair() throws UvException {
    Tcp[] pair = Net.connectedPair(loop, V4);
    client = pair[0];
    server = pair[1];
  }

  @AfterEach
  void closePair() {
    if (loop.isClosed()) return;
    client.close();
    server.close();
  }
}
