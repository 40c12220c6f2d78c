package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.uv4j.FsRequests.FsOp;
import io.uv4j.internal.Native;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fs operation table of native/fs_ops.h as Java sees it: each operation's op code and result
 * kind come from C, and each entry point takes only the operations of its own argument shape.
 */
class FsOperationTableTest {
  /** The operations C exports, by their uv_fs_type names without UV_FS_. */
  static List<String> operations() {
    return Arrays.stream(Native.constantNames())
        .filter(name -> name.startsWith("UV4J_FS_") && name.endsWith("_RESULT"))
        .map(name -> name.substring("UV4J_FS_".length(), name.length() - "_RESULT".length()))
        .toList();
  }

  @Test
  void eachOperationHasItsOwnOpCode() {
    List<Integer> codes = operations().stream().map(name -> Native.constant("UV_FS_" + name)).toList();
    assertFalse(codes.isEmpty());
    assertEquals(codes.size(), codes.stream().distinct().count(), codes.toString());
  }

  @ParameterizedTest
  @MethodSource("operations")
  void eachOperationHasItsUvFsTypeAsOpCodeAndAReaderForItsResult(String name) {
    FsOp op = FsOp.of(name);
    assertEquals(Native.constant("UV_FS_" + name), op.code());
    assertEquals(name.toLowerCase(java.util.Locale.ROOT), op.syscall());
  }

  @Test
  void anOperationOfAnotherShapeIsRefusedWithEinval() {
    long rc = Native.fsFile(0, Native.FS_SYNC, Native.constant("UV_FS_STAT"), 0, 0, 0);
    assertEquals(UvError.EINVAL, UvError.of((int) rc));
  }

  @Test
  void anOpCodeOutsideTheTableIsRefusedWithEinval() {
    assertEquals(UvError.EINVAL, UvError.of((int) Native.fsFile(0, Native.FS_SYNC, -1, 0, 0, 0)));
    assertEquals(UvError.EINVAL, UvError.of((int) Native.fsFile(0, Native.FS_SYNC, Integer.MAX_VALUE, 0, 0, 0)));
  }
}
