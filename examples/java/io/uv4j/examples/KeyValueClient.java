package io.uv4j.examples;

import io.uv4j.Framing;
import io.uv4j.Loop;
import io.uv4j.Promise;
import io.uv4j.Stream;
import io.uv4j.Tcp;
import io.uv4j.UvError;
import io.uv4j.UvException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;

/**
 * A client of {@link KeyValueServer} on one uv4j loop: connects by host name ({@link
 * Tcp#connect(Loop, String, int)}), sends each command as a line and hands back its reply as a
 * {@link Promise}. Commands may be sent without waiting for replies (pipelined): the server
 * answers in order, so each reply line settles the oldest promise still waiting.
 *
 * <pre>{@code
 * KeyValueClient.connect(loop, "localhost", 7000)
 *     .thenCompose(kv -> kv.set("greeting", "hello").thenCompose(ok -> kv.get("greeting")))
 *     .then(value -> value.orElse("(none)"));
 * }</pre>
 *
 * <p>When the connection ends (the server closed it, {@link #close()}, an error), every reply
 * still awaited is rejected with the {@link UvException} that ended it: {@code EOF} for the
 * server's end, {@code ECANCELED} for a close here, or the read or write error. Every method must
 * be called on the loop's thread.
 */
public final class KeyValueClient {
  /** The longest reply line read: a value as long as a command may carry, after {@code VALUE }. */
  private static final int MAX_REPLY_BYTES = KeyValueServer.MAX_LINE_BYTES;

  private final Tcp socket;
  /** The promises of commands sent, oldest first, each settled by the next reply. */
  private final ArrayDeque<Promise.Resolver<String>> awaiting = new ArrayDeque<>();
  /** Why the connection ended, once it has. */
  private UvException ended;

  /** An {@code ERR} reply, or a reply the command does not allow. */
  public static final class ReplyException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The server's reply line, without its line ending. */
    private final String reply;

    ReplyException(String command, String reply) {
      super(command + " got " + reply);
      this.reply = reply;
    }

    /**
     * The server's reply line.
     *
     * @return the reply, without its line ending
     */
    public String reply() {
      return reply;
    }
  }

  private KeyValueClient(Tcp socket) throws UvException {
    this.socket = socket;
    socket.noDelay(true);
    socket.readStart(Framing.lines(socket, MAX_REPLY_BYTES, new Stream.Reader() {
      @Override
      public void onData(ByteBuffer line) {
        Promise.Resolver<String> next = awaiting.poll();
        // a reply nobody asked for: the two sides no longer agree on which reply is whose
        if (next == null) socket.close();
        else next.resolve(StandardCharsets.UTF_8.decode(line).toString());
      }

      @Override
      public void onEnd() {
        ended = new UvException(UvError.EOF.errno(), "read");
      }

      @Override
      public void onError(UvException error) {
        ended = error;
      }
    }));
    socket.onClose(this::rejectAwaiting);
  }

  /**
   * Connects to a key-value server by name, trying each address {@code host} resolves to in turn.
   *
   * @param loop the loop the client runs on, owned by this thread
   * @param host a host name or numeric address
   * @param port the server's port, 1 to 65535
   * @return fulfilled with the connected client; rejected with the {@link UvException} of the
   *     lookup or of the last connect attempt
   * @throws NullPointerException if {@code loop} or {@code host} is null
   * @throws IllegalArgumentException if {@code host} is empty or holds a NUL, or {@code port} is
   *     outside 1 to 65535
   * @throws IllegalStateException if {@code loop} is closed or owned by another thread
   */
  public static Promise<KeyValueClient> connect(Loop loop, String host, int port) {
    return Tcp.connect(loop, host, port).then(socket -> {
      try {
        return new KeyValueClient(socket);
      } catch (UvException | RuntimeException e) {
        socket.close();
        throw e;
      }
    });
  }

  /**
   * Sends one command line and awaits its reply.
   *
   * @param command the line, without its line ending
   * @return fulfilled with the reply line (an {@code ERR} reply too), without its line ending;
   *     rejected with a {@link UvException} if the connection ends first, or has ended
   * @throws NullPointerException if {@code command} is null
   * @throws IllegalArgumentException if {@code command} holds a line break, or is longer than
   *     {@link KeyValueServer#MAX_LINE_BYTES} in UTF-8
   * @throws IllegalStateException if called from another thread
   */
  public Promise<String> send(String command) {
    Objects.requireNonNull(command, "command");
    if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a command is one line, got " + quote(command));
    }
    byte[] line = (command + "\n").getBytes(StandardCharsets.UTF_8);
    if (line.length - 1 > KeyValueServer.MAX_LINE_BYTES) {
      throw new IllegalArgumentException("command of " + (line.length - 1) + " bytes is longer than the server's "
          + KeyValueServer.MAX_LINE_BYTES);
    }
    if (socket.isClosing()) {
      return Promise.reject(socket.loop(), ended != null ? ended : new UvException(UvError.ECANCELED.errno(), "write"));
    }
    Promise.Resolver<String> reply = socket.loop().promise();
    awaiting.add(reply);
    // a failed write reaches the reader's onError, and the close rejects the reply
    socket.write(line, null);
    return reply.promise();
  }

  /**
   * Stores {@code value} under {@code key}.
   *
   * @param key a word: not empty, no spaces or line breaks
   * @param value any text without line breaks
   * @return fulfilled once the server said {@code OK}; rejected with a {@link ReplyException} for
   *     another reply, or a {@link UvException} if the connection ended
   * @throws NullPointerException if {@code key} or {@code value} is null
   * @throws IllegalArgumentException if {@code key} is not a word, {@code value} holds a line
   *     break, or the command is longer than {@link KeyValueServer#MAX_LINE_BYTES}
   * @throws IllegalStateException if called from another thread
   */
  public Promise<Void> set(String key, String value) {
    Objects.requireNonNull(value, "value");
    String command = "SET " + checkKey(key) + " " + value;
    return send(command).then(reply -> {
      if (!reply.equals("OK")) throw new ReplyException(command, reply);
      return null;
    });
  }

  /**
   * The value stored under {@code key}.
   *
   * @param key a word: not empty, no spaces or line breaks
   * @return fulfilled with the value, or empty if there is none; rejected with a {@link
   *     ReplyException} for an unexpected reply, or a {@link UvException} if the connection ended
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if {@code key} is not a word
   * @throws IllegalStateException if called from another thread
   */
  public Promise<Optional<String>> get(String key) {
    String command = "GET " + checkKey(key);
    return send(command).then(reply -> {
      if (reply.equals("NOT_FOUND")) return Optional.empty();
      if (reply.startsWith("VALUE ")) return Optional.of(reply.substring("VALUE ".length()));
      throw new ReplyException(command, reply);
    });
  }

  /**
   * Removes {@code key}.
   *
   * @param key a word: not empty, no spaces or line breaks
   * @return fulfilled with whether the key was there; rejected with a {@link ReplyException} for
   *     an unexpected reply, or a {@link UvException} if the connection ended
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if {@code key} is not a word
   * @throws IllegalStateException if called from another thread
   */
  public Promise<Boolean> delete(String key) {
    String command = "DEL " + checkKey(key);
    return send(command).then(reply -> {
      if (reply.equals("OK")) return true;
      if (reply.equals("NOT_FOUND")) return false;
      throw new ReplyException(command, reply);
    });
  }

  /**
   * Says goodbye: the server answers {@code OK} and ends the connection, which this client then
   * closes (the stream's default at end of stream).
   *
   * @return fulfilled once the server said {@code OK}; rejected with a {@link ReplyException} for
   *     another reply, or a {@link UvException} if the connection ended first
   * @throws IllegalStateException if called from another thread
   */
  public Promise<Void> quit() {
    return send("QUIT").then(reply -> {
      if (!reply.equals("OK")) throw new ReplyException("QUIT", reply);
      return null;
    });
  }

  /**
   * Closes the connection at once; replies still awaited are rejected with {@code ECANCELED}.
   *
   * @throws IllegalStateException if called from a thread other than the loop's
   */
  public void close() {
    socket.close();
  }

  /**
   * Whether the connection has ended (closed here, or by the server's end or an error).
   *
   * @return true once the socket is closing or closed
   * @throws IllegalStateException if called from a thread other than the loop's
   */
  public boolean isClosed() {
    return socket.isClosing();
  }

  private void rejectAwaiting() {
    UvException reason = ended != null ? ended : new UvException(UvError.ECANCELED.errno(), "read");
    while (!awaiting.isEmpty()) awaiting.poll().reject(reason);
  }

  private static String checkKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty() || key.chars().anyMatch(c -> c == ' ' || c == '\n' || c == '\r')) {
      throw new IllegalArgumentException("a key is one word without spaces or line breaks, got " + quote(key));
    }
    return key;
  }

  private static String quote(String text) {
    return "\"" + text.replace("\r", "\\r").replace("\n", "\\n") + "\"";
  }
}
