package io.uv4j.examples;

import io.uv4j.Loop;
import io.uv4j.Stream;
import io.uv4j.Tcp;
import io.uv4j.UvException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * An HTTP/1.1 server on one uv4j loop that answers {@code GET /} with {@code hello}.
 *
 * <ul>
 *   <li>{@code GET /} (a query string is ignored) gets {@code 200} with the body {@code hello} as
 *       {@code text/plain}, {@code HEAD /} the same headers without the body; any other path
 *       {@code 404}.
 *   <li>Other methods HTTP defines get {@code 405} with {@code Allow: GET, HEAD}; a method it
 *       does not know, and a body sent in chunks ({@code Transfer-Encoding}), {@code 501}; a
 *       major version other than 1, {@code 505}.
 *   <li>A malformed request line or header, or an HTTP/1.1 request without exactly one {@code
 *       Host}, gets {@code 400}; a request line and headers longer than {@link #MAX_HEAD_BYTES}
 *       get {@code 431}. So a connection holds at most that much of a request, however it
 *       arrives.
 *   <li>An HTTP/1.1 connection stays open for further requests unless a request says {@code
 *       Connection: close}; an HTTP/1.0 one closes after the response unless the request says
 *       {@code Connection: keep-alive}. Every error response closes the connection.
 *   <li>Requests sent one after another without waiting (pipelined) are answered in order; a
 *       request may arrive in any number of pieces. A body announced by {@code Content-Length}
 *       is read and ignored.
 *   <li>A connection idle for the idle timeout (nothing read or written, a client that stopped
 *       reading its responses included) is closed: {@link Stream#setIdleTimeout}, whose timers
 *       all share the loop's timer lists, not one libuv timer each.
 *   <li>When a client does not read its responses, the server stops reading its requests once a
 *       write leaves {@link #MAX_QUEUED_BYTES} or more waiting to be sent (the socket's
 *       high-water mark: {@code write} returns false), and reads again when they have gone
 *       ({@link Stream#onDrain}).
 * </ul>
 *
 * <p>Responses carry no {@code Date} header, so the response to a request is always the same
 * bytes. When the server closes a connection, it first ends its side ({@code shutdown}) and
 * discards what the client still sends until the client ends its own or the idle timeout passes:
 * closing with unread bytes would make the OS reset the connection, and the client could lose
 * the response.
 *
 * <p>Usage: {@code HttpHelloServer [PORT [IDLE_TIMEOUT_MS]]} (default 8080 and {@value
 * #DEFAULT_IDLE_TIMEOUT_MS} ms, on 127.0.0.1; runs until killed).
 */
public final class HttpHelloServer {
  /** The most bytes a request's line and headers may take, the blank line included. */
  public static final int MAX_HEAD_BYTES = 8192;

  /** How long a connection may send nothing before it is closed, unless told otherwise. */
  public static final long DEFAULT_IDLE_TIMEOUT_MS = 5_000;

  /** Each connection's high-water mark: bytes of responses waiting at which its requests are not read. */
  public static final int MAX_QUEUED_BYTES = 64 * 1024;

  private HttpHelloServer() {}

  /**
   * Runs the server on 127.0.0.1 until the process is killed.
   *
   * @param args the port, 8080 if none is given, then the idle timeout in milliseconds
   * @throws NumberFormatException if an argument is not a number
   * @throws IllegalArgumentException if the port is outside 0..65535 or the idle timeout is not
   *     between 1 and 2^31-1
   * @throws UvException if the port cannot be bound
   * @throws io.uv4j.UncaughtException wrapping the {@link UvException} if a connection cannot be
   *     accepted
   */
  public static void main(String[] args) throws UvException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    long idleTimeoutMs = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_IDLE_TIMEOUT_MS;
    Loop loop = Loop.create();
    start(loop, new InetSocketAddress("127.0.0.1", port), idleTimeoutMs);
    System.out.println("listening on http://127.0.0.1:" + port + "/");
    loop.run();
  }

  /**
   * Starts serving on {@code address} with the default idle timeout; see {@link #start(Loop,
   * InetSocketAddress, long)}.
   *
   * @param loop the loop the server and its connections run on, owned by this thread
   * @param address where to listen; port 0 picks a free one ({@link Tcp#localAddress()} says which)
   * @return the listening handle
   * @throws NullPointerException if {@code loop} or {@code address} is null
   * @throws IllegalArgumentException if {@code address} is unresolved
   * @throws IllegalStateException if {@code loop} is closed or owned by another thread
   * @throws UvException if the address cannot be bound or listened on
   */
  public static Tcp start(Loop loop, InetSocketAddress address) throws UvException {
    return start(loop, address, DEFAULT_IDLE_TIMEOUT_MS);
  }

  /**
   * Starts serving on {@code address}. Closing the returned handle stops accepting connections;
   * those open go on until their clients end them or they are idle for {@code idleTimeoutMs}.
   *
   * @param loop the loop the server and its connections run on, owned by this thread
   * @param address where to listen; port 0 picks a free one ({@link Tcp#localAddress()} says which)
   * @param idleTimeoutMs how long a connection may be idle (nothing read or written) before it is
   *     closed
   * @return the listening handle
   * @throws NullPointerException if {@code loop} or {@code address} is null
   * @throws IllegalArgumentException if {@code address} is unresolved, or {@code idleTimeoutMs} is
   *     not between 1 and 2^31-1
   * @throws IllegalStateException if {@code loop} is closed or owned by another thread
   * @throws UvException if the address cannot be bound or listened on
   */
  public static Tcp start(Loop loop, InetSocketAddress address, long idleTimeoutMs) throws UvException {
    Objects.requireNonNull(address, "address");
    if (idleTimeoutMs <= 0) throw new IllegalArgumentException("idleTimeoutMs must be > 0, got " + idleTimeoutMs);
    if (idleTimeoutMs > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("idleTimeoutMs must be at most 2^31-1, got " + idleTimeoutMs);
    }
    Tcp server = new Tcp(loop);
    ResponseBuffer responses = new ResponseBuffer();
    Servers.listen(server, address, socket -> new Connection(socket, responses).start(idleTimeoutMs));
    return server;
  }

  /**
   * One accepted socket: reads requests into its {@link Exchange} and writes what it answers. The
   * stream's defaults do the rest: at the client's end the socket closes once the responses
   * still queued are out (a client may end its side right after its last request and still wait
   * for the answer), and a reset or a failed write closes it.
   */
  private static final class Connection implements Stream.Reader {
    private final Tcp socket;
    private final Exchange exchange = new Exchange();
    /** Shared by the server's connections: each write copies what the socket does not take at once. */
    private final ResponseBuffer responses;

    Connection(Tcp socket, ResponseBuffer responses) {
      this.socket = socket;
      this.responses = responses;
    }

    void start(long idleTimeoutMs) throws UvException {
      socket.setHighWaterMark(MAX_QUEUED_BYTES);
      socket.setIdleTimeout(idleTimeoutMs, socket::close);
      socket.onDrain(this::resume);
      socket.readStart(this);
    }

    @Override
    public void onData(ByteBuffer data) {
      // after the last response, the client's bytes are read only to be dropped
      if (exchange.isFinished()) return;
      exchange.read(data, responses);
      boolean belowMark = true;
      if (responses.length > 0) {
        belowMark = socket.write(responses.bytes, 0, responses.length, null);
        responses.length = 0;
      }
      if (exchange.isFinished()) {
        socket.shutdown(null);
      } else if (!belowMark) {
        socket.readStop();
      }
    }

    /** The responses queued have all gone: read requests again. */
    private void resume() {
      if (socket.isClosing()) return;
      try {
        socket.readStart(this);
      } catch (UvException e) {
        socket.close();
      }
    }
  }

  /**
   * The protocol of one connection, apart from its socket: takes the bytes the client sends, in
   * whatever pieces they come, and appends the responses they call for.
   */
  static final class Exchange {
    /** The start of a request whose headers have not all arrived; null when there is none. */
    private byte[] partial;
    private int partialLength;
    /** Bytes of a request body still to skip. */
    private long bodyToSkip;
    private boolean finished;

    /**
     * Whether a response said the connection closes: nothing more will be answered.
     *
     * @return true once the connection's last response has been appended
     */
    boolean isFinished() {
      return finished;
    }

    /**
     * Reads the bytes between {@code data}'s position and limit (the position moves past what was
     * read) and appends the response to every request they complete.
     *
     * @param data bytes from the client
     * @param responses where responses go
     */
    void read(ByteBuffer data, ResponseBuffer responses) {
      while (data.hasRemaining() && !finished) {
        if (bodyToSkip > 0) {
          int skipped = (int) Math.min(bodyToSkip, data.remaining());
          data.position(data.position() + skipped);
          bodyToSkip -= skipped;
        } else if (partial == null) {
          readInPlace(data, responses);
        } else {
          readIntoPartial(data, responses);
        }
      }
    }

    /** A request that lies whole in {@code data} is answered from there, without a copy. */
    private void readInPlace(ByteBuffer data, ResponseBuffer responses) {
      int start = data.position();
      int available = data.limit() - start;
      int end = headEnd(data, start, start + Math.min(available, MAX_HEAD_BYTES));
      if (end >= 0) {
        data.position(end);
        answer(data, start, end, responses);
      } else if (available >= MAX_HEAD_BYTES) {
        reject(Status.HEADERS_TOO_LARGE, responses);
      } else {
        partial = new byte[MAX_HEAD_BYTES];
        partialLength = available;
        data.get(partial, 0, available);
      }
    }

    /** The rest of a request split across reads is gathered in {@link #partial}, up to the limit. */
    private void readIntoPartial(ByteBuffer data, ResponseBuffer responses) {
      // the blank line may have begun in the bytes already gathered
      int searchFrom = Math.max(0, partialLength - 2);
      int taken = Math.min(data.remaining(), MAX_HEAD_BYTES - partialLength);
      data.get(partial, partialLength, taken);
      partialLength += taken;
      ByteBuffer head = ByteBuffer.wrap(partial, 0, partialLength);
      int end = headEnd(head, searchFrom, partialLength);
      if (end < 0) {
        if (partialLength == MAX_HEAD_BYTES) reject(Status.HEADERS_TOO_LARGE, responses);
        return;
      }
      // what follows the headers is the next request or a body: give it back to data
      data.position(data.position() - (partialLength - end));
      partial = null;
      partialLength = 0;
      answer(head, 0, end, responses);
    }

    /**
     * Where the headers in {@code bytes[from, to)} end: just after the blank line (LF LF or LF
     * CR LF), or -1 if it is not there.
     */
    private static int headEnd(ByteBuffer bytes, int from, int to) {
      for (int i = from; i < to; i++) {
        if (bytes.get(i) != '\n') continue;
        if (i + 1 < to && bytes.get(i + 1) == '\n') return i + 2;
        if (i + 2 < to && bytes.get(i + 1) == '\r' && bytes.get(i + 2) == '\n') return i + 3;
      }
      return -1;
    }

    private void reject(Status status, ResponseBuffer responses) {
      responses.append(status.response(true, Persistence.CLOSE));
      finished = true;
    }

    /** Answers the request whose line and headers are {@code head[start, end)}. */
    private void answer(ByteBuffer head, int start, int end, ResponseBuffer responses) {
      Request request = Request.parse(head, start, end);
      if (request.rejection != null) {
        reject(request.rejection, responses);
        return;
      }
      Persistence persistence;
      if (request.close) persistence = Persistence.CLOSE;
      else if (request.minorVersion >= 1) persistence = Persistence.KEEP_ALIVE;
      else persistence = request.keepAlive ? Persistence.KEEP_ALIVE_SAID : Persistence.CLOSE;
      Status status = request.isRoot() ? Status.OK : Status.NOT_FOUND;
      responses.append(status.response(request.method.equals("GET"), persistence));
      bodyToSkip = request.contentLength;
      finished = persistence == Persistence.CLOSE;
    }
  }

  /** A request's line and headers, as far as this server cares, or why it is refused. */
  private static final class Request {
    /** Methods HTTP defines that this server does not serve. */
    private static final Set<String> OTHER_METHODS = Set.of("POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE");

    private Status rejection;
    private String method;
    private String target;
    private int minorVersion;
    private int hosts;
    private int contentLengths;
    private long contentLength;
    private boolean chunked;
    private boolean close;
    private boolean keepAlive;

    boolean isRoot() {
      return target.equals("/") || target.startsWith("/?");
    }

    static Request parse(ByteBuffer head, int start, int end) {
      Request request = new Request();
      request.rejection = request.read(new Lines(head, start, end));
      return request;
    }

    /** Reads the head; returns the status that refuses it, or null if it is to be served. */
    private Status read(Lines lines) {
      // a client may send a line break after a body that it did not count (RFC 9112, 2.2)
      String line;
      do {
        line = lines.next();
      } while (line != null && line.isEmpty());
      if (line == null) return Status.BAD_REQUEST;
      Status bad = readRequestLine(line);
      if (bad != null) return bad;
      while ((line = lines.next()) != null && !line.isEmpty()) {
        bad = readHeader(line);
        if (bad != null) return bad;
      }
      if (lines.malformed) return Status.BAD_REQUEST;
      if (hosts > 1 || (minorVersion >= 1 && hosts == 0)) return Status.BAD_REQUEST;
      if (chunked) return Status.NOT_IMPLEMENTED;
      if (method.equals("GET") || method.equals("HEAD")) return null;
      return OTHER_METHODS.contains(method) ? Status.METHOD_NOT_ALLOWED : Status.NOT_IMPLEMENTED;
    }

    private Status readRequestLine(String line) {
      int firstSpace = line.indexOf(' ');
      int secondSpace = line.indexOf(' ', firstSpace + 1);
      if (firstSpace <= 0 || secondSpace < 0 || line.indexOf(' ', secondSpace + 1) >= 0) return Status.BAD_REQUEST;
      method = line.substring(0, firstSpace);
      target = line.substring(firstSpace + 1, secondSpace);
      String version = line.substring(secondSpace + 1);
      if (!isToken(method) || target.isEmpty() || !target.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
        return Status.BAD_REQUEST;
      }
      if (version.length() != 8 || !version.startsWith("HTTP/") || !isDigit(version.charAt(5))
          || version.charAt(6) != '.' || !isDigit(version.charAt(7))) {
        return Status.BAD_REQUEST;
      }
      if (version.charAt(5) != '1') return Status.VERSION_NOT_SUPPORTED;
      minorVersion = version.charAt(7) - '0';
      return null;
    }

    private Status readHeader(String line) {
      int colon = line.indexOf(':');
      // a line that starts with white space continues the last one: obsolete, refused
      if (colon <= 0 || !isToken(line.substring(0, colon))) return Status.BAD_REQUEST;
      String name = line.substring(0, colon);
      String value = line.substring(colon + 1).strip();
      if (!value.chars().allMatch(c -> c == '\t' || (c >= ' ' && c != 0x7f))) return Status.BAD_REQUEST;
      if (name.equalsIgnoreCase("Host")) {
        hosts++;
      } else if (name.equalsIgnoreCase("Content-Length")) {
        if (++contentLengths > 1 || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(HttpHelloServer::isDigit)) {
          return Status.BAD_REQUEST;
        }
        contentLength = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = true;
      } else if (name.equalsIgnoreCase("Connection")) {
        for (String option : value.split(",")) {
          close |= option.strip().equalsIgnoreCase("close");
          keepAlive |= option.strip().equalsIgnoreCase("keep-alive");
        }
      }
      return null;
    }

    private static boolean isToken(String s) {
      if (s.isEmpty()) return false;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!(Character.isLetterOrDigit(c) && c < 0x80) && "!#$%&'*+-.^_`|~".indexOf(c) < 0) return false;
      }
      return true;
    }
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The lines of a head as ISO-8859-1 text (each byte one char), without their CR LF or LF. A CR
   * anywhere else makes the head malformed.
   */
  private static final class Lines {
    private final ByteBuffer bytes;
    private final int end;
    private int at;
    boolean malformed;

    Lines(ByteBuffer bytes, int start, int end) {
      this.bytes = bytes;
      this.at = start;
      this.end = end;
    }

    /** The next line, or null after the last. */
    String next() {
      if (at >= end) return null;
      int lineStart = at;
      while (bytes.get(at) != '\n') at++;
      int lineEnd = at > lineStart && bytes.get(at - 1) == '\r' ? at - 1 : at;
      at++;
      char[] chars = new char[lineEnd - lineStart];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = (char) (bytes.get(lineStart + i) & 0xff);
        if (chars[i] == '\r') malformed = true;
      }
      return malformed ? null : new String(chars);
    }
  }

  /** Whether the connection stays open after a response, and what the response says of it. */
  private enum Persistence {
    /** Stays open; HTTP/1.1 says nothing, since that is its default. */
    KEEP_ALIVE(""),
    /** Stays open because an HTTP/1.0 request asked for it. */
    KEEP_ALIVE_SAID("Connection: keep-alive\r\n"),
    /** Closes after this response. */
    CLOSE("Connection: close\r\n");

    final String header;

    Persistence(String header) {
      this.header = header;
    }
  }

  /** The responses this server gives, each built once. */
  private enum Status {
    OK(200, "OK", "hello"),
    BAD_REQUEST(400, "Bad Request", "bad request\n"),
    NOT_FOUND(404, "Not Found", "not found\n"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed", "only GET and HEAD are served\n"),
    HEADERS_TOO_LARGE(431, "Request Header Fields Too Large", "request line and headers over " + MAX_HEAD_BYTES + " bytes\n"),
    NOT_IMPLEMENTED(501, "Not Implemented", "not implemented\n"),
    VERSION_NOT_SUPPORTED(505, "HTTP Version Not Supported", "only HTTP/1.0 and HTTP/1.1 are served\n");

    /** Indexed by persistence, then 0 without the body (for HEAD) and 1 with it. */
    private final byte[][][] responses = new byte[Persistence.values().length][2][];

    Status(int code, String reason, String body) {
      for (Persistence persistence : Persistence.values()) {
        String head = "HTTP/1.1 " + code + " " + reason + "\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: " + body.length() + "\r\n"
            + (code == 405 ? "Allow: GET, HEAD\r\n" : "")
            + persistence.header
            + "\r\n";
        responses[persistence.ordinal()][0] = head.getBytes(StandardCharsets.US_ASCII);
        responses[persistence.ordinal()][1] = (head + body).getBytes(StandardCharsets.US_ASCII);
      }
    }

    byte[] response(boolean withBody, Persistence persistence) {
      return responses[persistence.ordinal()][withBody ? 1 : 0];
    }
  }

  /** Responses gathered while reading one piece of input, to go out in one write. */
  static final class ResponseBuffer {
    /** The responses, in {@code bytes[0, length)}; grows as needed. */
    byte[] bytes = new byte[4096];
    /** How many bytes of {@link #bytes} hold responses. */
    int length;

    /**
     * Adds a response after those already gathered.
     *
     * @param response the bytes of the response
     */
    void append(byte[] response) {
      if (length + response.length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + response.length));
      }
      System.arraycopy(response, 0, bytes, length, response.length);
      length += response.length;
    }
  }
}
