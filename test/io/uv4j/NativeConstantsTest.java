package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uv4j.internal.Native;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The numbers C and Java share come from the table the native library exports: Java reads most of
 * them by name at load, and each public constant that must stay a compile-time constant holds the
 * value that table gives its C name.
 */
class NativeConstantsTest {

  static Stream<Arguments> publicConstants() {
    return Stream.of(
        Arguments.of("Udp.IPV6_ONLY", Udp.IPV6_ONLY, "UV_UDP_IPV6ONLY"),
        Arguments.of("Udp.REUSE_ADDR", Udp.REUSE_ADDR, "UV_UDP_REUSEADDR"),
        Arguments.of("Udp.PARTIAL", Udp.PARTIAL, "UV_UDP_PARTIAL"),
        Arguments.of("Tcp.IPV6_ONLY", Tcp.IPV6_ONLY, "UV_TCP_IPV6ONLY"),
        Arguments.of("Tcp.REUSE_PORT", Tcp.REUSE_PORT, "UV_TCP_REUSEPORT"),
        Arguments.of("Pipe.READABLE", Pipe.READABLE, "UV_READABLE"),
        Arguments.of("Pipe.WRITABLE", Pipe.WRITABLE, "UV_WRITABLE"),
        Arguments.of("Poll.READABLE", Poll.READABLE, "UV_READABLE"),
        Arguments.of("Poll.WRITABLE", Poll.WRITABLE, "UV_WRITABLE"),
        Arguments.of("Poll.DISCONNECT", Poll.DISCONNECT, "UV_DISCONNECT"),
        Arguments.of("Poll.PRIORITIZED", Poll.PRIORITIZED, "UV_PRIORITIZED"),
        Arguments.of("FsEvent.RENAME", FsEvent.RENAME, "UV_RENAME"),
        Arguments.of("FsEvent.CHANGE", FsEvent.CHANGE, "UV_CHANGE"),
        Arguments.of("FsEvent.RECURSIVE", FsEvent.RECURSIVE, "UV_FS_EVENT_RECURSIVE"),
        Arguments.of("Fs.F_OK", Fs.F_OK, "F_OK"),
        Arguments.of("Fs.R_OK", Fs.R_OK, "R_OK"),
        Arguments.of("Fs.W_OK", Fs.W_OK, "W_OK"),
        Arguments.of("Fs.X_OK", Fs.X_OK, "X_OK"),
        Arguments.of("Fs.COPYFILE_EXCL", Fs.COPYFILE_EXCL, "UV_FS_COPYFILE_EXCL"),
        Arguments.of("Fs.COPYFILE_FICLONE", Fs.COPYFILE_FICLONE, "UV_FS_COPYFILE_FICLONE"),
        Arguments.of("Fs.COPYFILE_FICLONE_FORCE", Fs.COPYFILE_FICLONE_FORCE, "UV_FS_COPYFILE_FICLONE_FORCE"),
        Arguments.of("Fs.SYMLINK_DIR", Fs.SYMLINK_DIR, "UV_FS_SYMLINK_DIR"),
        Arguments.of("Fs.SYMLINK_JUNCTION", Fs.SYMLINK_JUNCTION, "UV_FS_SYMLINK_JUNCTION"));
  }

  @ParameterizedTest(name = "{0} is {2}")
  @MethodSource("publicConstants")
  void aPublicConstantHasTheValueOfItsCName(String javaName, int javaValue, String cName) {
    assertEquals(Native.constant(cName), javaValue, javaName + " disagrees with " + cName);
  }

  @Test
  void theLibraryExportsEachConstantOnceWithOneValue() {
    List<String> names = Arrays.asList(Native.constantNames());

    assertEquals(names.size(), new HashSet<>(names).size(), "names exported twice in " + names);
    assertEquals(names.size(), Native.constantValues().length);
  }

  @Test
  void eachEventKindIsDistinct() {
    Set<Integer> kinds = Set.of(
        Native.EVENT_CLOSED, Native.EVENT_FIRED, Native.EVENT_READ,
        Native.EVENT_CONNECTION, Native.EVENT_DONE, Native.EVENT_WRITTEN);

    assertEquals(6, kinds.size());
  }

  @Test
  void aNameTheLibraryDoesNotExportIsReportedByName() {
    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> Native.constant("UV4J_NO_SUCH_CONSTANT"));

    assertTrue(thrown.getMessage().contains("UV4J_NO_SUCH_CONSTANT"), thrown.getMessage());
  }
}
