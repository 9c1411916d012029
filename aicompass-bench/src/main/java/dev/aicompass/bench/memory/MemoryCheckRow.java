package dev.aicompass.bench.memory;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One row of {@code memory_check.py}'s CSV: a model run by Hugging Face {@code generate()} with
 * a batch and prompt/output lengths, and the bytes measured. The measured sizes are empty when the
 * run recorded {@code oom} or {@code error}.
 *
 * @param model the script's label, e.g. {@code "llava-1.5-7b+576img"}
 * @param configLayers decoder layers of the published config
 * @param scaledLayers decoder layers actually built (fewer when scaled to fit one GPU)
 * @param dtype the weight dtype, e.g. {@code "bf16"}
 * @param batch requests generated together
 * @param inputLen prompt tokens per request (text only; image tokens come on top)
 * @param outputLen generated tokens per request
 * @param weightsBytes memory allocated after building the model
 * @param kvCacheBytes bytes of the returned cache's key/value tensors
 * @param peakBytes peak allocated memory during generation
 * @param activationPeakBytes peak minus weights minus KV cache
 * @param torchVersion PyTorch version of the run
 * @param gpuName the GPU's name
 */
public record MemoryCheckRow(String model, int configLayers, int scaledLayers, String dtype,
    int batch, int inputLen, int outputLen, OptionalLong weightsBytes, OptionalLong kvCacheBytes,
    OptionalLong peakBytes, OptionalLong activationPeakBytes, String torchVersion,
    String gpuName) {

  /** Creates a row; {@code model}, {@code dtype} and the optionals must not be null. */
  public MemoryCheckRow {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(weightsBytes, "weightsBytes");
    Objects.requireNonNull(kvCacheBytes, "kvCacheBytes");
    Objects.requireNonNull(peakBytes, "peakBytes");
    Objects.requireNonNull(activationPeakBytes, "activationPeakBytes");
  }

  /** Returns whether every measured column holds a number (not {@code oom} or {@code error}). */
  public boolean measured() {
    return weightsBytes.isPresent() && kvCacheBytes.isPresent() && peakBytes.isPresent()
        && activationPeakBytes.isPresent();
  }

  /** Returns the model name without the script's suffixes, e.g. {@code "llava-1.5-7b"}. */
  public String baseModel() {
    int plus = model.indexOf('+');
    return plus < 0 ? model : model.substring(0, plus);
  }
}
