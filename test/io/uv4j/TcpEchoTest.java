package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpEchoTest {
  private Loop loop;

  @BeforeEach
  void create() throws UvException {
    loop = Loop.create();
  }

  @AfterEach
  void close() {
    loop.close();
  }

  /** A server on an ephemeral loopback port that echoes every connection until EOF. */
  private Tcp echoServer(InetAddress host) throws UvException {
    Tcp server = new Tcp(loop);
    server.bind(new InetSocketAddress(host, 0));
    server.listen(
        16,
        error -> {
          Tcp conn = new Tcp(loop);
          server.accept(conn);
          conn.readStart(
              new Stream.Reader() {
                @Override
                public void onData(ByteBuffer data) {
                  conn.write(data, null);
                }

                @Override
                public void onEnd() {
                  conn.close();
                }
              });
        });
    return server;
  }

  @Test
  void echoRoundTripOverIpv4() throws Exception {
    Tcp server = echoServer(InetAddress.getLoopbackAddress());
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    Tcp client = new Tcp(loop);
    List<String> events = new ArrayList<>();
    client.connect(server.localAddress(), error -> {
      assertNull(error);
      events.add("connect");
      client.readStart(data -> {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        received.write(bytes);
        if (received.size() == 5) {
          client.close();
          server.close();
        }
      });
      client.write("hello", e -> events.add("written " + e));
    });
    loop.run();
    assertEquals(List.of("connect", "written null"), events);
    assertEquals("hello", received.toString(StandardCharsets.UTF_8));
  }

  @Test
  void largeTransferArrivesCompleteAndInOrder() throws Exception {
    Tcp server = echoServer(InetAddress.getLoopbackAddress());
    byte[] payload = new byte[8 << 20];
    for (int i = 0; i < payload.length; i++) payload[i] = (byte) (i * 31 + (i >>> 13));
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    Tcp client = new Tcp(loop);
    client.connect(server.localAddress(), error -> {
      client.readStart(data -> {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        received.write(bytes);
        if (received.size() == payload.length) {
          client.close();
          server.close();
        }
      });
      ByteBuffer direct = ByteBuffer.allocateDirect(payload.length).put(payload).flip();
      client.write(direct, null);
    });
    loop.run();
    assertArrayEquals(payload, received.toByteArray());
  }

  @Test
  void connectToClosedPortFailsWithEconnrefused() throws Exception {
    Tcp probe = new Tcp(loop);
    probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    InetSocketAddress unused = probe.localAddress();
    probe.close();
    Tcp client = new Tcp(loop);
    UvException[] failure = new UvException[1];
    client.connect(unused, error -> {
      failure[0] = error;
      client.close();
    });
    loop.run();
    assertEquals("ECONNREFUSED", failure[0].code());
    assertEquals("connect", failure[0].syscall());
    assertTrue(failure[0].getMessage().startsWith("ECONNREFUSED: connection refused, connect '127.0.0.1:"));
  }
}
