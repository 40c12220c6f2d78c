package io.uv4j;

import static io.uv4j.Net.V4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uv4j.FsForms.Form;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A descriptor that a uv4j handle or loop holds has one owner: another handle cannot adopt it and
 * {@link Fs} cannot close it, since libuv aborts the process when either happens.
 */
class DescriptorOwnershipTest extends LoopTestBase {
  private Tcp owner;
  /** The other end of the owner's connection. */
  private Tcp peer;
  private int socket;
  @TempDir Path dir;

  DescriptorOwnershipTest() {
    super(30_000);
  }

  @BeforeEach
  void create() throws UvException {
    Tcp[] pair = Net.connectedPair(loop, V4);
    owner = pair[0];
    peer = pair[1];
    socket = (int) owner.fileno();
  }

  @AfterEach
  void closeTheFixture() {
    if (loop.isClosed()) return;
    owner.close();
    peer.close();
  }

  private String ownedBy(String handle) {
    return "it is owned by " + handle + " of " + loop;
  }

  // --- in a fresh JVM: what aborted the process before ----------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {
      "adopt a socket another Tcp owns",
      "make a Tty of a socket a Tcp owns",
      "close a socket a Tcp owns",
      "close a descriptor an active Poll watches",
      "close the loop's backend descriptor"})
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the aborts are those of libuv's epoll and kqueue backends")
  void whatAbortedTheProcessIsRefusedAndTheProcessLivesOn(String misuse) throws Exception {
    DescriptorProbe.Outcome outcome = DescriptorProbe.run(misuse);

    assertEquals(0, outcome.exitCode(), outcome.output());
    assertTrue(outcome.output().startsWith("refused: IllegalStateException: cannot "), outcome.output());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "close each descriptor a new loop opened",
      "close each descriptor the sync forms opened",
      "close the descriptor a loop's first FsEvent opened",
      "close the socket a Udp made at bind"})
  @EnabledOnOs(value = OS.LINUX, disabledReason = "finds the new descriptors in /proc/self/fd")
  void everyDescriptorLibuvOpensForALoopOrAHandleIsRefused(String misuse) throws Exception {
    DescriptorProbe.Outcome outcome = DescriptorProbe.run(misuse);

    assertEquals(0, outcome.exitCode(), outcome.output());
    List<String> lines = outcome.output().lines().toList();
    assertFalse(lines.isEmpty(), "no new descriptor was found");
    for (String line : lines) {
      assertTrue(line.matches("refused: IllegalStateException: cannot close descriptor \\d+: it is owned by .*"), outcome.output());
    }
  }

  // --- adopting -------------------------------------------------------------------------------

  @Test
  void tcpOpenOfASocketAnotherTcpOwnsIsRefusedNamingTheOwner() {
    Tcp second = new Tcp(loop);

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> second.open(socket));

    assertEquals("cannot adopt descriptor " + socket + ": " + ownedBy("Tcp[open]") + "; close that handle first",
        e.getMessage());
    assertEquals("EBADF", assertThrows(UvException.class, second::fileno).code(), "the second handle took nothing");
    second.close();
  }

  @Test
  void pipeOpenOfASocketATcpOwnsIsRefusedNamingTheOwner() {
    Pipe pipe = new Pipe(loop, false);

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> pipe.open(socket));

    assertEquals("cannot adopt descriptor " + socket + ": " + ownedBy("Tcp[open]") + "; close that handle first",
        e.getMessage());
    pipe.close();
  }

  @Test
  void aTtyOfASocketATcpOwnsIsRefusedAndMakesNoHandle() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Tty(loop, socket));

    assertEquals("cannot adopt descriptor " + socket + ": " + ownedBy("Tcp[open]") + "; close that handle first",
        e.getMessage());
    assertEquals(List.of(), loop.handles().stream().filter(h -> h instanceof Tty).toList());
  }

  @Test
  void aPollOfASocketATcpOwnsIsRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Poll(loop, socket));

    assertEquals("cannot watch descriptor " + socket + ": " + ownedBy("Tcp[open]") + "; close that handle first",
        e.getMessage());
  }

  @Test
  void aTcpCannotAdoptADescriptorAPollWatches() throws Exception {
    try (Fifo fifo = Fifo.in(dir)) {
      Poll poll = new Poll(loop, fifo.reader);
      Tcp tcp = new Tcp(loop);

      IllegalStateException e = assertThrows(IllegalStateException.class, () -> tcp.open(fifo.reader));

      assertEquals("cannot adopt descriptor " + fifo.reader + ": it is watched by Poll[open] of " + loop
          + "; close that handle first", e.getMessage());
      poll.close();
      tcp.close();
    }
  }

  @Test
  void negativeDescriptorsAreRefusedNamingTheValue() {
    Tcp tcp = new Tcp(loop);
    Pipe pipe = new Pipe(loop, false);

    IllegalArgumentException tcpRefusal = assertThrows(IllegalArgumentException.class, () -> tcp.open(-1));
    IllegalArgumentException pipeRefusal = assertThrows(IllegalArgumentException.class, () -> pipe.open(-7));

    assertEquals("fd must be >= 0, got -1", tcpRefusal.getMessage());
    assertEquals("fd must be >= 0, got -7", pipeRefusal.getMessage());
    tcp.close();
    pipe.close();
  }

  @Test
  void descriptorsAreTakenAsIntsSoThatNoneIsTruncated() {
    assertThrows(NoSuchMethodException.class, () -> Tcp.class.getMethod("open", long.class));
    assertThrows(NoSuchMethodException.class, () -> Pipe.class.getMethod("open", long.class));
    assertThrows(NoSuchMethodException.class, () -> Poll.class.getConstructor(Loop.class, long.class));
  }

  // --- closing --------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Form.class)
  void closingASocketATcpOwnsIsRefusedInEveryFormNamingTheOwner(Form form) throws Exception {
    FsForms ops = new FsForms(form, loop);

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ops.close(socket));

    assertEquals("cannot close descriptor " + socket + ": " + ownedBy("Tcp[open]") + "; close that handle instead",
        e.getMessage());
    assertEquals(socket, owner.fileno());
  }

  @Test
  void closingADescriptorAPollWatchesIsRefusedNamingThePoll() throws Exception {
    try (Fifo fifo = Fifo.in(dir)) {
      Poll poll = new Poll(loop, fifo.writer);

      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Fs.closeSync(fifo.writer));

      assertEquals("cannot close descriptor " + fifo.writer + ": it is watched by Poll[open] of " + loop
          + "; close that handle first", e.getMessage());
      poll.close();
    }
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "a Windows loop has no backend descriptor")
  void closingTheLoopsBackendDescriptorIsRefusedNamingTheLoop() {
    int backend = loop.backendFd();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Fs.closeSync(backend));

    assertEquals("cannot close descriptor " + backend + ": it is owned by " + loop
        + "; the loop closes it when it closes", e.getMessage());
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "a Windows loop has no backend descriptor")
  void closingALoopsDescriptorFromAnotherThreadIsRefusedToo() throws Exception {
    int backend = loop.backendFd();

    Throwable thrown = OtherThread.thrownBy(() -> Fs.closeSync(backend));

    assertEquals(IllegalStateException.class, thrown.getClass());
  }
}
