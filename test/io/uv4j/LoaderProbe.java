package io.uv4j;

/**
 * Run in a fresh JVM by {@link NativeLibraryTest}: loads the native library and reports how that
 * went on standard output.
 */
public final class LoaderProbe {
  private LoaderProbe() {}

  /**
   * Exits 0 with "loaded VERSION", or 3 with "UnsatisfiedLinkError: MESSAGE". With the argument
   * {@code hold}, it waits after loading until a line (or the end) arrives on standard input.
   */
  public static void main(String[] args) throws java.io.IOException {
    try {
      System.out.println("loaded " + Uv.versionString());
      if (args.length > 0 && args[0].equals("hold")) System.in.read();
      System.exit(0);
    } catch (UnsatisfiedLinkError e) {
      System.out.println("UnsatisfiedLinkError: " + e.getMessage());
      System.exit(3);
    }
  }
}
