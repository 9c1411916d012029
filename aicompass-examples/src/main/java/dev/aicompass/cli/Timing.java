package dev.aicompass.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall-clock time of a command's phases (the hidden {@code --timing} option): {@link System#nanoTime()}
 * between marks, printed on stderr. The JVM's own start and the command-line parsing before the
 * command runs are not included (compare with {@code aicompass --help}).
 */
final class Timing {
  private final boolean on;
  private final List<String> lines = new ArrayList<>();
  private final long start = System.nanoTime();
  private long last = start;

  Timing(boolean on) {
    this.on = on;
  }

  /** Records the time since the previous mark under {@code phase}. */
  void mark(String phase) {
    if (!on) {
      return;
    }
    long now = System.nanoTime();
    lines.add(String.format(Locale.ROOT, "%-34s %8.1f ms", phase, (now - last) / 1e6));
    last = now;
  }

  /** Prints the phases and their sum on {@code err}, when timing is on. */
  void print(PrintWriter err) {
    if (!on) {
      return;
    }
    for (String l : lines) {
      err.println("timing: " + l);
    }
    err.println(String.format(Locale.ROOT, "timing: %-34s %8.1f ms", "command total", (System.nanoTime() - start) / 1e6));
    err.flush();
  }
}
