package dev.aicompass.deploy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A serving engine family; each owns memory its own way. */
public enum EngineKind {
  /** vLLM: KV pool = utilisation × total − (weights + profiled activation peak + non-torch memory). */
  VLLM("vllm"),
  /** SGLang: KV pool = mem-fraction-static × total − weights. */
  SGLANG("sglang"),
  /** TensorRT-LLM: KV pool = a fraction of the memory still free after weights and activations. */
  TRTLLM("trtllm"),
  /** Plain Hugging Face transformers {@code generate()}: no pool; KV grows with the workload. */
  HF("hf");

  private final String id;

  EngineKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /**
   * Parses {@code vllm}, {@code sglang}, {@code trtllm} (or {@code tensorrt-llm}) and {@code hf}
   * (or {@code transformers}).
   *
   * @throws IllegalArgumentException naming the accepted ids
   */
  public static EngineKind parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "tensorrt-llm":
      case "tensorrt_llm":
      case "trt-llm":
        return TRTLLM;
      case "transformers":
      case "huggingface":
        return HF;
      default:
        break;
    }
    for (EngineKind k : values()) {
      if (k.id.equals(t)) {
        return k;
      }
    }
    throw new IllegalArgumentException("engine '" + text + "' is unknown (one of "
        + Arrays.stream(values()).map(EngineKind::id).collect(Collectors.joining(", ")) + ")");
  }

  @Override
  public String toString() {
    return id;
  }
}
