package dev.aicompass.cli;

import dev.aicompass.simulate.SimulatedRequest;
import dev.aicompass.simulate.SimulationResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Replays the first requests of a simulation in real time, scaled by a speed factor, so that one
 * can see what 50 ms per token looks like. On a terminal, one line per request grows a bar of
 * tokens (ANSI cursor movement, redrawn every 50 ms); otherwise each request's first token, quarter
 * marks and completion are printed as they happen. Never runs longer than {@link #MAX_SECONDS}.
 */
final class TokenAnimation {
  /** Requests shown. */
  static final int SHOWN = 8;
  /** Longest replay in real seconds; the rest of the run is summarised. */
  static final double MAX_SECONDS = 30;
  private static final int BAR = 48;
  private static final long FRAME_NANOS = 50_000_000L;
  private static final String SHOW_CURSOR = "\033[?25h";

  private TokenAnimation() {}

  /** Returns whether standard output is a terminal that takes ANSI cursor control. */
  static boolean interactive() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }

  /** Replays {@code result} on {@code out}; returns when done, or after {@link #MAX_SECONDS}. */
  static void play(SimulationResult result, double speed, PrintWriter out, boolean terminal) throws InterruptedException {
    List<SimulatedRequest> shown = result.requests().subList(0, Math.min(SHOWN, result.requests().size()));
    double start = shown.stream().mapToDouble(q -> q.arrival().seconds()).min().orElse(0);
    double end = shown.stream().mapToDouble(q -> q.completion().seconds()).max().orElse(0);
    double limit = Math.min(end, start + MAX_SECONDS * speed);
    int perCell = Math.max(1, (shown.isEmpty() ? 1 : shown.get(0).outputTokens() + BAR - 1) / BAR);
    out.printf(Locale.ROOT, "streaming the first %d requests at %s× simulated speed%s%n", shown.size(), number(speed),
        terminal ? (perCell > 1 ? " (▮ = " + perCell + " tokens)" : " (▮ = 1 token)") : "");
    out.flush();
    if (terminal) {
      terminal(shown, start, limit, speed, perCell, out);
    } else {
      plain(shown, start, limit, speed, out);
    }
    if (limit < end) {
      out.printf(Locale.ROOT, "(replay stopped after %.0f s of real time at %.3f s simulated; raise --speed to see more)%n",
          MAX_SECONDS, limit - start);
    }
    out.println();
    out.flush();
  }

  private static void terminal(List<SimulatedRequest> shown, double start, double limit, double speed, int perCell,
      PrintWriter out) throws InterruptedException {
    Thread restore = new Thread(() -> {
      System.out.print(SHOW_CURSOR + "\n");
      System.out.flush();
    });
    Runtime.getRuntime().addShutdownHook(restore);
    out.print("\033[?25l");
    try {
      long t0 = System.nanoTime();
      boolean first = true;
      while (true) {
        double now = Math.min(limit, start + (System.nanoTime() - t0) / 1e9 * speed);
        if (!first) {
          out.print("\033[" + (shown.size() + 1) + "A");
        }
        first = false;
        out.print("\r\033[2K" + String.format(Locale.ROOT, "  simulated time %8.3f s%n", now - start));
        for (SimulatedRequest q : shown) {
          out.print("\r\033[2K" + line(q, now, perCell) + "\n");
        }
        out.flush();
        if (now >= limit) {
          break;
        }
        Thread.sleep(FRAME_NANOS / 1_000_000L);
      }
    } finally {
      out.print(SHOW_CURSOR);
      out.flush();
      try {
        Runtime.getRuntime().removeShutdownHook(restore);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting; the hook restores the cursor
      }
    }
  }

  /** Returns request {@code q}'s line at simulated time {@code now}. */
  static String line(SimulatedRequest q, double now, int perCell) {
    String id = String.format(Locale.ROOT, "  #%-3d ", q.id());
    if (now < q.arrival().seconds()) {
      return id + "not sent yet";
    }
    int tokens = tokensBy(q, now);
    if (tokens == 0) {
      return id + String.format(Locale.ROOT, "waiting for its first token %7.1f ms", (now - q.arrival().seconds()) * 1e3);
    }
    int cells = (tokens + perCell - 1) / perCell;
    int total = (q.outputTokens() + perCell - 1) / perCell;
    StringBuilder bar = new StringBuilder();
    for (int i = 0; i < total; i++) {
      bar.append(i < cells ? '▮' : ' ');
    }
    String tail = tokens == q.outputTokens()
        ? String.format(Locale.ROOT, "done, E2E %.2f s", q.e2e().seconds())
        : String.format(Locale.ROOT, "%d/%d", tokens, q.outputTokens());
    return id + String.format(Locale.ROOT, "TTFT %7.1f ms %s %s", q.ttft().toMillis(), bar, tail);
  }

  /** Returns how many of {@code q}'s tokens were out by simulated time {@code now}. */
  static int tokensBy(SimulatedRequest q, double now) {
    List<dev.aicompass.units.TimeSpan> t = q.tokenTimes();
    int lo = 0;
    int hi = t.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (t.get(mid).seconds() <= now) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static void plain(List<SimulatedRequest> shown, double start, double limit, double speed, PrintWriter out)
      throws InterruptedException {
    List<double[]> events = new ArrayList<>();
    for (int i = 0; i < shown.size(); i++) {
      SimulatedRequest q = shown.get(i);
      int n = q.outputTokens();
      events.add(new double[] {q.firstToken().seconds(), i, 1});
      for (int quarter = 1; quarter <= 3; quarter++) {
        int k = n * quarter / 4;
        if (k > 1 && k < n) {
          events.add(new double[] {q.tokenTimes().get(k - 1).seconds(), i, k});
        }
      }
      if (n > 1) {
        events.add(new double[] {q.completion().seconds(), i, n});
      }
    }
    events.sort(Comparator.comparingDouble((double[] e) -> e[0]).thenComparingDouble(e -> e[2]));
    long t0 = System.nanoTime();
    for (double[] e : events) {
      if (e[0] > limit) {
        break;
      }
      long due = t0 + (long) ((e[0] - start) / speed * 1e9);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
      }
      SimulatedRequest q = shown.get((int) e[1]);
      int k = (int) e[2];
      String what = k == 1 ? String.format(Locale.ROOT, "first token (TTFT %.1f ms)", q.ttft().toMillis())
          : k == q.outputTokens() ? String.format(Locale.ROOT, "done: %d tokens, TPOT %.2f ms, E2E %.2f s", k,
              q.tpot().toMillis(), q.e2e().seconds())
          : String.format(Locale.ROOT, "%d/%d tokens", k, q.outputTokens());
      out.printf(Locale.ROOT, "  %9.3f s  #%-3d %s%n", e[0] - start, q.id(), what);
      out.flush();
    }
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : String.valueOf(v);
  }
}
