package io.uv4j;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A byte stream whose receiving end checks that it gets what was sent, in order. A write that
 * fails can leave a gap, so a mismatch is only judged once every write has reported.
 */
final class Talk {
  /** Beyond this much, a talk sends no more: enough to cross many socket buffers. */
  static final int MAX_BYTES = 4 << 20;

  final String name;
  final Stream sender;
  private byte[] sent = new byte[1024];
  private int sentLength;
  private long received;
  private boolean writeFailed;
  private String mismatch;
  private String callsBeforeMismatch;

  Talk(String name, Stream sender) {
    this.name = name;
    this.sender = sender;
  }

  boolean full() {
    return sentLength >= MAX_BYTES;
  }

  /** Records bytes handed to a write, before the write is made. */
  void sending(byte[] data) {
    if (sentLength + data.length > sent.length) sent = Arrays.copyOf(sent, Math.max(sent.length * 2, sentLength + data.length));
    System.arraycopy(data, 0, sent, sentLength, data.length);
    sentLength += data.length;
  }

  /** A write failed, at once or in its callback: from here on, bytes may be missing. */
  void writeFailed() {
    writeFailed = true;
  }

  /** Checks bytes that arrived at the receiving end; {@code recentCalls} tells what led to a mismatch. */
  void received(ByteBuffer data, Supplier<String> recentCalls) {
    boolean matched = mismatch == null;
    check(data);
    if (matched && mismatch != null) callsBeforeMismatch = recentCalls.get();
  }

  private void check(ByteBuffer data) {
    while (data.hasRemaining()) {
      byte got = data.get();
      if (received >= sentLength) {
        mismatchAt("more bytes arrived than were sent");
        return;
      }
      byte expected = sent[(int) received];
      if (got != expected && mismatch == null) mismatchAt("got " + got + ", sent " + expected);
      received++;
    }
  }

  private void mismatchAt(String what) {
    if (mismatch == null) mismatch = name + ": byte " + received + " of " + sentLength + ": " + what;
  }

  /** What went wrong, if the stream delivered bytes that differ although no write failed. */
  String damage() {
    return writeFailed ? null : mismatch;
  }

  /** The calls made before the mismatch was seen. */
  String callsBeforeMismatch() {
    return callsBeforeMismatch;
  }
}
