package io.uv4j.bench;

import io.uv4j.Callback;
import io.uv4j.Fs;
import io.uv4j.Loop;
import io.uv4j.Promise;
import io.uv4j.Stat;
import io.uv4j.UvException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one file whole into a {@code byte[]}, uv4j against {@link Files#readAllBytes}: every
 * variant once per round, in turn (A B C A B C ...), so all see the same machine; ROUNDS
 * measured rounds after WARMUP unmeasured ones. Prints one {@code <variant>_ms=<median>} line
 * per variant, then every round's times on stderr.
 *
 * <p>Variants: {@code nio} ({@code Files.readAllBytes}); {@code uv4j_sync} and {@code uv4j_async}
 * (this class's {@link ReadFile}, from uv4j's open/fstat/read/close); and, when the Fs in use has
 * them, {@code fs_readFileSync} ({@code Fs.readFileSync(String)}) and {@code fs_readFile}
 * ({@code loop.fs().readFile(String)}, a {@code Promise<byte[]>}). They are looked up at run
 * time: that lookup is the switch point from the composed reader to the library's own.
 *
 * <p>usage: ReadFileBench PATH [ROUNDS [WARMUP]] (defaults 7 and 2)
 */
public final class ReadFileBench {
  /** One way to read the whole file. */
  @FunctionalInterface
  private interface Reader {
    byte[] read(Loop loop, String path) throws Throwable;
  }

  public static void main(String[] args) throws Throwable {
    if (args.length < 1) {
      System.err.println("usage: ReadFileBench PATH [ROUNDS [WARMUP]]");
      System.exit(2);
    }
    String path = args[0];
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    if (rounds <= 0 || warmup < 0) throw new IllegalArgumentException("ROUNDS must be > 0, WARMUP >= 0");

    Map<String, Reader> readers = new LinkedHashMap<>();
    readers.put("nio", (loop, p) -> Files.readAllBytes(Paths.get(p)));
    readers.put("uv4j_sync", (loop, p) -> ReadFile.readSync(p));
    readers.put("uv4j_async", (loop, p) -> settle(loop, ReadFile.read(loop, p)));
    MethodHandle fsReadFileSync = find(true);
    if (fsReadFileSync != null) readers.put("fs_readFileSync", (loop, p) -> (byte[]) fsReadFileSync.invoke(p));
    MethodHandle fsReadFile = find(false);
    if (fsReadFile != null) {
      readers.put("fs_readFile", (loop, p) -> settle(loop, (Promise<?>) fsReadFile.invoke(loop.fs(), p)));
    }

    Map<String, List<Double>> times = new LinkedHashMap<>();
    readers.keySet().forEach(name -> times.put(name, new ArrayList<>()));
    try (Loop loop = Loop.create()) {
      byte[] expected = Files.readAllBytes(Paths.get(path));
      for (int r = 0; r < warmup + rounds; r++) {
        for (Map.Entry<String, Reader> reader : readers.entrySet()) {
          long start = System.nanoTime();
          byte[] bytes = reader.getValue().read(loop, path);
          double ms = (System.nanoTime() - start) / 1e6;
          // checked on the first round only: comparing 100 MB each time would cost as much as reading
          if (r == 0 && !Arrays.equals(bytes, expected)) {
            throw new IllegalStateException(reader.getKey() + " read different bytes than Files.readAllBytes");
          }
          if (bytes.length != expected.length) {
            throw new IllegalStateException(reader.getKey() + " read " + bytes.length + " bytes, not " + expected.length);
          }
          if (r >= warmup) times.get(reader.getKey()).add(ms);
        }
      }
      System.err.printf("ReadFileBench: %d bytes, %d rounds after %d warm-up%n", expected.length, rounds, warmup);
    }
    for (Map.Entry<String, List<Double>> entry : times.entrySet()) {
      List<Double> ms = entry.getValue();
      System.err.printf("  %-16s %s%n", entry.getKey(), ms);
      System.out.printf("%s_ms=%.2f rounds=%d%n", entry.getKey(), median(ms), ms.size());
    }
  }

  /** Fs.readFileSync(String) (sync) or Fs#readFile(String) (promise), or null if absent. */
  private static MethodHandle find(boolean sync) {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    try {
      return sync
          ? lookup.findStatic(Fs.class, "readFileSync", MethodType.methodType(byte[].class, String.class))
          : lookup.findVirtual(Fs.class, "readFile", MethodType.methodType(Promise.class, String.class));
    } catch (NoSuchMethodException | IllegalAccessException absent) {
      return null;
    }
  }

  /** Runs the loop until the promise settles; its bytes, or what rejected it. */
  private static byte[] settle(Loop loop, Promise<?> promise) throws Throwable {
    loop.run();
    if (promise.isRejected()) throw promise.reason();
    if (promise.isPending()) throw new IllegalStateException("the loop stopped before the read finished");
    return (byte[]) promise.value();
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }

  /**
   * A whole-file read from uv4j's primitives, as Node's fs.readFile does it: open, fstat for the
   * size, reads through one direct buffer copied into the array, close. A file that reports size
   * 0 (as /proc files do) is read until the end instead.
   */
  private static final class ReadFile {
    /** Large enough that per-read overhead vanishes, small enough to copy out of the cache. */
    private static final int CHUNK = 1 << 20;

    private static byte[] readSync(String path) throws UvException {
      int fd = Fs.openSync(path, Fs.O_RDONLY, 0);
      try {
        long size = Fs.fstatSync(fd).size();
        Filler filler = new Filler(size);
        ByteBuffer[] chunk = {ByteBuffer.allocateDirect(CHUNK)};
        while (!filler.full()) {
          int n = Fs.readSync(fd, chunk, -1);
          if (n == 0) break;
          filler.take(chunk[0], n);
        }
        return filler.bytes();
      } finally {
        Fs.closeSync(fd);
      }
    }

    private static Promise<byte[]> read(Loop loop, String path) {
      Promise.Resolver<byte[]> resolver = loop.promise();
      Fs fs = loop.fs();
      fs.open(path, Fs.O_RDONLY, 0, (fd, openError) -> {
        if (openError != null) {
          resolver.reject(openError);
          return;
        }
        fs.fstat(fd, (Stat stat, UvException statError) -> {
          if (statError != null) {
            closeThen(fs, fd, resolver, statError, null);
            return;
          }
          Filler filler = new Filler(stat.size());
          ByteBuffer[] chunk = {ByteBuffer.allocateDirect(CHUNK)};
          Callback<Integer> onRead = new Callback<>() {
            @Override
            public void done(Integer n, UvException readError) {
              if (readError != null) {
                closeThen(fs, fd, resolver, readError, null);
              } else if (n == 0 || filler.take(chunk[0], n).full()) {
                closeThen(fs, fd, resolver, null, filler.bytes());
              } else {
                fs.read(fd, chunk, -1, this);
              }
            }
          };
          if (filler.full()) closeThen(fs, fd, resolver, null, filler.bytes());
          else fs.read(fd, chunk, -1, onRead);
        });
      });
      return resolver.promise();
    }

    /** Closes, then settles: with the first error seen, else the bytes. */
    private static void closeThen(Fs fs, int fd, Promise.Resolver<byte[]> resolver, UvException error, byte[] bytes) {
      fs.close(fd, (ignored, closeError) -> {
        UvException first = error != null ? error : closeError;
        if (first != null) resolver.reject(first);
        else resolver.resolve(bytes);
      });
    }

    /** The array being filled: sized by fstat, or growing when fstat said 0. */
    private static final class Filler {
      private final boolean sized;
      private byte[] bytes;
      private int length;

      Filler(long size) {
        if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("file too large for a byte[]: " + size);
        sized = size > 0;
        bytes = new byte[sized ? (int) size : CHUNK];
      }

      boolean full() {
        return sized && length == bytes.length;
      }

      /** Copies the first n bytes of the chunk in (a sized array takes no more than it holds). */
      Filler take(ByteBuffer chunk, int n) {
        int count = sized ? Math.min(n, bytes.length - length) : n;
        if (length + count > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(length + count, bytes.length * 2));
        chunk.duplicate().get(bytes, length, count);
        length += count;
        return this;
      }

      byte[] bytes() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
      }
    }
  }
}
