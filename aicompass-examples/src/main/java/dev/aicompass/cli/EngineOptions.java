package dev.aicompass.cli;

import dev.aicompass.deploy.Deployment;
import picocli.CommandLine.Option;

/**
 * The engine settings perf and simulate add to {@link CommonOptions}: {@code --max-model-len}
 * (default: input + output, at least 8192), {@code --gpu-memory-utilization} and
 * {@code --block-size}. (memory declares its own, with other defaults and wording.)
 */
final class EngineOptions {
  @Option(names = "--max-model-len", paramLabel = "L", description = "Longest request in tokens (default: input + output, at least 8192).")
  Integer maxModelLen;

  @Option(names = "--gpu-memory-utilization", paramLabel = "U", description = "Engine memory share (vLLM default 0.9).")
  Double utilization;

  @Option(names = "--block-size", paramLabel = "B", description = "KV block size in tokens.")
  Integer blockSize;

  /** Returns the deployment {@code o} names with these settings, long enough for requests of {@code w}'s lengths. */
  Deployment deployment(CommonOptions o, WorkloadOptions w) {
    int len = maxModelLen != null ? maxModelLen : Math.max(8192, w.inputLen + w.outputLen);
    return new Resolver(o).deployment(o, len, utilization, blockSize);
  }
}
