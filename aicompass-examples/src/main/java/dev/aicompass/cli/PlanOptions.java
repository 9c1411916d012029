package dev.aicompass.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of {@code aicompass plan} and {@code aicompass report}: a model, a workload, an SLO and the search scope. */
final class PlanOptions {
  @Option(names = "--model", required = true, paramLabel = "ID|PATH",
      description = "A catalog model id (e.g. llama-3.1-70b) or a Hugging Face config.json path.")
  String model;

  @Mixin
  WorkloadOptions workload;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  LoadOptions load = new LoadOptions();

  @Mixin
  ServiceLevelOptions slo;

  @Option(names = "--gpu", paramLabel = "ID",
      description = "Accelerators to consider (repeatable; default: every catalog accelerator with a published peak).")
  List<String> gpus = new ArrayList<>();

  @Option(names = "--max-gpus", paramLabel = "N", defaultValue = "64", description = "Most devices per deployment (default: ${DEFAULT-VALUE}).")
  int maxGpus;

  @Option(names = "--price", paramLabel = "ID=USD",
      description = "Hourly price of one device, e.g. h100-sxm=2.49 (repeatable); enables $/Mtok where the catalog has no price.")
  List<String> prices = new ArrayList<>();

  @Option(names = "--max-model-len", paramLabel = "L", description = "Longest request in tokens (default: input + output).")
  Integer maxModelLen;

  @Option(names = "--weight-dtype", paramLabel = "DTYPE", description = "bf16|fp16|fp32|fp8|int8|int4|mxfp4|nvfp4 (default: the checkpoint's).")
  String weightDtype;

  @Option(names = "--quant", paramLabel = "SCHEME", description = "fp8-dynamic|fp8-block|w8a8|gptq-int4|awq-int4|mxfp4|nvfp4 (default: the checkpoint's own).")
  String quant;

  @Option(names = "--kv-dtype", paramLabel = "DTYPE", defaultValue = "auto", description = "auto|bf16|fp16|fp8 (default: ${DEFAULT-VALUE}).")
  String kvDtype;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "vllm", description = "vllm|sglang|trtllm|hf (default: ${DEFAULT-VALUE}).")
  String engine;

  @Option(names = "--engine-version", paramLabel = "V", description = "Engine version whose constants apply (vLLM default 0.19.0).")
  String engineVersion;

  @Option(names = "--method", paramLabel = "METHOD", defaultValue = "roofline", description = "roofline|reference (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--catalog", paramLabel = "FILE.json", description = "A catalog file adding or overriding entries (repeatable).")
  List<Path> catalogs = new ArrayList<>();

  @Option(names = "--verbose", description = "Print stack traces of errors (and, for plan, the best plan's derivation).")
  boolean verbose;
}
