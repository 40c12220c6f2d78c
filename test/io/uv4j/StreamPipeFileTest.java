package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stream.pipeFile: a file sent to a TCP connection in chunks, with backpressure. */
class StreamPipeFileTest extends ConnectedTcpPairBase {
  @TempDir Path dir;

  private String patternFile(int size) throws IOException {
    Path file = dir.resolve("pattern.bin");
    Files.write(file, PatternBytes.range(0, size));
    return file.toString();
  }

  private String textFile(String text) throws IOException {
    Path file = dir.resolve("text.txt");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file.toString();
  }

  private void closeBoth() {
    client.close();
    server.close();
  }

  /** A narrow path to the server, so that the client's queue fills while the file has more. */
  private void narrowTheServer() throws UvException {
    client.setSendBufferSize(16 << 10);
    server.setReceiveBufferSize(16 << 10);
  }

  /** Checks the pattern on the server until the client ends, then closes both. */
  private PatternBytes checkOnServer() throws UvException {
    PatternBytes checked = new PatternBytes();
    server.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        checked.check(data);
      }

      @Override
      public void onEnd() {
        closeBoth();
      }
    });
    return checked;
  }

  /** Collects the server's bytes as text until the client ends, then closes both. */
  private StringBuilder textOnServer() throws UvException {
    StringBuilder text = new StringBuilder();
    server.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        text.append(StandardCharsets.UTF_8.decode(data));
      }

      @Override
      public void onEnd() {
        closeBoth();
      }
    });
    return text;
  }

  /** Several chunks wait in the queue at once: a buffer read into too early would break the pattern. */
  @Test
  void everyByteOfAMultiMebibyteFileArrivesAndThePromiseHoldsTheCount() throws Exception {
    int size = (5 << 20) + 12345;
    String path = patternFile(size);
    narrowTheServer();
    PatternBytes checked = checkOnServer();
    Promise<Long> sent = client.pipeFile(path);
    sent.thenAccept(n -> client.shutdown(error -> {}));
    loop.run();
    assertEquals(size, sent.value());
    assertEquals(size, checked.received());
  }

  @Test
  void theFileWaitsForEachDrainSoTheQueueStaysWithinTheMarkPlusOneChunk() throws Exception {
    String path = patternFile(4 << 20);
    long mark = client.highWaterMark();
    narrowTheServer();
    int[] drains = {0};
    client.onDrain(() -> drains[0]++);
    long[] largestQueue = {0};
    Check sampler = new Check(loop).start(() -> {
      if (!client.isClosing()) largestQueue[0] = Math.max(largestQueue[0], client.writeQueueSize());
    });
    sampler.unref();
    checkOnServer();
    client.pipeFile(path).thenAccept(n -> {
      sampler.close();
      client.shutdown(error -> {});
    });
    loop.run();
    assertTrue(drains[0] > 0, "the queue reached the mark");
    assertTrue(largestQueue[0] <= mark + FilePipe.CHUNK, "queue peaked at " + largestQueue[0]);
  }

  @Test
  void theStreamStaysOpenForWritesAfterTheFile() throws Exception {
    String path = textFile("from the file");
    StringBuilder received = textOnServer();
    client.pipeFile(path).thenAccept(n -> {
      client.write(", then more", error -> {});
      client.shutdown(error -> {});
    });
    loop.run();
    assertEquals("from the file, then more", received.toString());
  }

  @Test
  void anEmptyFileSendsNothingAndFulfilsWithZero() throws Exception {
    String path = textFile("");
    StringBuilder received = textOnServer();
    Promise<Long> sent = client.pipeFile(path);
    sent.thenAccept(n -> client.shutdown(error -> {}));
    loop.run();
    assertEquals(0L, sent.value());
    assertEquals("", received.toString());
  }

  @Test
  void aMissingFileIsRejectedWithEnoentNamingThePath() {
    String path = dir.resolve("missing.bin").toString();
    Promise<Long> sent = client.pipeFile(path);
    sent.catchError(e -> null).thenAccept(n -> closeBoth());
    loop.run();
    UvException error = (UvException) sent.reason();
    assertEquals("ENOENT", error.code());
    assertEquals("open", error.syscall());
    assertEquals(path, error.path());
  }

  @Test
  void aFileThatCannotBeFoundLeavesTheStreamOpen() {
    List<Boolean> openAfterwards = new ArrayList<>();
    client.pipeFile(dir.resolve("missing.bin").toString()).catchError(e -> {
      openAfterwards.add(!client.isClosing());
      closeBoth();
      return null;
    });
    loop.run();
    assertEquals(List.of(true), openAfterwards);
  }

  @Test
  void closingTheStreamMidFileRejectsWithEcanceled() throws Exception {
    String path = patternFile(4 << 20);
    narrowTheServer();
    server.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        if (!client.isClosing()) client.close();
      }

      @Override
      public void onEnd() {
        server.close();
      }
    });
    Promise<Long> sent = client.pipeFile(path);
    sent.catchError(e -> null);
    loop.run();
    UvException error = (UvException) sent.reason();
    assertEquals("ECANCELED", error.code());
    assertEquals("write", error.syscall());
  }

  @Test
  void aNullPathIsRefused() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> client.pipeFile(null));
    assertEquals("path", e.getMessage());
  }

  @Test
  void aPathWithANulIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.pipeFile("a\0b"));
    assertEquals("path contains a NUL character: a\\0b", e.getMessage());
  }
}
