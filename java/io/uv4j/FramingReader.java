package io.uv4j;

import java.nio.ByteBuffer;

/**
 * What the framing decorators share: passing frames on to the user's reader, stopping once the
 * stream closes, failing with an error that closes the stream, and the buffer that assembles a
 * frame split across reads (it never holds more than {@code maxLength} bytes).
 */
abstract class FramingReader implements Stream.Reader {
  private static final byte[] NOTHING = new byte[0];

  final Stream stream;
  final int maxLength;
  private final Stream.Reader frames;
  /** Set once no frame and no end may reach {@link #frames}: after the end, a framing error, or a close. */
  private boolean finished;
  /** The bytes of a frame split across reads, gathered so far; released once finished. */
  private byte[] assembly = NOTHING;
  private int assembled;

  FramingReader(Stream stream, int maxLength, Stream.Reader frames) {
    this.stream = stream;
    this.maxLength = maxLength;
    this.frames = frames;
  }

  /** Cuts the bytes between {@code data}'s position and limit into frames, carrying a remainder. */
  abstract void split(ByteBuffer data) throws Exception;

  /**
   * The stream ended: delivers what the remainder makes (a last frame) or fails because of it.
   *
   * @return whether the user's reader may still be told of the end
   */
  abstract boolean finishRemainder() throws Exception;

  @Override
  public final void onData(ByteBuffer data) throws Exception {
    if (finished) return;
    try {
      split(data);
    } catch (Throwable t) {
      // the rest of this read cannot be delivered in order: the stream's framing is lost
      abandon();
      throw t;
    }
  }

  @Override
  public final void onEnd() throws Exception {
    if (finished) return;
    try {
      if (!finishRemainder()) return;
    } catch (Throwable t) {
      abandon();
      throw t;
    }
    finish();
    frames.onEnd();
  }

  /**
   * Stream errors pass through unchanged, also after the end (a write with no callback may fail
   * then); the stream's own rules decide whether it closes.
   */
  @Override
  public final void onError(UvException error) throws Exception {
    frames.onError(error);
  }

  /**
   * Hands a frame to the user's reader.
   *
   * @return whether to go on: false once the reader closed the stream
   */
  final boolean deliver(ByteBuffer frame) throws Exception {
    frames.onData(frame);
    if (stream.isClosing()) finish();
    return !finished;
  }

  /** Delivers the assembled frame and empties the assembly. */
  final boolean deliverAssembled() throws Exception {
    ByteBuffer frame = ByteBuffer.wrap(assembly, 0, assembled).slice();
    assembled = 0;
    return deliver(frame);
  }

  /** Reports a framing error to the user's reader, then closes the stream. */
  final void fail(UvError error, String why) throws Exception {
    finish();
    try {
      frames.onError(new UvException(error.errno(), null, null, null, why));
    } finally {
      closeStream();
    }
  }

  private void abandon() {
    finish();
    closeStream();
  }

  private void finish() {
    finished = true;
    assembly = NOTHING;
    assembled = 0;
  }

  private void closeStream() {
    if (!stream.isClosing()) stream.close();
  }

  /** How many bytes of a split frame are assembled so far. */
  final int assembled() {
    return assembled;
  }

  /** Adds {@code data[from, from + count)} to the assembly; the caller keeps it within maxLength. */
  final void assemble(ByteBuffer data, int from, int count) {
    ensureRoom(count);
    data.get(from, assembly, assembled, count);
    assembled += count;
  }

  /** Adds {@code bytes[0, count)} to the assembly; the caller keeps it within maxLength. */
  final void assemble(byte[] bytes, int count) {
    ensureRoom(count);
    System.arraycopy(bytes, 0, assembly, assembled, count);
    assembled += count;
  }

  /** Grows the assembly by doubling, never past maxLength, so memory follows what arrived. */
  private void ensureRoom(int count) {
    int needed = assembled + count;
    if (needed <= assembly.length) return;
    long doubled = Math.max(64L, 2L * assembly.length);
    byte[] grown = new byte[(int) Math.max(needed, Math.min(maxLength, doubled))];
    System.arraycopy(assembly, 0, grown, 0, assembled);
    assembly = grown;
  }

  /** The assembly's size in bytes, which never exceeds maxLength (tests check the bound). */
  final int assemblyCapacity() {
    return assembly.length;
  }
}
