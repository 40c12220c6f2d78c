package io.uv4j;

import io.uv4j.internal.Native;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The signals of the running platform, by name and number. The numbers are this platform's own
 * (SIGUSR1 is 10 on Linux and 30 on macOS), read once from the native library, so code names a
 * signal rather than hard-coding its number.
 *
 * <p>On Linux and macOS the table holds the POSIX signals the platform defines. On Windows it holds
 * what libuv offers there: SIGINT, SIGBREAK, SIGHUP and SIGWINCH, which a {@link Signal} can watch,
 * and SIGTERM, SIGKILL and SIGQUIT, which libuv's kill emulates. Whether a {@link Signal} may watch
 * a signal is a further question: see {@link Signal#start(int, java.util.function.IntConsumer)}.
 *
 * <p>Every method is safe from any thread.
 */
public final class Signals {
  private static final Map<String, Integer> BY_NAME;
  private static final Map<Integer, String> BY_NUMBER;

  static {
    String[] names = Native.signalNames();
    int[] numbers = Native.signalNumbers();
    Map<Integer, String> byNumber = new TreeMap<>();
    for (int i = 0; i < names.length; i++) byNumber.put(numbers[i], names[i]);
    Map<String, Integer> byName = new LinkedHashMap<>();
    byNumber.forEach((number, name) -> byName.put(name, number));
    BY_NUMBER = Collections.unmodifiableMap(byNumber);
    BY_NAME = Collections.unmodifiableMap(byName);
  }

  private Signals() {}

  /**
   * The number of a signal on this platform.
   *
   * @param name the signal's name, with or without its "SIG" prefix: {@code "SIGINT"} or {@code
   *     "INT"} (upper case, as the platform spells it)
   * @return its number here
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if this platform has no signal of that name
   */
  public static int number(String name) {
    Objects.requireNonNull(name, "name");
    Integer number = BY_NAME.get(name.startsWith("SIG") ? name : "SIG" + name);
    if (number == null) {
      throw new IllegalArgumentException("no signal named '" + name + "' on this platform; it has " + BY_NAME.keySet());
    }
    return number;
  }

  /**
   * The name of a signal number on this platform.
   *
   * @param signum a signal number
   * @return its name with the "SIG" prefix, such as {@code "SIGINT"}
   * @throws IllegalArgumentException if this platform has no signal of that number
   */
  public static String name(int signum) {
    String name = BY_NUMBER.get(signum);
    if (name == null) {
      throw new IllegalArgumentException("no signal numbered " + signum + " on this platform; it has " + BY_NUMBER);
    }
    return name;
  }

  /**
   * Every signal of this platform.
   *
   * @return an unmodifiable map from name (with the "SIG" prefix) to number, in increasing order
   *     of number
   */
  public static Map<String, Integer> all() {
    return BY_NAME;
  }
}
