package io.uv4j;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * A byte stream whose receiving end checks that it gets what was sent, in order. A write that
 * fails can leave a gap, and so can a loop that ends its run on an unhandled error or an exit
 * (which stand for the end of the process, as in Node: events of that iteration are dropped), so a
 * mismatch is only judged once every write has reported.
 */
final class Talk {
  /** Beyond this much, a talk sends no more: enough to cross many socket buffers. */
  static final int MAX_BYTES = 4 << 20;

  final String name;
  final Stream sender;
  private byte[] sent = new byte[1024];
  private int sentLength;
  private long received;
  private boolean gapAllowed;
  private String mismatch;
  private String callsBeforeMismatch;
  /** The sockets passed along, oldest first, as the sender saw them. */
  private final Queue<Socket> passed = new ArrayDeque<>();

  /** A socket as both ends of a passing see it; null parts were unknown. */
  record Socket(String local, String remote) {
    boolean sameAs(Socket other) {
      return Objects.equals(local, other.local) && (remote == null || other.remote == null || remote.equals(other.remote));
    }
  }

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

  /** Records a socket handed to a write that passes it, before the write is made. */
  void passing(Socket socket) {
    passed.add(socket);
  }

  /** Checks that a socket accepted at the receiving end is the next one passed. */
  void accepted(Socket socket, Supplier<String> recentCalls) {
    Socket sent = passed.poll();
    if (mismatch != null) return;
    if (sent == null) mismatch = name + ": a socket arrived that was never passed: " + socket;
    else if (!sent.sameAs(socket)) mismatch = name + ": passed " + sent + ", received " + socket;
    if (mismatch != null) callsBeforeMismatch = recentCalls.get();
  }

  /** A write failed, or the loop ended a run as a process ends: bytes in flight may be missing. */
  void allowGap() {
    gapAllowed = true;
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

  /** What went wrong, if the stream delivered bytes that differ although nothing allowed a gap. */
  String damage() {
    return gapAllowed ? null : mismatch;
  }

  /** The calls made before the mismatch was seen. */
  String callsBeforeMismatch() {
    return callsBeforeMismatch;
  }
}
