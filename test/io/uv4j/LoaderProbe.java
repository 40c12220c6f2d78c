package io.uv4j;

/**
 * Run in a fresh JVM by {@link NativeLibraryTest}: loads the native library and reports how that
 * went on standard output.
 */
public final class LoaderProbe {
  private LoaderProbe() {}

  /** Exits 0 with "loaded VERSION", or 3 with "UnsatisfiedLinkError: MESSAGE". */
  public static void main(String[] args) {
    try {
      System.out.println("loaded " + Uv.versionString());
      System.exit(0);
    } catch (UnsatisfiedLinkError e) {
      System.out.println("UnsatisfiedLinkError: " + e.getMessage());
      System.exit(3);
    }
  }
}
