package dev.aicompass.cli;

import dev.aicompass.units.TimeSpan;
import dev.aicompass.units.TokenRate;
import dev.aicompass.workload.ServiceLevel;
import picocli.CommandLine.Option;

/** The targets of check, plan, recommend and report: {@code --ttft}, {@code --tpot} and {@code --throughput}. */
final class ServiceLevelOptions {
  @Option(names = "--ttft", paramLabel = "TIME", description = "Largest time to first token, e.g. 500ms or 2s (a bare number means ms).")
  String ttft;

  @Option(names = "--tpot", paramLabel = "TIME", description = "Largest time per output token, e.g. 50ms.")
  String tpot;

  @Option(names = "--throughput", paramLabel = "T", description = "Smallest output throughput of the deployment, tokens/s.")
  Double throughput;

  /** Returns the targets given; an absent one is not checked. A negative --throughput fails, zero is accepted. */
  ServiceLevel serviceLevel() {
    return serviceLevel(false);
  }

  /**
   * Returns the targets given; an absent one is not checked. With {@code positiveThroughput} (plan
   * and report) a --throughput of zero or less fails, else only a negative one.
   */
  ServiceLevel serviceLevel(boolean positiveThroughput) {
    ServiceLevel.Builder slo = ServiceLevel.builder();
    if (ttft != null) {
      slo.ttft(time("--ttft", ttft));
    }
    if (tpot != null) {
      slo.tpot(time("--tpot", tpot));
    }
    if (throughput != null) {
      if (positiveThroughput && !(throughput > 0)) {
        throw new IllegalArgumentException("--throughput (" + throughput + ") must be positive tokens/s");
      }
      slo.throughput(TokenRate.ofTokensPerSecond(throughput));
    }
    return slo.build();
  }

  /** Parses a time option: {@code 500ms}, {@code 2s}, or a bare number of milliseconds. */
  static TimeSpan time(String option, String text) {
    try {
      return TimeSpan.parse(text, "ms");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " (" + text + ") must be a time such as 500ms or 2s", e);
    }
  }
}
