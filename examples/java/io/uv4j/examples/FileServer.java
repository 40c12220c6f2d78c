package io.uv4j.examples;

import io.uv4j.Framing;
import io.uv4j.Loop;
import io.uv4j.Stat;
import io.uv4j.Stream;
import io.uv4j.Tcp;
import io.uv4j.UvError;
import io.uv4j.UvException;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Serves the files under a directory over HTTP/1.1 on one uv4j loop, each body streamed from the
 * file with {@link Stream#pipeFile}: it reads a chunk at a time and waits for the socket to drain
 * whenever a write reaches the high-water mark, so a slow client holds at most the mark plus one
 * chunk of a file in memory, however large the file.
 *
 * <ul>
 *   <li>{@code GET} answers {@code 200} with the file, its {@code Content-Length} from {@code
 *       stat} and a {@code Content-Type} from its extension ({@code .html}, {@code .txt}, {@code
 *       .css}, {@code .js}, {@code .json}, {@code .png}, {@code .jpg}, {@code .svg}, else {@code
 *       application/octet-stream}); {@code HEAD} the same headers without the body. A directory
 *       stands for its {@code index.html}.
 *   <li>A path naming nothing, or nothing that is a regular file, gets {@code 404}, and the
 *       connection stays open. A path the server may not look up gets {@code 403}. A file that
 *       cannot be read after its headers went out (not readable, or changed in size) has its
 *       connection closed, since its body can no longer match them.
 *   <li>The path is percent-decoded one segment at a time, as UTF-8. A segment that decodes to
 *       {@code .} or {@code ..}, or holds a {@code /} or {@code \}, gets {@code 403}, so no path
 *       leaves the root by its name (symbolic links under the root are followed wherever they
 *       point: link only what may be served). A target that is not a path from
 *       the root ({@code http://...}, {@code *}), a bad escape, bytes that are not UTF-8, and a
 *       NUL get {@code 400}.
 *   <li>Other methods get {@code 405} with {@code Allow: GET, HEAD}; a request with a body, a
 *       malformed request, an HTTP/1.1 request without exactly one {@code Host}, {@code 400}; a
 *       request line and headers over {@link #MAX_HEAD_BYTES}, {@code 431}; a major version other
 *       than 1, {@code 505}. These close the connection after the response; a single line over
 *       {@link #MAX_HEAD_BYTES} closes it with no response ({@link Framing#lines} refuses it).
 *   <li>Connections are kept alive as HTTP/1.1 and 1.0 say ({@code Connection: close}, {@code
 *       Connection: keep-alive}); requests sent before the previous response has ended
 *       (pipelined) are answered in order, since the connection stops reading while it responds.
 *   <li>A connection idle for the idle timeout ({@link Stream#setIdleTimeout}: nothing read or
 *       written, a client that stopped reading included) is closed.
 * </ul>
 *
 * <p>When the server ends a connection, it ends its side ({@code shutdown}) once the response is
 * out and reads on, discarding, until the client ends its own or the idle timeout passes: closing
 * with unread bytes would reset the connection, and the client could lose the response.
 *
 * <p>Usage: {@code FileServer ROOT [PORT [IDLE_TIMEOUT_MS]]} (default 8000 and {@value
 * #DEFAULT_IDLE_TIMEOUT_MS} ms, on 127.0.0.1; runs until killed).
 */
public final class FileServer {
  /** The most bytes a request's line and headers may take, their line endings included. */
  public static final int MAX_HEAD_BYTES = 8192;

  /** How long a connection may be idle before it is closed, unless told otherwise. */
  public static final long DEFAULT_IDLE_TIMEOUT_MS = 30_000;

  private static final Map<String, String> CONTENT_TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "htm", "text/html; charset=utf-8",
      "txt", "text/plain; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "json", "application/json",
      "png", "image/png",
      "jpg", "image/jpeg",
      "jpeg", "image/jpeg",
      "svg", "image/svg+xml");

  /** The header of a response after which the connection ends. */
  private static final String CLOSE = "Connection: close\r\n";

  private FileServer() {}

  /**
   * Serves a directory on 127.0.0.1 until the process is killed.
   *
   * @param args the directory to serve, then the port (8000 if none is given), then the idle
   *     timeout in milliseconds
   * @throws NumberFormatException if the port or timeout is not a number
   * @throws IllegalArgumentException if no directory is given, it is not a directory, the port is
   *     outside 0..65535 or the idle timeout is not between 1 and 2^31-1
   * @throws UvException if the port cannot be bound
   * @throws io.uv4j.UncaughtException wrapping the {@link UvException} if a connection cannot be
   *     accepted
   */
  public static void main(String[] args) throws UvException {
    if (args.length == 0) throw new IllegalArgumentException("usage: FileServer ROOT [PORT [IDLE_TIMEOUT_MS]]");
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8000;
    long idleTimeoutMs = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_IDLE_TIMEOUT_MS;
    Loop loop = Loop.create();
    start(loop, Path.of(args[0]), new InetSocketAddress("127.0.0.1", port), idleTimeoutMs);
    System.out.println("serving " + args[0] + " on http://127.0.0.1:" + port + "/");
    loop.run();
  }

  /**
   * Starts serving the files under {@code root} on {@code address}. Closing the returned handle
   * stops accepting connections; those open go on until their clients end them or they are idle
   * for {@code idleTimeoutMs}.
   *
   * @param loop the loop the server and its connections run on, owned by this thread
   * @param root the directory whose files are served
   * @param address where to listen; port 0 picks a free one ({@link Tcp#localAddress()} says which)
   * @param idleTimeoutMs how long a connection may be idle before it is closed
   * @return the listening handle
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code root} is not a directory, {@code address} is
   *     unresolved, or {@code idleTimeoutMs} is not between 1 and 2^31-1
   * @throws IllegalStateException if {@code loop} is closed or owned by another thread
   * @throws UvException if the address cannot be bound or listened on
   */
  public static Tcp start(Loop loop, Path root, InetSocketAddress address, long idleTimeoutMs) throws UvException {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(address, "address");
    if (!Files.isDirectory(root)) throw new IllegalArgumentException("root is not a directory: " + root);
    Servers.checkIdleTimeout(idleTimeoutMs);
    Path absoluteRoot = root.toAbsolutePath().normalize();
    Tcp server = new Tcp(loop);
    Servers.listen(server, address, socket -> new Connection(socket, absoluteRoot, idleTimeoutMs).start());
    return server;
  }

  /** One client: gathers each request's head from its lines, and answers one request at a time. */
  private static final class Connection {
    private final Tcp socket;
    private final Path root;
    private final long idleTimeoutMs;
    private final Stream.Reader lines;
    /** Lines read while a response was under way (the rest of that read), in order. */
    private final ArrayDeque<String> held = new ArrayDeque<>();
    private Head head = new Head();
    private boolean responding;
    /** The last response has been decided: lines are ignored from now on. */
    private boolean ending;

    Connection(Tcp socket, Path root, long idleTimeoutMs) {
      this.socket = socket;
      this.root = root;
      this.idleTimeoutMs = idleTimeoutMs;
      this.lines = Framing.lines(socket, MAX_HEAD_BYTES, this::onLine);
    }

    void start() throws UvException {
      socket.setIdleTimeout(idleTimeoutMs, socket::close);
      socket.readStart(lines);
    }

    private void onLine(ByteBuffer line) {
      if (ending) return;
      byte[] bytes = new byte[line.remaining()];
      line.get(bytes);
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      if (responding) held.add(text);
      else take(text);
    }

    /** Adds a line to the head being gathered, and answers the request it completes. */
    private void take(String line) {
      if (!head.add(line)) {
        respondWithError(Status.HEADERS_TOO_LARGE, true);
      } else if (head.isComplete()) {
        Request request = Request.parse(head);
        head = new Head();
        respond(request);
      }
    }

    private void respond(Request request) {
      responding = true;
      socket.readStop();
      if (request.refusal != null) {
        respondWithError(request.refusal, request.withBody());
        return;
      }
      Path file;
      try {
        file = resolve(root, request.target);
      } catch (Refusal refusal) {
        respondWithError(refusal.status, request.withBody());
        return;
      }
      socket.loop().fs().stat(file, (stat, error) -> {
        if (socket.isClosing()) return;
        if (error == null && stat.isDirectory()) {
          Path index = file.resolve("index.html");
          socket.loop().fs().stat(index, (indexStat, indexError) -> found(request, index, indexStat, indexError));
        } else {
          found(request, file, stat, error);
        }
      });
    }

    private void found(Request request, Path file, Stat stat, UvException error) {
      if (socket.isClosing()) return;
      if (error != null || !stat.isFile()) {
        boolean missing = error == null || error.errno() == UvError.ENOENT.errno()
            || error.errno() == UvError.ENOTDIR.errno();
        if (missing) {
          socket.write(Status.NOT_FOUND.response(request.connectionHeader, request.withBody()), null);
          responded(request.keepAlive);
        } else {
          respondWithError(error.errno() == UvError.EACCES.errno() ? Status.FORBIDDEN : Status.INTERNAL_ERROR,
              request.withBody());
        }
        return;
      }
      socket.write(Status.OK.head(contentType(file), stat.size(), request.connectionHeader), null);
      if (!request.withBody()) {
        responded(request.keepAlive);
        return;
      }
      socket.pipeFile(file.toString()).then(sent -> {
        // the file changed size since its stat: the client cannot tell where the body ends
        if (sent != stat.size()) socket.close();
        else responded(request.keepAlive);
        return null;
      }, failure -> {
        // a failed write has broken the connection, and a failed read leaves the body short
        if (!socket.isClosing()) socket.close();
        return null;
      });
    }

    /** Answers with an error that ends the connection. */
    private void respondWithError(Status status, boolean withBody) {
      responding = true;
      socket.write(status.response(CLOSE, withBody), null);
      responded(false);
    }

    /** The response is out (or queued): answers what was held, then reads on, or ends. */
    private void responded(boolean keepAlive) {
      if (socket.isClosing()) return;
      responding = false;
      if (!keepAlive) {
        end();
        return;
      }
      while (!responding && !ending && !held.isEmpty()) take(held.poll());
      if (responding || ending) return;
      try {
        socket.readStart(lines);
      } catch (UvException e) {
        socket.close();
      }
    }

    /** Ends the server's side once the responses are out, discarding what the client still sends. */
    private void end() {
      ending = true;
      held.clear();
      socket.shutdown(null);
      try {
        socket.readStart(data -> {});
      } catch (UvException e) {
        socket.close();
      }
    }
  }

  /** A request's line and header lines as they arrive, within {@link #MAX_HEAD_BYTES}. */
  private static final class Head {
    private String requestLine;
    private final List<String> headers = new ArrayList<>();
    private int bytes;
    private boolean complete;

    /** Adds a line; false if the head has grown past the limit. */
    boolean add(String line) {
      // the line ending counts as two bytes, whichever the client sent
      bytes += line.length() + 2;
      if (bytes > MAX_HEAD_BYTES) return false;
      // empty lines before a request line are allowed (RFC 9112, 2.2)
      if (requestLine == null) {
        if (!line.isEmpty()) requestLine = line;
      } else if (line.isEmpty()) {
        complete = true;
      } else {
        headers.add(line);
      }
      return true;
    }

    boolean isComplete() {
      return complete;
    }
  }

  /** What a request asks for, as far as this server cares, or the status that refuses it. */
  private static final class Request {
    private Status refusal;
    private String method;
    private String target;
    private int hosts;
    private boolean hasBody;
    private boolean keepAlive;
    /** The {@code Connection} header the response carries, or "" if none is needed. */
    private String connectionHeader = CLOSE;

    static Request parse(Head head) {
      Request request = new Request();
      request.refusal = request.read(head);
      return request;
    }

    /** Whether the response carries its body: not for {@code HEAD} (nor before the method is known). */
    boolean withBody() {
      return !"HEAD".equals(method);
    }

    private Status read(Head head) {
      String[] parts = head.requestLine.split(" ", -1);
      if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty()) return Status.BAD_REQUEST;
      method = parts[0];
      target = parts[1];
      String version = parts[2];
      if (!version.matches("HTTP/[0-9]\\.[0-9]")) return Status.BAD_REQUEST;
      if (version.charAt(5) != '1') return Status.VERSION_NOT_SUPPORTED;
      boolean http11 = version.charAt(7) >= '1';
      boolean close = false;
      boolean keepAliveAsked = false;
      for (String header : head.headers) {
        int colon = header.indexOf(':');
        if (colon <= 0 || !isToken(header.substring(0, colon))) return Status.BAD_REQUEST;
        String name = header.substring(0, colon);
        String value = header.substring(colon + 1).strip();
        if (name.equalsIgnoreCase("Host")) {
          hosts++;
        } else if (name.equalsIgnoreCase("Transfer-Encoding")
            || (name.equalsIgnoreCase("Content-Length") && !value.equals("0"))) {
          hasBody = true;
        } else if (name.equalsIgnoreCase("Connection")) {
          for (String option : value.split(",")) {
            close |= option.strip().equalsIgnoreCase("close");
            keepAliveAsked |= option.strip().equalsIgnoreCase("keep-alive");
          }
        }
      }
      if (!method.equals("GET") && !method.equals("HEAD")) return Status.METHOD_NOT_ALLOWED;
      if (hasBody || hosts > 1 || (http11 && hosts == 0)) return Status.BAD_REQUEST;
      keepAlive = !close && (http11 || keepAliveAsked);
      if (keepAlive) connectionHeader = http11 ? "" : "Connection: keep-alive\r\n";
      return null;
    }

    private static boolean isToken(String s) {
      if (s.isEmpty()) return false;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!(c < 0x80 && Character.isLetterOrDigit(c)) && "!#$%&'*+-.^_`|~".indexOf(c) < 0) return false;
      }
      return true;
    }
  }

  /** A request target this server refuses to map to a file. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    final Status status;

    Refusal(Status status, String why) {
      super(why);
      this.status = status;
    }
  }

  /**
   * The file under {@code root} that a request target names. Each segment of the path is
   * percent-decoded on its own, so an encoded {@code /} cannot join segments, and the decoded
   * segments never climb: a path that would leave {@code root} is refused before the file system
   * sees it.
   *
   * @param root the served directory, absolute and normalized
   * @param target the request target as sent
   * @return the file, inside {@code root}
   * @throws Refusal with {@code 400} for a target that is not a path from the root, a bad escape,
   *     bytes that are not UTF-8 or a NUL; with {@code 403} for a segment that is {@code .} or
   *     {@code ..} or holds a separator
   */
  static Path resolve(Path root, String target) throws Refusal {
    if (!target.startsWith("/")) throw new Refusal(Status.BAD_REQUEST, "not a path from the root: " + target);
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    if (path.indexOf('#') >= 0) throw new Refusal(Status.BAD_REQUEST, "a fragment in the path: " + target);
    Path file = root;
    for (String raw : path.split("/")) {
      if (raw.isEmpty()) continue;
      String segment = percentDecode(raw);
      if (segment.indexOf('\0') >= 0) throw new Refusal(Status.BAD_REQUEST, "a NUL in the path: " + target);
      if (segment.equals(".") || segment.equals("..") || segment.indexOf('/') >= 0 || segment.indexOf('\\') >= 0) {
        throw new Refusal(Status.FORBIDDEN, "a path that could leave the root: " + target);
      }
      Path child = file.resolve(segment);
      // a segment the platform reads as a root or a drive ("C:" on Windows) names no child
      if (!file.equals(child.getParent())) throw new Refusal(Status.FORBIDDEN, "a path that could leave the root: " + target);
      file = child;
    }
    return file;
  }

  private static String percentDecode(String segment) throws Refusal {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c != '%') {
        if (c > 0x7e || c <= ' ') throw new Refusal(Status.BAD_REQUEST, "a raw byte 0x" + Integer.toHexString(c) + " in the path");
        bytes.write(c);
        continue;
      }
      int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
      int low = high < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
      if (low < 0) throw new Refusal(Status.BAD_REQUEST, "a bad percent escape in " + segment);
      bytes.write(high << 4 | low);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new Refusal(Status.BAD_REQUEST, "a path that is not UTF-8: " + segment);
    }
  }

  private static String contentType(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
  }

  /** The statuses this server answers with, and the plain-text bodies of its errors. */
  enum Status {
    OK(200, "OK", ""),
    BAD_REQUEST(400, "Bad Request", "bad request\n"),
    FORBIDDEN(403, "Forbidden", "forbidden\n"),
    NOT_FOUND(404, "Not Found", "not found\n"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed", "only GET and HEAD are served\n"),
    HEADERS_TOO_LARGE(431, "Request Header Fields Too Large", "request line and headers over " + MAX_HEAD_BYTES + " bytes\n"),
    INTERNAL_ERROR(500, "Internal Server Error", "the file could not be read\n"),
    VERSION_NOT_SUPPORTED(505, "HTTP Version Not Supported", "only HTTP/1.0 and HTTP/1.1 are served\n");

    private final int code;
    private final String reason;
    private final String body;

    Status(int code, String reason, String body) {
      this.code = code;
      this.reason = reason;
      this.body = body;
    }

    /** The status line and headers of a response of {@code length} bytes of {@code type}. */
    String head(String type, long length, String connectionHeader) {
      return "HTTP/1.1 " + code + " " + reason + "\r\n"
          + "Content-Type: " + type + "\r\n"
          + "Content-Length: " + length + "\r\n"
          + (code == 405 ? "Allow: GET, HEAD\r\n" : "")
          + connectionHeader
          + "\r\n";
    }

    /** A whole response of this status, with its plain-text body unless for {@code HEAD}. */
    String response(String connectionHeader, boolean withBody) {
      String head = head("text/plain; charset=utf-8", body.length(), connectionHeader);
      return withBody ? head + body : head;
    }
  }
}
