package io.uv4j.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.uv4j.Loop;
import io.uv4j.Tcp;
import io.uv4j.UvException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

/**
 * The echo server on a loop run by the test thread, with a plain blocking socket as its client
 * on a thread of its own. When the client is done, it closes the server, which ends the run.
 */
class EchoServerTest {
  private static final InetSocketAddress ANY_LOOPBACK_PORT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  /** What a client does on its connected socket before it ends its side. */
  private interface Client {
    void talk(Socket socket) throws Exception;
  }

  /**
   * Runs {@code client} against an echo server, then ends the client's side; returns what the
   * client read after that, up to the end of stream the server's close sends.
   */
  private static byte[] serve(Client client) throws Exception {
    try (Loop loop = Loop.create()) {
      Tcp server = EchoServer.listen(loop, ANY_LOOPBACK_PORT);
      InetSocketAddress address = server.localAddress();
      Callable<byte[]> session = () -> {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
          client.talk(socket);
          socket.shutdownOutput();
          return socket.getInputStream().readAllBytes();
        } finally {
          loop.execute(server::close);
        }
      };
      FutureTask<byte[]> read = new FutureTask<>(session);
      new Thread(read, "echo-client").start();
      loop.run();
      return read.get();
    }
  }

  @Test
  void echoesEveryByteAClientSends() throws Exception {
    // more than one read's worth, so that the echo comes back in many writes
    byte[] sent = new byte[1 << 20];
    new SplittableRandom(7).nextBytes(sent);
    byte[] echoed = serve(socket -> socket.getOutputStream().write(sent));
    assertArrayEquals(sent, echoed);
  }

  @Test
  void repliesToEachMessageWithoutWaitingForMore() throws Exception {
    byte[] echoed = serve(socket -> {
      InputStream in = socket.getInputStream();
      for (String message : new String[] {"ping", "pong", "done"}) {
        socket.getOutputStream().write(message.getBytes(US_ASCII));
        assertEquals(message, new String(in.readNBytes(message.length()), US_ASCII));
      }
    });
    assertEquals(0, echoed.length, "nothing more after the last message");
  }

  @Test
  void closesTheConnectionWhenTheClientEndsIt() throws Exception {
    // readAllBytes returns only at end of stream: the server closed its side after the client's
    byte[] echoed = serve(socket -> {});
    assertEquals(0, echoed.length);
  }

  @Test
  void aServerThatCannotListenIsClosedAgain() throws Exception {
    try (Loop loop = Loop.create()) {
      Tcp first = EchoServer.listen(loop, ANY_LOOPBACK_PORT);
      UvException refused =
          assertThrows(UvException.class, () -> EchoServer.listen(loop, first.localAddress()));
      assertEquals("EADDRINUSE", refused.code());
      assertEquals(List.of(first), loop.handles());
      first.close();
      loop.run();
    }
  }
}
