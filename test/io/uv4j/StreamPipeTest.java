package io.uv4j;

import static io.uv4j.Net.V4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stream.pipe between two TCP connections: producer → source, piped into destination → sink.
 */
class StreamPipeTest extends LoopTestBase {
  private static final Completion ANY_OUTCOME = error -> {};

  private Tcp producer;
  private Tcp source;
  private Tcp destination;
  private Tcp sink;

  StreamPipeTest() {
    super(60_000);
  }

  @BeforeEach
  void connect() throws UvException {
    Tcp[] in = Net.connectedPair(loop, V4);
    producer = in[0];
    source = in[1];
    Tcp[] out = Net.connectedPair(loop, V4);
    destination = out[0];
    sink = out[1];
  }

  @AfterEach
  void closeTheFixture() {
    if (loop.isClosed()) return;
    producer.close();
    source.close();
    destination.close();
    sink.close();
  }

  /** Reads, checking the pattern, until the end of the stream or a read error; then runs {@code atEnd}. */
  private static final class Sink implements Stream.Reader {
    final PatternBytes checked = new PatternBytes();
    final Runnable atEnd;
    boolean ended;

    Sink(Runnable atEnd) {
      this.atEnd = atEnd;
    }

    @Override
    public void onData(ByteBuffer data) {
      checked.check(data);
    }

    @Override
    public void onEnd() {
      ended = true;
      atEnd.run();
    }

    @Override
    public void onError(UvException error) {
      atEnd.run();
    }
  }

  private void closeAll() {
    for (Tcp tcp : List.of(producer, source, destination, sink)) tcp.close();
  }

  /** The producer sends {@code total} pattern bytes, then ends its side. */
  private void produce(int total) {
    producer.write(PatternBytes.range(0, total), ANY_OUTCOME);
    producer.shutdown(ANY_OUTCOME);
  }

  /** A narrow path to the sink, so that the destination's queue fills while the source has more. */
  private void narrowTheSink() throws UvException {
    destination.setSendBufferSize(16 << 10);
    sink.setReceiveBufferSize(16 << 10);
  }

  /**
   * The chunks waiting in the destination's queue were read into the loop's shared read buffer,
   * which the source's later reads refill: the pattern check would see them change had the queued
   * writes not been copied.
   */
  @Test
  void everyByteOfTheSourceReachesASlowSink() throws UvException {
    int total = 8 << 20;
    narrowTheSink();
    Sink reader = new Sink(this::closeAll);
    sink.readStart(reader);
    Promise<Void> piped = source.pipe(destination);
    produce(total);
    loop.run();
    assertTrue(piped.isFulfilled(), piped.toString());
    assertEquals(total, reader.checked.received());
    assertTrue(reader.ended, "the sink read the end");
  }

  @Test
  void theSourceIsPausedWhileTheDestinationOwesADrainSoItsQueueStaysWithinTheMarkPlusOneRead()
      throws UvException {
    int total = 8 << 20;
    long mark = destination.highWaterMark();
    narrowTheSink();
    List<Boolean> sourceReadingAtDrain = new ArrayList<>();
    destination.onDrain(() -> sourceReadingAtDrain.add(source.isActive()));
    long[] largestQueue = {0};
    Check sampler = new Check(loop).start(() -> {
      if (!destination.isClosing()) largestQueue[0] = Math.max(largestQueue[0], destination.writeQueueSize());
    });
    sampler.unref();
    sink.readStart(new Sink(() -> {
      sampler.close();
      closeAll();
    }));
    source.pipe(destination);
    produce(total);
    loop.run();
    assertFalse(sourceReadingAtDrain.isEmpty(), "the destination's queue reached the mark");
    assertEquals(Set.of(false), Set.copyOf(sourceReadingAtDrain), "the source was not reading at any drain");
    long oneRead = 64 << 10;
    assertTrue(largestQueue[0] <= mark + oneRead, "queue peaked at " + largestQueue[0]);
  }

  @Test
  void atTheEndOfTheSourceTheDestinationIsShutDownAndThePromiseFulfilledLeavingItOpen()
      throws UvException {
    StringBuilder received = new StringBuilder();
    boolean[] sinkReadTheEnd = {false};
    sink.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        received.append(StandardCharsets.US_ASCII.decode(data));
      }

      @Override
      public void onEnd() {
        sinkReadTheEnd[0] = true;
        closeAll();
      }
    });
    List<Boolean> destinationOpenAtFulfilment = new ArrayList<>();
    source.pipe(destination).thenAccept(nothing -> destinationOpenAtFulfilment.add(!destination.isClosing()));
    producer.write("last words", ANY_OUTCOME);
    producer.shutdown(ANY_OUTCOME);
    loop.run();
    assertEquals("last words", received.toString());
    assertTrue(sinkReadTheEnd[0], "the sink read the end");
    assertEquals(List.of(true), destinationOpenAtFulfilment);
  }

  @Test
  void aStreamPipedIntoItselfEchoes() throws UvException {
    StringBuilder echoed = new StringBuilder();
    producer.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        echoed.append(StandardCharsets.US_ASCII.decode(data));
      }

      @Override
      public void onEnd() {
        closeAll();
      }
    });
    Promise<Void> piped = source.pipe(source);
    producer.write("echo", ANY_OUTCOME);
    producer.shutdown(ANY_OUTCOME);
    loop.run();
    assertTrue(piped.isFulfilled(), piped.toString());
    assertEquals("echo", echoed.toString());
  }

  @Test
  void aReadErrorOfTheSourceRejectsThePipeAndClosesBothStreams() throws UvException {
    Promise<Void> piped = source.pipe(destination);
    piped.catchError(e -> null);
    producer.closeReset(null);
    sink.readStart(new Sink(sink::close));
    loop.run();
    UvException error = (UvException) piped.reason();
    assertEquals("ECONNRESET", error.code());
    assertEquals("read", error.syscall());
    assertTrue(source.isClosing() && destination.isClosing(), "both streams closed");
  }

  @Test
  void aWriteErrorOfTheDestinationRejectsThePipeAndClosesBothStreams() throws UvException {
    sink.closeReset(null);
    Promise<Void> piped = source.pipe(destination);
    piped.catchError(e -> null);
    producer.write(new byte[1 << 20], ANY_OUTCOME);
    producer.readStart(new Sink(producer::close));
    loop.run();
    UvException error = (UvException) piped.reason();
    assertTrue(Set.of("EPIPE", "ECONNRESET").contains(error.code()), error.toString());
    assertEquals("write", error.syscall());
    assertTrue(source.isClosing() && destination.isClosing(), "both streams closed");
  }

  @Test
  void closingTheDestinationMidPipeRejectsWithEcanceledAndClosesTheSource() throws UvException {
    narrowTheSink();
    sink.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        if (!destination.isClosing()) destination.close();
      }

      @Override
      public void onEnd() {
        sink.close();
      }
    });
    Promise<Void> piped = source.pipe(destination);
    piped.catchError(e -> null);
    producer.write(new byte[4 << 20], ANY_OUTCOME);
    producer.readStart(new Sink(producer::close));
    loop.run();
    UvException error = (UvException) piped.reason();
    assertEquals("ECANCELED", error.code());
    assertEquals("write", error.syscall());
    assertTrue(source.isClosing(), "the source closed");
  }

  @Test
  void closingTheSourceBeforeItsEndRejectsWithEcanceledAndClosesTheDestination() throws UvException {
    Promise<Void> piped = source.pipe(destination);
    piped.catchError(e -> null);
    sink.readStart(new Sink(this::closeAll));
    producer.write("part", error -> source.close());
    loop.run();
    UvException error = (UvException) piped.reason();
    assertEquals("ECANCELED", error.code());
    assertEquals("read", error.syscall());
    assertTrue(destination.isClosing(), "the destination closed");
  }

  @Test
  void pipingIntoAStreamOfAnotherLoopIsRefusedNamingIt() throws UvException {
    try (Loop other = Loop.create()) {
      Tcp foreign = new Tcp(other);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> source.pipe(foreign));
      assertEquals(foreign + " belongs to another loop", e.getMessage());
    }
  }

  @Test
  void aSecondPipeFromTheSameStreamIsRefused() {
    source.pipe(destination).catchError(e -> null);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> source.pipe(producer));
    assertEquals(source + " already pipes into " + destination, e.getMessage());
  }

  @Test
  void pipingIntoANullDestinationIsRefused() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> source.pipe(null));
    assertEquals("destination", e.getMessage());
  }
}
