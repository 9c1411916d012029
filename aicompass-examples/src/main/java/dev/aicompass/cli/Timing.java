package dev.aicompass.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall-clock time of a command's phases (the hidden {@code --timing} option): the time from the
 * process start to the command, then {@link System#nanoTime()} between marks, printed on stderr.
 */
final class Timing {
  private final boolean on;
  private final List<String> lines = new ArrayList<>();
  private final long start = System.nanoTime();
  private long last = start;

  Timing(boolean on) {
    this.on = on;
    if (on) {
      ProcessHandle.current().info().startInstant().ifPresent(t -> lines.add(String.format(Locale.ROOT,
          "%-34s %8.1f ms", "process start to command", Duration.between(t, Instant.now()).toNanos() / 1e6)));
    }
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
