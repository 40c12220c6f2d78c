package io.uv4j;

import java.util.Objects;

/**
 * Something a loop warns about (Node's {@code process.emitWarning}): the warning's kind, such as
 * {@code TimeoutOverflowWarning}, what happened, and, as Node's options have them, an optional
 * code and an optional detail. Listeners added with {@link Loop#onWarning(Loop.WarningListener)}
 * receive it; unless {@link Loop#setWarningsPrinted(boolean)} turned printing off, the loop also
 * writes it to {@code System.err}.
 *
 * @param name the kind of warning, as Node names it (for example {@code TimeoutOverflowWarning})
 * @param message what happened, possibly over several lines
 * @param code an identifier for the warning (Node's {@code code}, such as {@code DEP0018}), or
 *     null for none
 * @param detail more about it, printed on the lines after the message (Node's {@code detail}), or
 *     null for none
 */
public record Warning(String name, String message, String code, String detail) {
  /**
   * Makes a warning.
   *
   * @param name the kind of warning, as Node names it (for example {@code TimeoutOverflowWarning})
   * @param message what happened, possibly over several lines
   * @param code an identifier for the warning, or null for none
   * @param detail more about it, or null for none
   * @throws NullPointerException if {@code name} or {@code message} is null
   * @throws IllegalArgumentException if {@code name} is blank, or {@code code} is given and blank
   *     (the message quotes it)
   */
  public Warning {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(message, "message");
    if (name.isBlank()) throw new IllegalArgumentException("a warning's name must not be blank, got \"" + name + "\"");
    if (code != null && code.isBlank()) {
      throw new IllegalArgumentException("a warning's code must be null or not blank, got \"" + code + "\"");
    }
  }

  /**
   * Makes a warning with no code and no detail.
   *
   * @param name the kind of warning, as Node names it (for example {@code TimeoutOverflowWarning})
   * @param message what happened, possibly over several lines
   * @throws NullPointerException if {@code name} or {@code message} is null
   * @throws IllegalArgumentException if {@code name} is blank (the message quotes it)
   */
  public Warning(String name, String message) {
    this(name, message, null, null);
  }

  /**
   * What Node prints for a warning, without its process prefix: {@code [code] name: message}, the
   * code only when there is one, and the detail on the lines after when there is one.
   *
   * @return the warning as Node prints it
   */
  @Override
  public String toString() {
    String line = (code != null ? "[" + code + "] " : "") + name + ": " + message;
    return detail != null ? line + "\n" + detail : line;
  }
}
