package io.uv4j;

/** Lets a checked exception travel through code that cannot declare it, unwrapped. */
final class Throwables {
  private Throwables() {}

  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
