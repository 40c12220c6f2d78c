package io.uv4j.examples;

import io.uv4j.Framing;
import io.uv4j.Loop;
import io.uv4j.Stream;
import io.uv4j.Tcp;
import io.uv4j.UvException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An in-memory key-value store served over TCP with a line protocol, on one uv4j loop. Each
 * command is one line of UTF-8 text ending in {@code \n} (or {@code \r\n}) and gets exactly one
 * reply line, in the order the commands came:
 *
 * <ul>
 *   <li>{@code SET key value}: stores {@code value} (the rest of the line, spaces included) under
 *       {@code key}; replies {@code OK}.
 *   <li>{@code GET key}: replies {@code VALUE value}, or {@code NOT_FOUND}.
 *   <li>{@code DEL key}: removes the key; replies {@code OK}, or {@code NOT_FOUND} if it was not
 *       there.
 *   <li>{@code QUIT}: replies {@code OK} and ends the connection; lines after it are ignored.
 *   <li>Anything else (an unknown command, missing or extra words, a line that is not UTF-8)
 *       gets {@code ERR} and a message; the connection stays open.
 * </ul>
 *
 * <p>Commands are case-insensitive, keys are words without spaces. Every connection shares one
 * store.
 *
 * <p>What a connection may cost is bounded however its client behaves:
 *
 * <ul>
 *   <li>A line longer than {@link #MAX_LINE_BYTES} closes the connection ({@link Framing#lines}
 *       fails with {@code EMSGSIZE} before buffering it).
 *   <li>A client that sends commands without reading the replies stops being read: once a
 *       reply's {@code write} returns false (the replies waiting to be sent have reached {@link
 *       #HIGH_WATER_MARK}), the connection stops reading and holds the commands it had already
 *       read, at most one read's worth, until the stream drains ({@link Stream#onDrain}); so the
 *       replies queued never pass the mark by more than one reply.
 *   <li>A connection idle for the idle timeout ({@link Stream#setIdleTimeout}: nothing read or
 *       written) is closed; that includes a client that has stopped reading its replies.
 * </ul>
 *
 * <p>The stream's defaults do the rest: at the client's end the connection closes once its
 * replies are out, and a reset or failed write closes it without troubling the loop.
 *
 * <p>Usage: {@code KeyValueServer [PORT [IDLE_TIMEOUT_MS]]} (default 7000 and {@value
 * #DEFAULT_IDLE_TIMEOUT_MS} ms, on 127.0.0.1; runs until killed). Try it with {@code nc 127.0.0.1
 * 7000}, or with {@link KeyValueClient}.
 */
public final class KeyValueServer {
  /** The longest command line accepted, in bytes, not counting its line ending. */
  public static final int MAX_LINE_BYTES = 4096;

  /** How long a connection may be idle before it is closed, unless told otherwise. */
  public static final long DEFAULT_IDLE_TIMEOUT_MS = 60_000;

  /** Each connection's high-water mark: replies waiting to be sent at which reading stops. */
  public static final long HIGH_WATER_MARK = 16 * 1024;

  /** How much of an unknown command an {@code ERR} reply quotes. */
  private static final int QUOTED_COMMAND_CHARS = 32;

  private final Loop loop;
  private final Tcp listener;
  private final long idleTimeoutMs;
  private final Map<String, String> store = new HashMap<>();
  private Runnable onPause = () -> {};
  private long peakQueuedBytes;
  private int pauses;

  private KeyValueServer(Loop loop, long idleTimeoutMs) {
    this.loop = loop;
    this.listener = new Tcp(loop);
    this.idleTimeoutMs = idleTimeoutMs;
  }

  /**
   * Runs the server on 127.0.0.1 until the process is killed.
   *
   * @param args the port, 7000 if none is given, then the idle timeout in milliseconds
   * @throws NumberFormatException if an argument is not a number
   * @throws IllegalArgumentException if the port is outside 0..65535 or the idle timeout is not
   *     between 1 and 2^31-1
   * @throws UvException if the port cannot be bound
   * @throws io.uv4j.UncaughtException wrapping the {@link UvException} if a connection cannot be
   *     accepted
   */
  public static void main(String[] args) throws UvException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7000;
    long idleTimeoutMs = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_IDLE_TIMEOUT_MS;
    Loop loop = Loop.create();
    start(loop, new InetSocketAddress("127.0.0.1", port), idleTimeoutMs);
    System.out.println("serving keys on 127.0.0.1:" + port);
    loop.run();
  }

  /**
   * Starts serving on {@code address}. {@link #close()} stops accepting connections; those open
   * go on until their clients end them, send {@code QUIT} or stay idle for {@code idleTimeoutMs}.
   *
   * @param loop the loop the server and its connections run on, owned by this thread
   * @param address where to listen; port 0 picks a free one ({@link #address()} says which)
   * @param idleTimeoutMs how long a connection may be idle before it is closed
   * @return the server, listening
   * @throws NullPointerException if {@code loop} or {@code address} is null
   * @throws IllegalArgumentException if {@code address} is unresolved, or {@code idleTimeoutMs} is
   *     not between 1 and 2^31-1
   * @throws IllegalStateException if {@code loop} is closed or owned by another thread
   * @throws UvException if the address cannot be bound or listened on
   */
  public static KeyValueServer start(Loop loop, InetSocketAddress address, long idleTimeoutMs) throws UvException {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(address, "address");
    Servers.checkIdleTimeout(idleTimeoutMs);
    KeyValueServer server = new KeyValueServer(loop, idleTimeoutMs);
    Servers.listen(server.listener, address, socket -> server.new Connection(socket).start());
    return server;
  }

  /**
   * Where the server listens.
   *
   * @return the bound address and port
   * @throws UvException if the OS cannot tell
   * @throws IllegalStateException if the server is closed, or called from another thread
   */
  public InetSocketAddress address() throws UvException {
    return listener.localAddress();
  }

  /**
   * Stops accepting connections; open ones go on as {@link #start} says.
   *
   * @throws IllegalStateException if called from a thread other than the loop's
   */
  public void close() {
    listener.close();
  }

  /**
   * Sets what to run, on the loop thread, each time a connection stops reading because its client
   * is behind with its replies: a log line, or a test that waits for backpressure before it reads.
   * Replaces the one set before.
   *
   * @param listener run after the connection has stopped reading
   * @throws NullPointerException if {@code listener} is null
   */
  public void onPause(Runnable listener) {
    onPause = Objects.requireNonNull(listener, "listener");
  }

  /**
   * How often a connection stopped reading because its client was behind.
   *
   * @return the count of pauses so far, over every connection
   */
  public int pauses() {
    return pauses;
  }

  /**
   * The most reply bytes seen waiting to be sent on one connection, just after a reply was
   * written: at most {@link #HIGH_WATER_MARK} plus one reply.
   *
   * @return the largest write-queue size seen, over every connection
   */
  public long peakQueuedBytes() {
    return peakQueuedBytes;
  }

  /** One client: its lines in, its replies out, and the commands held while it is paused. */
  private final class Connection {
    private final Tcp socket;
    private final Stream.Reader lines;
    /** Commands read after reading stopped (the rest of that read), in order. */
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();
    private boolean paused;
    private boolean quit;

    Connection(Tcp socket) {
      this.socket = socket;
      this.lines = Framing.lines(socket, MAX_LINE_BYTES, this::onLine);
    }

    void start() throws UvException {
      socket.setHighWaterMark(HIGH_WATER_MARK);
      socket.setIdleTimeout(idleTimeoutMs, socket::close);
      socket.onDrain(this::resume);
      socket.readStart(lines);
    }

    private void onLine(ByteBuffer line) {
      if (quit) return;
      if (!paused) {
        execute(line);
        return;
      }
      byte[] copy = new byte[line.remaining()];
      line.get(copy);
      held.add(copy);
    }

    /** Answers one command; a reply that fills the queue to the mark pauses the connection. */
    private void execute(ByteBuffer line) {
      String reply = reply(line);
      boolean belowMark = socket.write(reply + "\n", null);
      peakQueuedBytes = Math.max(peakQueuedBytes, socket.writeQueueSize());
      if (quit) {
        // the client may still be sending: keep reading (and dropping) until it ends, as closing
        // with unread bytes would reset the connection and could lose the last reply
        socket.shutdown(null);
      } else if (!belowMark) {
        socket.readStop();
        paused = true;
        pauses++;
        onPause.run();
      }
    }

    /** The queue has drained: answers the held commands, then reads again unless paused anew. */
    private void resume() {
      if (!paused || socket.isClosing()) return;
      paused = false;
      while (!paused && !quit && !held.isEmpty()) execute(ByteBuffer.wrap(held.poll()));
      if (paused) return;
      held.clear();
      try {
        socket.readStart(lines);
      } catch (UvException e) {
        socket.close();
      }
    }

    private String reply(ByteBuffer line) {
      String command;
      try {
        command = StandardCharsets.UTF_8.newDecoder().decode(line).toString();
      } catch (CharacterCodingException e) {
        return "ERR line is not UTF-8";
      }
      int space = command.indexOf(' ');
      String verb = (space < 0 ? command : command.substring(0, space)).toUpperCase(Locale.ROOT);
      String rest = space < 0 ? null : command.substring(space + 1);
      switch (verb) {
        case "SET": {
          int keyEnd = rest == null ? -1 : rest.indexOf(' ');
          if (keyEnd <= 0) return "ERR usage: SET key value";
          store.put(rest.substring(0, keyEnd), rest.substring(keyEnd + 1));
          return "OK";
        }
        case "GET": {
          if (!isKey(rest)) return "ERR usage: GET key";
          String value = store.get(rest);
          return value == null ? "NOT_FOUND" : "VALUE " + value;
        }
        case "DEL":
          if (!isKey(rest)) return "ERR usage: DEL key";
          return store.remove(rest) == null ? "NOT_FOUND" : "OK";
        case "QUIT":
          if (rest != null) return "ERR usage: QUIT";
          quit = true;
          return "OK";
        case "":
          return "ERR empty command";
        default:
          String quoted = verb.length() > QUOTED_COMMAND_CHARS ? verb.substring(0, QUOTED_COMMAND_CHARS) + "..." : verb;
          return "ERR unknown command '" + quoted + "'";
      }
    }
  }

  private static boolean isKey(String word) {
    return word != null && !word.isEmpty() && word.indexOf(' ') < 0;
  }
}
