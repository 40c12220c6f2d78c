package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class HandleTypeTest extends LoopTestBase {
  @Test
  void handleTypeNamesAreLibuvs() {
    assertEquals("tcp", HandleType.TCP.typeName());
    assertEquals("pipe", HandleType.NAMED_PIPE.typeName());
    assertEquals("fs_event", HandleType.FS_EVENT.typeName());
    assertEquals("file", HandleType.FILE.typeName());
  }

  @Test
  void unknownHandleTypeHasNoName() {
    assertNull(HandleType.UNKNOWN.typeName());
  }

  @Test
  void requestTypeNamesAreLibuvs() {
    assertEquals("fs", RequestType.FS.typeName());
    assertEquals("getaddrinfo", RequestType.GETADDRINFO.typeName());
    assertEquals("udp_send", RequestType.UDP_SEND.typeName());
    assertEquals("random", RequestType.RANDOM.typeName());
  }

  @Test
  void unknownRequestTypeHasNoName() {
    assertNull(RequestType.UNKNOWN.typeName());
  }

  @Test
  void aHandleReportsItsOwnKind() {
    Timer timer = new Timer(loop);
    Udp udp = new Udp(loop);
    Pipe pipe = new Pipe(loop, false);

    assertEquals(HandleType.TIMER, timer.type());
    assertEquals(HandleType.UDP, udp.type());
    assertEquals(HandleType.NAMED_PIPE, pipe.type());
    timer.close();
    udp.close();
    pipe.close();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "a Windows socket is a SOCKET, not the C runtime descriptor uv_guess_handle takes")
  void guessHandleSeesAStreamSocketAsTcp() throws Exception {
    Tcp server = new Tcp(loop);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    assertEquals(HandleType.TCP, Uv.guessHandle((int) server.fileno()));
    server.close();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "a Windows socket is a SOCKET, not the C runtime descriptor uv_guess_handle takes")
  void guessHandleSeesADatagramSocketAsUdp() throws Exception {
    Udp udp = new Udp(loop);
    udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    assertEquals(HandleType.UDP, Uv.guessHandle((int) udp.fileno()));
    udp.close();
  }

  @Test
  void guessHandleSeesAnAnonymousPipeAsANamedPipe() throws Exception {
    int[] ends = Uv.pipe(false, false);
    try {
      assertEquals(HandleType.NAMED_PIPE, Uv.guessHandle(ends[0]));
    } finally {
      Fs.closeSync(ends[0]);
      Fs.closeSync(ends[1]);
    }
  }

  @Test
  void guessHandleSeesARegularFileAsFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "text");
    int fd = Fs.openSync(file, Fs.O_RDONLY, 0);
    try {
      assertEquals(HandleType.FILE, Uv.guessHandle(fd));
    } finally {
      Fs.closeSync(fd);
    }
  }

  @Test
  void guessHandleOfADescriptorThatIsNotOpenIsUnknown() {
    // far above any process's descriptor limit, so that nothing can have opened it meanwhile
    assertEquals(HandleType.UNKNOWN, Uv.guessHandle(1 << 30));
  }

  @Test
  void guessHandleOfANegativeDescriptorNamesIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Uv.guessHandle(-3));
    assertEquals("fd must be >= 0, got -3", e.getMessage());
  }
}
