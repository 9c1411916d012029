package dev.aicompass.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by every estimating command (shared/docs/CLI.md "Common options"). */
final class CommonOptions {
  @Option(names = "--model", required = true, paramLabel = "ID|PATH",
      description = "A catalog model id (e.g. llama-3.1-8b) or a Hugging Face config.json path.")
  String model;

  @Option(names = "--gpu", required = true, paramLabel = "ID",
      description = "A catalog accelerator id (e.g. h100-sxm); custom ones via --catalog.")
  String gpu;

  @Option(names = "--tp", paramLabel = "N", description = "Tensor-parallel size (default: 1, or --num-gpus).")
  Integer tp;

  @Option(names = "--pp", paramLabel = "N", defaultValue = "1", description = "Pipeline-parallel size (default: ${DEFAULT-VALUE}).")
  int pp;

  @Option(names = "--ep", paramLabel = "N", defaultValue = "1", description = "Expert-parallel size (default: ${DEFAULT-VALUE}).")
  int ep;

  @Option(names = "--dp", paramLabel = "N", defaultValue = "1", description = "Data-parallel replicas (default: ${DEFAULT-VALUE}).")
  int dp;

  @Option(names = "--num-gpus", paramLabel = "N", description = "Devices; given alone it means --tp N.")
  Integer numGpus;

  @Option(names = "--weight-dtype", paramLabel = "DTYPE",
      description = "bf16|fp16|fp32|fp8|int8|int4|mxfp4|nvfp4 (default: the config's torch_dtype).")
  String weightDtype;

  @Option(names = "--quant", paramLabel = "SCHEME",
      description = "fp8-dynamic|fp8-block|w8a8|gptq-int4|awq-int4|mxfp4|nvfp4 (default: the checkpoint's own).")
  String quant;

  @Option(names = "--kv-dtype", paramLabel = "DTYPE", defaultValue = "auto",
      description = "auto|bf16|fp16|fp8 (default: ${DEFAULT-VALUE} = the activation dtype).")
  String kvDtype;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "vllm",
      description = "vllm|sglang|trtllm|hf (default: ${DEFAULT-VALUE}).")
  String engine;

  @Option(names = "--engine-version", paramLabel = "V", description = "Engine version whose constants apply (vLLM default 0.19.0).")
  String engineVersion;

  @Option(names = "--method", paramLabel = "METHOD", defaultValue = "roofline",
      description = "roofline|reference (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--catalog", paramLabel = "FILE.json",
      description = "A catalog file whose models/accelerators add to or override the built-in ones (repeatable).")
  List<Path> catalogs = new ArrayList<>();

  @Option(names = "--json", description = "Print one JSON object on standard output.")
  boolean json;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;
}
