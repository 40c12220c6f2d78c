package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class SignalsTest {

  @Test
  void theTableHasWhatThisPlatformCanDeliver() {
    Set<String> names = Signals.all().keySet();
    if (OS.WINDOWS.isCurrentOs()) {
      // what libuv's console handler delivers, and what its kill emulates
      assertEquals(Set.of("SIGINT", "SIGBREAK", "SIGHUP", "SIGWINCH", "SIGTERM", "SIGKILL", "SIGQUIT"), names);
      return;
    }
    for (String name : List.of("SIGINT", "SIGTERM", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGWINCH", "SIGCHLD", "SIGQUIT",
        "SIGPIPE", "SIGALRM", "SIGCONT", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGPROF", "SIGXFSZ", "SIGSEGV", "SIGBUS",
        "SIGFPE", "SIGILL", "SIGKILL", "SIGSTOP", "SIGTRAP", "SIGABRT")) {
      assertTrue(names.contains(name), name + " missing from " + names);
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void linuxNumbersAreLinuxs() {
    assertEquals(2, Signals.number("SIGINT"));
    assertEquals(10, Signals.number("SIGUSR1"));
    assertEquals(17, Signals.number("SIGCHLD"));
  }

  @Test
  void aNameWithoutItsPrefixNamesTheSameSignal() {
    assertEquals(Signals.number("SIGINT"), Signals.number("INT"));
  }

  @Test
  void eachNumberNamesItsNameAndBack() {
    Signals.all().forEach((name, number) -> {
      assertEquals(name, Signals.name(number));
      assertEquals(number, Signals.number(name));
    });
  }

  @Test
  void allListsSignalsInIncreasingOrderOfNumber() {
    List<Integer> numbers = new ArrayList<>(Signals.all().values());
    List<Integer> sorted = new ArrayList<>(numbers);
    sorted.sort(null);
    assertEquals(sorted, numbers);
  }

  @Test
  void allCannotBeChanged() {
    Map<String, Integer> all = Signals.all();
    assertThrows(UnsupportedOperationException.class, () -> all.put("SIGNEW", 99));
  }

  @Test
  void anUnknownNameIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signals.number("SIGNOPE"));
    assertTrue(e.getMessage().contains("'SIGNOPE'"), e.getMessage());
  }

  @Test
  void aLowerCaseNameIsUnknown() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signals.number("sigint"));
    assertTrue(e.getMessage().contains("'sigint'"), e.getMessage());
  }

  @Test
  void aNullNameIsRefused() {
    assertThrows(NullPointerException.class, () -> Signals.number(null));
  }

  @Test
  void anUnknownNumberIsRefusedByNumber() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signals.name(0));
    assertTrue(e.getMessage().contains("numbered 0 "), e.getMessage());
  }
}
