package io.uv4j.bench;

import io.uv4j.Framing;
import io.uv4j.Loop;
import io.uv4j.Stream;
import io.uv4j.Tcp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frames per second through the framing decorators, fed 64 KiB reads by hand (no socket): 1024
 * frames of 64 bytes per read, either each within the read (passed on as slices, no copy) or
 * with the read starting and ending in the middle of a frame (one frame per read assembled).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FramingThroughput {
  static final int FRAMES = 1024;
  static final int FRAME = 64;

  private Loop loop;
  private long delivered;
  private Stream.Reader lines;
  private Stream.Reader lengthPrefixed;
  private ByteBuffer wholeLines;
  private ByteBuffer splitLines;
  private ByteBuffer wholePrefixed;
  private ByteBuffer splitPrefixed;

  @Setup
  public void setup() throws Exception {
    loop = Loop.create();
    Tcp stream = new Tcp(loop);
    Stream.Reader count = frame -> delivered += frame.remaining();
    lines = Framing.lines(stream, 1024, count);
    lengthPrefixed = Framing.lengthPrefixed(stream, 4, 1024, count);
    byte[] line = ("x".repeat(FRAME - 1) + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] prefixed = new byte[FRAME];
    prefixed[3] = FRAME - 4;
    wholeLines = read(line, 0);
    splitLines = read(line, FRAME / 2);
    wholePrefixed = read(prefixed, 0);
    splitPrefixed = read(prefixed, FRAME / 2);
  }

  /** FRAMES copies of {@code frame}, starting {@code offset} bytes into the first. */
  private static ByteBuffer read(byte[] frame, int offset) {
    ByteBuffer read = ByteBuffer.allocateDirect(FRAMES * FRAME);
    for (int i = 0; i < FRAMES * FRAME; i++) read.put(frame[(offset + i) % FRAME]);
    return read.flip();
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  private long feed(Stream.Reader reader, ByteBuffer read) throws Exception {
    reader.onData(read.clear());
    return delivered;
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public long linesWithinReads() throws Exception {
    return feed(lines, wholeLines);
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public long linesAcrossReads() throws Exception {
    return feed(lines, splitLines);
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public long lengthPrefixedWithinReads() throws Exception {
    return feed(lengthPrefixed, wholePrefixed);
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public long lengthPrefixedAcrossReads() throws Exception {
    return feed(lengthPrefixed, splitPrefixed);
  }
}
