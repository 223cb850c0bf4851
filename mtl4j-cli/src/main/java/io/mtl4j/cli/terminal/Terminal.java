package io.mtl4j.cli.terminal;

import java.io.Console;

/** Whether progress may redraw in place: a console that is a terminal, and MTL4J_PLAIN not set. */
final class Terminal {
  private Terminal() {}

  static boolean interactive() {
    if (System.getenv("MTL4J_PLAIN") != null) return false;
    Console console = System.console();
    if (console == null) return false;
    // From JDK 22 on, System.console() is non-null even when redirected; Console.isTerminal() tells them apart.
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
