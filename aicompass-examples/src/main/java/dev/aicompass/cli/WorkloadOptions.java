package dev.aicompass.cli;

import dev.aicompass.workload.Workload;
import picocli.CommandLine.Option;

/**
 * The request shape of check, perf, plan, recommend, report and simulate: {@code --input-len} and
 * {@code --output-len}. (memory takes optional lengths of its own.)
 */
final class WorkloadOptions {
  @Option(names = "--input-len", paramLabel = "N", defaultValue = "1024", description = "Prompt tokens per request (default: ${DEFAULT-VALUE}).")
  int inputLen;

  @Option(names = "--output-len", paramLabel = "N", defaultValue = "256", description = "Output tokens per request (default: ${DEFAULT-VALUE}).")
  int outputLen;

  /** Returns a builder of a workload of these lengths, one request in flight until told otherwise. */
  Workload.Builder builder() {
    return Workload.builder().inputTokens(inputLen).outputTokens(outputLen);
  }

  /** Returns the workload of these lengths under {@code load}. */
  Workload workload(LoadOptions load) {
    return load.applyTo(builder()).build();
  }
}
