package dev.aicompass.cli;

import dev.aicompass.workload.Workload;
import picocli.CommandLine.Option;

/**
 * The load of check, perf, plan, report and simulate, declared by each as an exclusive
 * {@code @ArgGroup(exclusive = true, multiplicity = "0..1")}: {@code --concurrency} (closed loop)
 * or {@code --request-rate} (open loop); neither means one request in flight. Not final: perf's
 * group adds {@code --max-throughput}. simulate words the two options its own way through their
 * description keys ({@code dev/aicompass/cli/simulate.properties}).
 */
class LoadOptions {
  @Option(names = "--concurrency", paramLabel = "C", descriptionKey = "concurrency",
      description = "Closed loop: C requests in flight (default 1).")
  Integer concurrency;

  @Option(names = "--request-rate", paramLabel = "R", descriptionKey = "request-rate",
      description = "Open loop: R requests/s arriving (Poisson).")
  Double requestRate;

  /** Sets the closed or open loop given on {@code w} (neither: it keeps its own) and returns it. */
  Workload.Builder applyTo(Workload.Builder w) {
    if (concurrency != null) {
      w.concurrency(concurrency);
    }
    if (requestRate != null) {
      w.requestRate(requestRate);
    }
    return w;
  }
}
