package io.uv4j.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The server's protocol apart from sockets ({@link HttpHelloServer.Exchange}), fed the pieces a
 * connection could read, so that where a read ends is chosen by the test.
 */
class HttpHelloServerExchangeTest {
  private static final String HELLO = HttpLoadGenerator.HELLO_RESPONSE;
  private static final String NOT_FOUND =
      "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nnot found\n";

  /** Feeds {@code pieces} in order, as separate reads; returns every response appended. */
  private static String answers(HttpHelloServer.Exchange exchange, String... pieces) {
    HttpHelloServer.ResponseBuffer responses = new HttpHelloServer.ResponseBuffer();
    for (String piece : pieces) {
      ByteBuffer data = ByteBuffer.wrap(piece.getBytes(US_ASCII));
      exchange.read(data, responses);
      if (!exchange.isFinished()) assertFalse(data.hasRemaining(), "an open exchange reads all it is given");
    }
    return new String(responses.bytes, 0, responses.length, US_ASCII);
  }

  @Test
  void answersTheSameWhereverTheReadsSplitTheRequests() {
    String requests = "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n";
    for (int split = 0; split <= requests.length(); split++) {
      String answered = answers(new HttpHelloServer.Exchange(), requests.substring(0, split), requests.substring(split));
      assertEquals(HELLO + NOT_FOUND, answered, "split at " + split);
    }
  }

  @Test
  void answersARequestSplitIntoSingleBytes() {
    HttpHelloServer.Exchange exchange = new HttpHelloServer.Exchange();
    String request = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    String[] bytes = request.split("");
    assertEquals(HELLO, answers(exchange, bytes));
  }

  @Test
  void skipsABodyAnnouncedByContentLength() {
    // the body, split across the reads, looks like a request but is not one
    String answered = answers(new HttpHelloServer.Exchange(),
        "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 17\r\n\r\nGET /x HTTP/", "1.1\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
    assertEquals(HELLO + HELLO, answered);
  }

  @Test
  void acceptsLinesEndedByLineFeedAlone() {
    assertEquals(HELLO, answers(new HttpHelloServer.Exchange(), "GET / HTTP/1.1\nHost: a\n\n"));
  }

  @Test
  void ignoresALineBreakBeforeARequest() {
    assertEquals(HELLO, answers(new HttpHelloServer.Exchange(), "\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"));
  }

  @Test
  void refusesAHeadArrivingInPiecesOnceItFillsTheLimitUnfinished() {
    HttpHelloServer.Exchange exchange = new HttpHelloServer.Exchange();
    String start = "GET / HTTP/1.1\r\nX: ";
    // one byte short of the limit: the blank line could still fit, if just
    String upToTheLimit = start + "a".repeat(HttpHelloServer.MAX_HEAD_BYTES - 1 - start.length());
    assertEquals("", answers(exchange, upToTheLimit.substring(0, 100), upToTheLimit.substring(100)));
    assertFalse(exchange.isFinished());
    assertTrue(answers(exchange, "a").startsWith("HTTP/1.1 431 "));
    assertTrue(exchange.isFinished());
  }

  @Test
  void servesAHeadOfExactlyTheLimit() {
    String start = "GET / HTTP/1.1\r\nHost: a\r\nX: ";
    String head = start + "a".repeat(HttpHelloServer.MAX_HEAD_BYTES - start.length() - 4) + "\r\n\r\n";
    assertEquals(HttpHelloServer.MAX_HEAD_BYTES, head.length());
    assertEquals(HELLO, answers(new HttpHelloServer.Exchange(), head));
    assertEquals(HELLO, answers(new HttpHelloServer.Exchange(), head.substring(0, 10), head.substring(10)));
  }

  @Test
  void answers400ToAHeaderNameFollowedByWhiteSpace() {
    assertTrue(answers(new HttpHelloServer.Exchange(), "GET / HTTP/1.1\r\nHost : a\r\n\r\n").startsWith("HTTP/1.1 400 "));
  }

  @Test
  void answers400ToAFoldedHeaderLine() {
    assertTrue(answers(new HttpHelloServer.Exchange(), "GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n").startsWith("HTTP/1.1 400 "));
  }

  @Test
  void answers400ToACarriageReturnInsideALine() {
    assertTrue(answers(new HttpHelloServer.Exchange(), "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n").startsWith("HTTP/1.1 400 "));
  }

  @Test
  void answers400ToTwoContentLengths() {
    String request = "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx";
    assertTrue(answers(new HttpHelloServer.Exchange(), request).startsWith("HTTP/1.1 400 "));
  }

  @Test
  void answers501ToAChunkedBody() {
    String request = "GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
    assertTrue(answers(new HttpHelloServer.Exchange(), request).startsWith("HTTP/1.1 501 "));
  }

  @Test
  void answers505ToAnotherMajorVersion() {
    assertTrue(answers(new HttpHelloServer.Exchange(), "GET / HTTP/2.0\r\n\r\n").startsWith("HTTP/1.1 505 "));
  }

  @Test
  void answersNothingAfterAResponseThatCloses() {
    HttpHelloServer.Exchange exchange = new HttpHelloServer.Exchange();
    String answered = answers(exchange, "GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\n\r\n");
    assertTrue(answered.endsWith("Connection: close\r\n\r\nhello"));
    assertEquals(1, answered.split("HTTP/1.1 200").length - 1, answered);
    assertTrue(exchange.isFinished());
  }
}
