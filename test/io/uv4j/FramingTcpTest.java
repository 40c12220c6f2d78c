package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The framing decorators over a real TCP connection on a loop. */
class FramingTcpTest extends ConnectedTcpPairBase {
  /** Records what the server's decorator passes on, and closes both ends once the server's side ends. */
  private FrameLog serverLog(FrameLog.FrameAction action) {
    return new FrameLog(action) {
      @Override
      public void onEnd() {
        super.onEnd();
        closeBoth();
      }

      @Override
      public void onError(UvException error) {
        super.onError(error);
        closeBoth();
      }
    };
  }

  private void closeBoth() {
    server.close();
    client.close();
  }

  @Test
  void linesWrittenInPiecesArriveWholeThenTheEnd() throws Exception {
    FrameLog lines = serverLog(line -> {});
    server.readStart(Framing.lines(server, 100, lines));
    for (String piece : List.of("alpha\r\nbe", "ta\ngam", "ma\n", "delta")) client.write(piece, null);
    client.shutdown(null);
    loop.run();
    assertEquals(List.of("[alpha]", "[beta]", "[gamma]", "[delta]", "end"), lines.events);
  }

  @Test
  void anOverlongLineFailsWithEmsgsizeAndTheServerClosesTheConnection() throws Exception {
    FrameLog lines = new FrameLog();
    server.readStart(Framing.lines(server, 1024, lines));
    List<String> clientSaw = new ArrayList<>();
    client.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {}

      @Override
      public void onEnd() {
        clientSaw.add("closed");
        client.close();
      }

      @Override
      public void onError(UvException error) {
        clientSaw.add("closed");
        client.close();
      }
    });
    client.write("x".repeat(100_000), error -> {});
    loop.run();
    assertEquals(1, lines.events.size(), lines.events::toString);
    assertTrue(lines.events.get(0).startsWith("EMSGSIZE: message too long (line of at least "), lines.events.get(0));
    assertEquals(List.of("closed"), clientSaw);
  }

  @Test
  void framesWrittenLengthPrefixedArriveWholeAndInOrder() throws Exception {
    Random random = new Random(7);
    List<byte[]> sent = new ArrayList<>();
    for (int size : new int[] {0, 1, 255, 65_535, 65_536, 300_000, 3, 0}) {
      byte[] frame = new byte[size];
      random.nextBytes(frame);
      sent.add(frame);
    }
    List<byte[]> received = new ArrayList<>();
    server.readStart(Framing.lengthPrefixed(server, 4, 1 << 20, serverLog(frame -> received.add(Net.bytes(frame)))));
    for (int i = 0; i < sent.size(); i++) {
      byte[] frame = sent.get(i);
      ByteBuffer buffer = i % 2 == 0 ? ByteBuffer.wrap(frame) : ByteBuffer.allocateDirect(frame.length).put(frame).flip();
      Framing.writeLengthPrefixed(client, 4, buffer, error -> assertNull(error));
    }
    client.shutdown(null);
    loop.run();
    assertEquals(sent.size(), received.size());
    for (int i = 0; i < sent.size(); i++) assertArrayEquals(sent.get(i), received.get(i), "frame " + i);
  }

  @Test
  void thePromiseFormOfWriteLengthPrefixedFulfilsOnceWritten() throws Exception {
    FrameLog frames = serverLog(frame -> {});
    server.readStart(Framing.lengthPrefixed(server, 2, 100, frames));
    List<String> outcome = new ArrayList<>();
    Framing.writeLengthPrefixed(client, 2, ByteBuffer.wrap(FrameLog.bytes("hello")))
        .thenAccept(nothing -> outcome.add("written"));
    client.shutdown(null);
    loop.run();
    assertEquals(List.of("written"), outcome);
    assertEquals(List.of("[hello]", "end"), frames.events);
  }

  @Test
  void aFrameCutShortByTheEndFailsWithEofAndClosesTheStream() throws Exception {
    FrameLog frames = new FrameLog();
    server.readStart(Framing.lengthPrefixed(server, 1, 100, frames));
    client.write(FrameLog.bytes("\12abc"), null);
    client.shutdown(error -> client.close());
    loop.run();
    assertEquals(List.of("EOF: end of file (the stream ended 3 bytes into a 10-byte frame, 7 missing)"), frames.events);
    assertTrue(server.isClosing());
  }

  @Test
  void aFrameWithinOneReadIsASliceOfTheStreamsReadBuffer() throws Exception {
    ByteBuffer readBuffer = ByteBuffer.allocateDirect(64);
    server.readStart(readBuffer::clear, Framing.lengthPrefixed(server, 1, 100, new FrameLog(frame -> {
      frame.put(0, (byte) 'J');
      closeBoth();
    })));
    client.write(FrameLog.bytes("\5hello"), null);
    loop.run();
    assertEquals("\5Jello", FrameLog.text(readBuffer.limit(6).position(0)));
  }
}
