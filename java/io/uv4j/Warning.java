package io.uv4j;

import java.util.Objects;

/**
 * Something a loop warns about (Node's {@code process.emitWarning}): the warning's kind, such as
 * {@code TimeoutOverflowWarning}, and what happened. Listeners added with {@link
 * Loop#onWarning(Loop.WarningListener)} receive it; unless {@link Loop#setWarningsPrinted(boolean)}
 * turned printing off, the loop also writes it to {@code System.err}.
 *
 * @param name the kind of warning, as Node names it (for example {@code TimeoutOverflowWarning})
 * @param message what happened, possibly over several lines
 */
public record Warning(String name, String message) {
  /**
   * Makes a warning.
   *
   * @param name the kind of warning, as Node names it (for example {@code TimeoutOverflowWarning})
   * @param message what happened, possibly over several lines
   * @throws NullPointerException if {@code name} or {@code message} is null
   * @throws IllegalArgumentException if {@code name} is blank (the message quotes it)
   */
  public Warning {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(message, "message");
    if (name.isBlank()) throw new IllegalArgumentException("a warning's name must not be blank, got \"" + name + "\"");
  }

  /**
   * The line Node prints for a warning, without its process prefix: {@code name: message}.
   *
   * @return the name, a colon and a space, then the message
   */
  @Override
  public String toString() {
    return name + ": " + message;
  }
}
