package dev.aicompass.simulate;

import dev.aicompass.units.TimeSpan;
import dev.aicompass.units.TokenRate;
import java.util.List;
import java.util.Locale;

/**
 * The serving metrics of a set of simulated requests, as {@code vllm bench serve} reports them:
 * TTFT, TPOT, inter-token latency (ITL, the gap between consecutive tokens of a request) and
 * end-to-end latency distributions, and throughput over the window from the first request's
 * arrival to the last one's completion (every token generated in the window counts, whichever
 * request it belongs to).
 */
public final class SimulationSummary {
  private final List<SimulatedRequest> window;
  private final LatencyStats ttft;
  private final LatencyStats tpot;
  private final LatencyStats e2e;
  private volatile LatencyStats itl;
  private final double duration;
  private final double outputRate;
  private final double totalRate;
  private final double requestRate;

  SimulationSummary(List<SimulatedRequest> window, List<SimulatedRequest> all) {
    this.window = window;
    int n = window.size();
    double[] a = new double[n];
    double[] b = new double[n];
    double[] c = new double[n];
    int multi = 0;
    double from = Double.POSITIVE_INFINITY;
    double to = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      SimulatedRequest r = window.get(i);
      a[i] = r.ttftSeconds();
      c[i] = r.e2eSeconds();
      if (r.outputTokens() > 1) {
        b[multi++] = r.tpotSeconds();
      }
      from = Math.min(from, r.arrivalSeconds());
      to = Math.max(to, r.completionSeconds());
    }
    this.ttft = LatencyStats.of(a, n);
    this.tpot = LatencyStats.of(b, multi);
    this.e2e = LatencyStats.of(c, n);
    this.duration = n == 0 ? 0 : to - from;
    long tokens = 0;
    long completed = 0;
    long prompts = 0;
    for (SimulatedRequest r : all) {
      tokens += r.tokensWithin(from, to);
      if (r.completionSeconds() >= from && r.completionSeconds() <= to) {
        completed++;
        prompts += r.promptTokens();
      }
    }
    this.outputRate = duration > 0 ? tokens / duration : 0;
    this.totalRate = duration > 0 ? (tokens + prompts) / duration : 0;
    this.requestRate = duration > 0 ? completed / duration : 0;
  }

  /** Returns the number of requests summarised. */
  public int requests() {
    return window.size();
  }

  public LatencyStats ttft() {
    return ttft;
  }

  /** Returns the TPOT distribution over requests with more than one output token. */
  public LatencyStats tpot() {
    return tpot;
  }

  /** Returns the distribution of gaps between consecutive tokens of the same request. */
  public LatencyStats itl() {
    LatencyStats s = itl;
    if (s == null) {
      int total = 0;
      for (SimulatedRequest r : window) {
        total += Math.max(0, r.outputTokens() - 1);
      }
      double[] gaps = new double[total];
      int at = 0;
      for (SimulatedRequest r : window) {
        at = r.gaps(gaps, at);
      }
      s = LatencyStats.of(gaps, at);
      itl = s;
    }
    return s;
  }

  public LatencyStats e2e() {
    return e2e;
  }

  /** Returns the window: first arrival to last completion of the summarised requests. */
  public TimeSpan duration() {
    return TimeSpan.ofSeconds(duration);
  }

  /** Returns the output tokens generated per second in the window (all replicas). */
  public TokenRate outputThroughput() {
    return TokenRate.ofTokensPerSecond(outputRate);
  }

  /** Returns output tokens plus the prompt tokens of the requests completed in the window, per second. */
  public TokenRate totalThroughput() {
    return TokenRate.ofTokensPerSecond(totalRate);
  }

  /** Returns the requests completed per second in the window. */
  public double requestRate() {
    return requestRate;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d requests in %s: TTFT %s; TPOT %s; E2E %s; %s output", requests(), duration(),
        ttft, tpot, e2e, outputThroughput());
  }
}
