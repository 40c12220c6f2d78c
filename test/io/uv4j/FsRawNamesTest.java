package io.uv4j;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names that are not valid UTF-8 (Linux and macOS allow any bytes but '/' and NUL): every
 * name the OS returns names the same file when given back, and names are exact to the byte.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows names are UTF-16, never invalid UTF-8")
class FsRawNamesTest {
  /** "bad" then two bytes that start no UTF-8 sequence. */
  private static final byte[] BAD = {'b', 'a', 'd', (byte) 0xFF, (byte) 0xFE};
  /** The same name for printf in /bin/sh. */
  private static final String BAD_PRINTF = "bad\\377\\376";

  @TempDir Path dir;

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
    return out;
  }

  /** Runs {@code script} with /bin/sh, the test directory as $1, and returns its exit status. */
  private int sh(String script) throws Exception {
    Process process = new ProcessBuilder("/bin/sh", "-c", script, "sh", dir.toString()).inheritIO().start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "sh did not finish: " + script);
    return process.exitValue();
  }

  /** Makes, with another program, a file whose name printf spells as {@code printfName}. */
  private void touchWithShell(String printfName) throws Exception {
    assertEquals(0, sh("touch \"$1/$(printf '" + printfName + "')\""));
  }

  private String inDir(String name) {
    return dir + "/" + name;
  }

  // --- the codec ------------------------------------------------------------------------------

  @Test
  void validUtf8IncludingSupplementaryCharactersDecodesToItsText() {
    String text = "caf\u00e9-\u4e2d-\ud83d\ude00";

    assertEquals(text, Fs.pathOf(text.getBytes(UTF_8)));
    assertArrayEquals(text.getBytes(UTF_8), Fs.bytesOf(text));
  }

  @Test
  void eachByteOfAnInvalidSequenceDecodesToTheLoneSurrogateDc00PlusTheByte() {
    assertEquals("bad\udcff\udcfe", Fs.pathOf(BAD));
    assertEquals("\udcc0\udc80", Fs.pathOf(bytes(0xC0, 0x80)), "overlong NUL");
    assertEquals("\udced\udca0\udc80", Fs.pathOf(bytes(0xED, 0xA0, 0x80)), "an encoded UTF-16 surrogate");
    assertEquals("\udcf0\udc9fA", Fs.pathOf(bytes(0xF0, 0x9F, 'A')), "a cut-short sequence");
    assertEquals("\udcf4\udc90\udc80\udc80", Fs.pathOf(bytes(0xF4, 0x90, 0x80, 0x80)), "beyond U+10FFFF");
  }

  @Test
  void bytesOfGivesBackExactlyTheBytesPathOfWasGiven() {
    List<byte[]> names = List.of(BAD, bytes(0xC0, 0x80), bytes(0xED, 0xA0, 0x80), bytes(0xF0, 0x9F, 'A'),
        bytes(0xE2, 0x82, 0xAC, 0xFF, 0xF0, 0x9F, 0x98, 0x80, 0x80));

    for (byte[] name : names) assertArrayEquals(name, Fs.bytesOf(Fs.pathOf(name)), Arrays.toString(name));
  }

  @Test
  void aLoneSurrogateThatStandsForNoByteIsRefusedWithItsIndexAndThePath() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Fs.statSync(inDir("x\ud800y")));

    assertTrue(e.getMessage().contains("U+D800"), e.getMessage());
    assertTrue(e.getMessage().contains("index " + (dir.toString().length() + 2)), e.getMessage());
    assertTrue(e.getMessage().contains(inDir("x\ud800y")), e.getMessage());
  }

  // --- names the OS returns, given back ---------------------------------------------------------

  @Test
  void scandirListsANameAnotherProgramMadeWithItsExactBytes() throws Exception {
    touchWithShell(BAD_PRINTF);

    List<Dirent> entries = Fs.scandirSync(dir.toString());

    assertEquals(1, entries.size());
    assertArrayEquals(BAD, entries.get(0).nameBytes());
    assertEquals(Fs.pathOf(BAD), entries.get(0).name());
  }

  @Test
  void theNameScandirReturnsNamesTheFileForStatOpenAndUnlink() throws Exception {
    touchWithShell(BAD_PRINTF);
    String path = inDir(Fs.scandirSync(dir.toString()).get(0).name());

    assertTrue(Fs.statSync(path).isFile());
    Fs.closeSync(Fs.openSync(path, Fs.O_RDONLY, 0));
    Fs.unlinkSync(path);

    assertEquals(List.of(), Fs.scandirSync(dir.toString()));
  }

  @Test
  void readdirListsTheSameExactName() throws Exception {
    touchWithShell(BAD_PRINTF);
    Dir stream = Fs.opendirSync(dir.toString());
    List<Dirent> entries;
    try {
      entries = Fs.readdirSync(stream, 8);
    } finally {
      Fs.closedirSync(stream);
    }

    assertEquals(1, entries.size());
    assertArrayEquals(BAD, entries.get(0).nameBytes());
  }

  @Test
  void aValidNameAnotherProgramMadeIsListedAsItsText() throws Exception {
    touchWithShell("caf\\303\\251-\\360\\237\\230\\200");

    Dirent entry = Fs.scandirSync(dir.toString()).get(0);

    assertEquals("caf\u00e9-\ud83d\ude00", entry.name());
  }

  @Test
  void aFileNamedWithPathOfHasExactlyThoseBytesForOtherPrograms() throws Exception {
    Fs.writeFileSync(inDir(Fs.pathOf(BAD)), new byte[] {1});

    assertEquals(0, sh("test -f \"$1/$(printf '" + BAD_PRINTF + "')\""));
  }

  @Test
  void readlinkOfALinkToAnInvalidNameNamesItsTarget() throws Exception {
    Fs.writeFileSync(inDir(Fs.pathOf(BAD)), new byte[] {1, 2, 3});
    assertEquals(0, sh("ln -s \"$(printf '" + BAD_PRINTF + "')\" \"$1/link\""));

    String target = Fs.readlinkSync(inDir("link"));

    assertArrayEquals(BAD, Fs.bytesOf(target));
    assertEquals(3, Fs.statSync(inDir(target)).size());
  }

  @Test
  void realpathKeepsTheExactBytesOfAnInvalidName() throws Exception {
    touchWithShell(BAD_PRINTF);

    String real = Fs.realpathSync(inDir(Fs.pathOf(BAD)));

    assertTrue(real.endsWith("/" + Fs.pathOf(BAD)), real);
    assertTrue(Fs.statSync(real).isFile());
  }

  @Test
  void mkdtempKeepsTheExactBytesOfAnInvalidPrefix() throws Exception {
    String made = Fs.mkdtempSync(inDir(Fs.pathOf(BAD) + "-XXXXXX"));

    assertTrue(made.startsWith(inDir(Fs.pathOf(BAD) + "-")), made);
    assertTrue(Fs.statSync(made).isDirectory());
    assertEquals(0, sh("test -d \"$1/$(printf '" + BAD_PRINTF + "')\"-??????"));
  }

  @Test
  void fsEventReportsAnInvalidNameThatNamesTheFile() throws Exception {
    try (Loop loop = Loop.create()) {
      List<String> names = new ArrayList<>();
      FsEvent watcher = new FsEvent(loop);
      watcher.start(dir.toString(), 0, (filename, events, error) -> {
        if (error != null) throw error;
        names.add(filename);
        watcher.close();
      });
      touchWithShell(BAD_PRINTF);
      Timer watchdog = Watchdog.arm(loop, 30_000);
      loop.run();
      watchdog.close();

      assertEquals(1, names.size());
      assertArrayEquals(BAD, Fs.bytesOf(names.get(0)));
      assertTrue(Fs.statSync(inDir(names.get(0))).isFile());
    }
  }

  // --- java.nio paths -------------------------------------------------------------------------

  /** The JDK's own Path of the one file in the test directory. */
  private Path onlyFileAsJdkPath() throws Exception {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.findFirst().orElseThrow();
    }
  }

  @Test
  void aJdkPathOfAnInvalidNameNamesThatFile() throws Exception {
    touchWithShell(BAD_PRINTF);
    Path file = onlyFileAsJdkPath();

    Fs.writeFileSync(file, new byte[] {1, 2});

    assertEquals(2, Files.size(file));
  }

  @Test
  void bytesOfAJdkPathOfAnInvalidNameAreItsExactBytes() throws Exception {
    touchWithShell(BAD_PRINTF);

    byte[] path = Fs.bytesOf(onlyFileAsJdkPath());

    assertArrayEquals(BAD, Arrays.copyOfRange(path, path.length - BAD.length, path.length));
  }

  @Test
  void aJdkPathOfAnInvalidNameOfALinkToADirectoryNamesTheLinkNotItsTarget() throws Exception {
    assertEquals(0, sh("mkdir \"$1/target\" && ln -s target \"$1/$(printf '" + BAD_PRINTF + "')\""));
    Path link;
    try (Stream<Path> listing = Files.list(dir)) {
      link = listing.filter(p -> !p.endsWith("target")).findFirst().orElseThrow();
    }

    assertTrue(Fs.lstatSync(link).isSymbolicLink());
  }

  @Test
  void aRelativeJdkPathOfAnInvalidNameNamesThatFile() throws Exception {
    touchWithShell(BAD_PRINTF);
    Path file = onlyFileAsJdkPath();
    Path relative = Path.of("").toAbsolutePath().relativize(file);

    Fs.writeFileSync(relative, new byte[] {1, 2});

    assertEquals(2, Files.size(file));
  }
}
