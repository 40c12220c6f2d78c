package io.uv4j;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A {@link LoopTracer} that writes Chrome trace-event JSON, the {@code {"traceEvents":[...]}}
 * form of the Trace Event Format that Perfetto ({@code ui.perfetto.dev}) and {@code
 * chrome://tracing} open. Set it with {@link Loop#setTracer}, run, then {@link #close()} it.
 *
 * <p><b>Tracks.</b> Every thread that tells it something gets a track of its own (its {@code tid}
 * is the Java thread id, named with {@code thread_name} metadata from the thread's name). A loop
 * thread's track shows each phase of an iteration as a span (category {@code phase}), the
 * callbacks run in it as spans nested in the phase (category {@code callback}, named as the loop
 * tells the tracer, such as {@code "Timeout[20 ms]"} or {@code "Tcp read"}), and each drain of
 * the next-tick and microtask queues (category {@code drain}). A pool thread's track shows the
 * {@link Loop#queueWork} items it ran (category {@code pool}). Several loops may share one
 * writer: each loop thread has its own track.
 *
 * <p><b>Nesting.</b> Spans are written as begin ({@code "B"}) and end ({@code "E"}) events as they
 * happen, and on every track they nest: a span ends before the one it is in. Timestamps are
 * microseconds since the writer was made, with three decimals (nanoseconds), and on each track
 * they strictly increase: when the clock gives two events the same time, the later is written a
 * nanosecond after, so a viewer that sorts by time keeps the nesting. An end the writer saw no
 * begin for (its callback started under another tracer) is left out; an end that matches a span
 * with others still open inside it ends those first. A phase entered while another phase is the
 * innermost open span ends that one (the loop tells of a phase's end before the next begins, but
 * the writer may have been set in between); a loop run from inside a callback nests its phases
 * in that callback.
 *
 * <p><b>Cost.</b> Each thread writes its events into a buffer of its own (16 KiB) without a
 * lock; a full buffer goes to the output in one write, under a lock, so memory stays bounded
 * however long the trace runs and no event costs a system call. The text is ASCII (other
 * characters in names are escaped), written to a file as it is, with no encoder.
 *
 * <p><b>Closing.</b> Call {@link #close()} once nothing traces into the writer any more: after
 * {@code setTracer(null)} or {@code close()} on each loop, on the loop's thread or after that
 * thread has ended. Spans still open then (the phase a loop was last in, or a {@code queueWork}
 * item still running) get an end event with {@code "args":{"unfinished":true}}, so the file is
 * always complete JSON with every span ended. Events told after {@code close()} are dropped; one
 * told while {@code close()} runs may be, too. A write that fails stops the output, and {@code close()} throws what it threw:
 * tracer methods never throw, so tracing cannot disturb the loop.
 */
public final class ChromeTraceWriter implements LoopTracer, Closeable {
  private static final int BUFFER_BYTES = 16 * 1024;
  /** Longer names are cut to this many chars, so that every event fits in a buffer. */
  private static final int MAX_NAME_CHARS = 1024;
  /** Room an event needs besides its name: the fixed members, two ids and a timestamp. */
  private static final int EVENT_OVERHEAD_BYTES = 160;
  private static final byte[] HEX = ascii("0123456789abcdef");

  private static final byte PHASE = 0;
  private static final byte CALLBACK = 1;
  private static final byte DRAIN = 2;
  private static final byte POOL_WORK = 3;
  private static final String DRAIN_NAME = "nextTick and microtask drain";

  /** What follows a begin event's timestamp, up to its name, by kind. */
  private static final byte[][] BEGINS = {
    ascii(",\"ph\":\"B\",\"cat\":\"phase\",\"name\":\""),
    ascii(",\"ph\":\"B\",\"cat\":\"callback\",\"name\":\""),
    ascii(",\"ph\":\"B\",\"cat\":\"drain\",\"name\":\""),
    ascii(",\"ph\":\"B\",\"cat\":\"pool\",\"name\":\""),
  };
  private static final byte[] BEGIN_END = ascii("\"}");
  private static final byte[] END = ascii(",\"ph\":\"E\"}");
  private static final byte[] UNFINISHED_END = ascii(",\"ph\":\"E\",\"args\":{\"unfinished\":true}}");
  private static final byte[] THREAD_NAME = ascii("0,\"ph\":\"M\",\"name\":\"thread_name\",\"args\":{\"name\":\"");
  private static final byte[] METADATA_END = ascii("\"}}");
  private static final VarHandle COMMITTED;

  static {
    try {
      COMMITTED = MethodHandles.lookup().findVarHandle(Track.class, "committed", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final OutputStream out;
  private final long pid = ProcessHandle.current().pid();
  private final long origin = System.nanoTime();
  private final ThreadLocal<Track> tracks = ThreadLocal.withInitial(this::register);
  /** Guards the output and the fields below. */
  private final Object lock = new Object();
  private final List<Track> registered = new ArrayList<>();
  private boolean closed;
  private IOException failure;

  /**
   * Makes a writer that writes the trace to {@code file}, replacing what the file held.
   *
   * @param file where the trace goes
   * @throws NullPointerException if {@code file} is null
   * @throws IOException if the file cannot be created or written
   */
  public ChromeTraceWriter(Path file) throws IOException {
    out = Files.newOutputStream(Objects.requireNonNull(file, "file"));
    try {
      writeHeader();
    } catch (IOException e) {
      try {
        out.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Makes a writer that writes the trace to {@code out}, which it closes when it is closed. The
   * text is ASCII (other characters are escaped), so any encoding suits.
   *
   * @param out where the trace goes
   * @throws NullPointerException if {@code out} is null
   * @throws IOException if {@code out} fails as the start of the trace is written
   */
  public ChromeTraceWriter(Writer out) throws IOException {
    this.out = new ToWriter(Objects.requireNonNull(out, "out"));
    writeHeader();
  }

  /** The opening of the object, and the process's name as the first event (no comma before it). */
  private void writeHeader() throws IOException {
    out.write(ascii("{\"traceEvents\":[\n{\"pid\":" + pid
        + ",\"tid\":0,\"ts\":0,\"ph\":\"M\",\"name\":\"process_name\",\"args\":{\"name\":\"uv4j\"}}"));
  }

  @Override
  public void phaseEntered(Phase phase) {
    Track track = tracks.get();
    // phases follow one another: one still open as the innermost span has ended
    if (track.depth > 0 && track.kinds[track.depth - 1] == PHASE) track.endFrom(track.depth - 1);
    track.begin(PHASE, phase.name());
  }

  @Override
  public void phaseLeft(Phase phase) {
    tracks.get().end(PHASE, phase.name());
  }

  @Override
  public void callbackStarted(Phase phase, String what) {
    tracks.get().begin(CALLBACK, String.valueOf(what));
  }

  @Override
  public void callbackEnded(Phase phase, String what) {
    tracks.get().end(CALLBACK, String.valueOf(what));
  }

  @Override
  public void drainStarted() {
    tracks.get().begin(DRAIN, DRAIN_NAME);
  }

  @Override
  public void drainEnded() {
    tracks.get().end(DRAIN, DRAIN_NAME);
  }

  @Override
  public void poolWorkStarted(String what) {
    tracks.get().begin(POOL_WORK, String.valueOf(what));
  }

  @Override
  public void poolWorkEnded(String what) {
    tracks.get().end(POOL_WORK, String.valueOf(what));
  }

  /**
   * Ends every span still open with an unfinished end event, writes what the threads' buffers
   * hold and the end of the JSON object, and closes the output. Closing again has no effect.
   *
   * @throws IOException what the output threw, here or at an earlier write of the trace (the
   *     output is closed all the same)
   */
  @Override
  public void close() throws IOException {
    synchronized (lock) {
      if (closed) return;
      closed = true;
      long now = System.nanoTime() - origin;
      try {
        for (Track track : registered) track.finish(now);
        if (failure == null) out.write(ascii("\n]}\n"));
      } catch (IOException e) {
        failure = e;
      }
      try {
        out.close();
      } catch (IOException e) {
        if (failure == null) failure = e;
        else if (e != failure) failure.addSuppressed(e);
      }
      if (failure != null) throw failure;
    }
  }

  private Track register() {
    Track track = new Track(Thread.currentThread());
    synchronized (lock) {
      if (!closed) registered.add(track);
    }
    return track;
  }

  /** One thread's events: written by that thread only, taken by close() up to the last commit. */
  private final class Track {
    private final byte[] buffer = new byte[BUFFER_BYTES];
    /** How each of this track's events starts: {@code ,\n{"pid":P,"tid":T,"ts":}. */
    private final byte[] eventStart;
    private int length;
    private long lastNanos = -1;
    /** The open spans, outermost first. */
    private byte[] kinds = new byte[8];
    private String[] names = new String[8];
    private int depth;
    /**
     * The buffer's length and the open spans' count ({@code depth << 32 | length}) after the last
     * whole event, published for close(), which may run on another thread.
     */
    @SuppressWarnings("unused") // through COMMITTED
    private long committed;

    Track(Thread thread) {
      eventStart = ascii(",\n{\"pid\":" + pid + ",\"tid\":" + thread.getId() + ",\"ts\":");
      String threadName = thread.getName();
      room(threadName);
      int at = put(buffer, length, eventStart);
      at = put(buffer, at, THREAD_NAME);
      at = putEscaped(buffer, at, threadName);
      length = put(buffer, at, METADATA_END);
      commit();
    }

    void begin(byte kind, String name) {
      room(name);
      long ts = stamp();
      if (depth == kinds.length) {
        kinds = Arrays.copyOf(kinds, depth * 2);
        names = Arrays.copyOf(names, depth * 2);
      }
      kinds[depth] = kind;
      names[depth++] = name;
      int at = put(buffer, length, eventStart);
      at = putTimestamp(buffer, at, ts);
      at = put(buffer, at, BEGINS[kind]);
      at = putEscaped(buffer, at, name);
      length = put(buffer, at, BEGIN_END);
      commit();
    }

    /** Ends the innermost open span of this kind and name, and those inside it; none: nothing. */
    void end(byte kind, String name) {
      for (int i = depth - 1; i >= 0; i--) {
        if (kinds[i] == kind && names[i].equals(name)) {
          endFrom(i);
          return;
        }
      }
    }

    /** Ends the open spans from the innermost out to the one at {@code level}. */
    void endFrom(int level) {
      while (depth > level) {
        room("");
        long ts = stamp();
        names[--depth] = null;
        int at = put(buffer, length, eventStart);
        at = putTimestamp(buffer, at, ts);
        length = put(buffer, at, END);
        commit();
      }
    }

    /** Nanoseconds since the origin, after this track's last event's. */
    private long stamp() {
      long now = System.nanoTime() - origin;
      lastNanos = now > lastNanos ? now : lastNanos + 1;
      return lastNanos;
    }

    /** Makes room for an event named {@code name}, sending the buffer out if it is too full. */
    private void room(String name) {
      int needed = eventStart.length + EVENT_OVERHEAD_BYTES + 6 * Math.min(name.length(), MAX_NAME_CHARS);
      if (buffer.length - length >= needed) return;
      synchronized (lock) {
        if (!closed && failure == null) {
          try {
            out.write(buffer, 0, length);
          } catch (IOException e) {
            failure = e;
          }
        }
        length = 0;
        commit();
      }
    }

    private void commit() {
      COMMITTED.setRelease(this, (long) depth << 32 | length);
    }

    /** At close (holding the lock): writes the committed events, then ends the spans they leave open. */
    void finish(long now) throws IOException {
      long state = (long) COMMITTED.getAcquire(this);
      int committedLength = (int) state;
      int open = (int) (state >>> 32);
      if (failure == null) out.write(buffer, 0, committedLength);
      byte[] ends = new byte[open * (eventStart.length + EVENT_OVERHEAD_BYTES)];
      int at = 0;
      long ts = lastNanos;
      for (int i = 0; i < open; i++) {
        ts = now > ts ? now : ts + 1;
        at = put(ends, at, eventStart);
        at = putTimestamp(ends, at, ts);
        at = put(ends, at, UNFINISHED_END);
      }
      if (failure == null) out.write(ends, 0, at);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static int put(byte[] to, int at, byte[] bytes) {
    System.arraycopy(bytes, 0, to, at, bytes.length);
    return at + bytes.length;
  }

  /** Microseconds with three decimals: {@code 12345678} ns is {@code 12345.678}. */
  private static int putTimestamp(byte[] to, int at, long nanos) {
    long micros = nanos / 1000;
    int digits = 1;
    for (long rest = micros; rest >= 10; rest /= 10) digits++;
    for (int i = at + digits - 1; i >= at; i--) {
      to[i] = (byte) ('0' + micros % 10);
      micros /= 10;
    }
    at += digits;
    int fraction = (int) (nanos % 1000);
    to[at++] = '.';
    to[at++] = (byte) ('0' + fraction / 100);
    to[at++] = (byte) ('0' + fraction / 10 % 10);
    to[at++] = (byte) ('0' + fraction % 10);
    return at;
  }

  /** A JSON string's content in ASCII: quotes, backslashes, controls and non-ASCII escaped. */
  private static int putEscaped(byte[] to, int at, String text) {
    int n = Math.min(text.length(), MAX_NAME_CHARS);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        to[at++] = '\\';
        to[at++] = (byte) c;
      } else if (c < 0x20 || c > 0x7e) {
        to[at++] = '\\';
        to[at++] = 'u';
        to[at++] = HEX[c >> 12];
        to[at++] = HEX[(c >> 8) & 15];
        to[at++] = HEX[(c >> 4) & 15];
        to[at++] = HEX[c & 15];
      } else {
        to[at++] = (byte) c;
      }
    }
    return at;
  }

  /** The trace's ASCII bytes as chars, for a {@link Writer} given as the output. */
  private static final class ToWriter extends OutputStream {
    private final Writer writer;

    ToWriter(Writer writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) throws IOException {
      writer.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      writer.write(new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }
}
