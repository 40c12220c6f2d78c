package io.uv4j;

import static io.uv4j.Net.V4;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of tests that need one loop with a connected IPv4 TCP pair on it: a fresh loop (with
 * a hang guard) and pair before each test, and the loop closed after it.
 */
abstract class ConnectedTcpPairBase {
  Loop loop;
  /** The end that connected. */
  Tcp client;
  /** The end the listener accepted. */
  Tcp server;

  @BeforeEach
  void connectPair() throws UvException {
    loop = Loop.create();
    Net.guard(loop, 60_000);
    Tcp[] pair = Net.connectedPair(loop, V4);
    client = pair[0];
    server = pair[1];
  }

  @AfterEach
  void closeLoop() {
    loop.close();
  }
}
