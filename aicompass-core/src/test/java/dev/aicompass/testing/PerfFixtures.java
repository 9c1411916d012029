package dev.aicompass.testing;

import dev.aicompass.hardware.Accelerator;
import dev.aicompass.hardware.Interconnect;
import dev.aicompass.model.FfnKind;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.MoeSpec;
import dev.aicompass.model.NormKind;
import dev.aicompass.model.Precision;
import dev.aicompass.units.Bandwidth;
import dev.aicompass.units.ByteSize;
import dev.aicompass.units.FlopRate;
import java.util.Map;

/**
 * Models and accelerators of the latency calibration rows: models from the facts in
 * shared/reference/calibration/models.json, accelerators as the catalog's entries (kept apart from
 * {@link Fixtures}).
 */
public final class PerfFixtures {
  private PerfFixtures() {}

  // ---- latency calibration fixtures (facts from shared/reference/calibration/models.json and gpus.json) ----

  /** meta-llama/Llama-3.1-70B config.json (models.json). */
  public static ModelSpec llama31_70b() {
    return ModelSpec.builder().name("llama-3.1-70b").numLayers(80).hiddenSize(8192).numHeads(64).numKvHeads(8)
        .intermediateSize(28672).vocabSize(128256).maxPositionEmbeddings(131072).build();
  }

  /** mistralai/Mistral-7B config.json as MLC stores it (models.json; no sliding window). */
  public static ModelSpec mistral7b() {
    return ModelSpec.builder().name("mistral-7b").numLayers(32).hiddenSize(4096).numHeads(32).numKvHeads(8)
        .intermediateSize(14336).vocabSize(32000).maxPositionEmbeddings(32768).build();
  }

  /** EleutherAI/gpt-j-6b config.json (models.json): parallel residual, LayerNorm, plain GELU MLP of 4·4096, partial rotary 64. */
  public static ModelSpec gptJ6b() {
    return ModelSpec.builder().name("gpt-j-6b").numLayers(28).hiddenSize(4096).numHeads(16).intermediateSize(16384)
        .vocabSize(50400).ffnKind(FfnKind.PLAIN).normKind(NormKind.LAYER).normsPerLayer(1).mlpBias(true)
        .lmHeadBias(true).rotaryDim(64).maxPositionEmbeddings(2048).nativePrecision(Precision.FP16).build();
  }

  /** meta-llama/Llama-2-13b-hf config.json (models.json). */
  public static ModelSpec llama2_13b() {
    return ModelSpec.builder().name("llama-2-13b").numLayers(40).hiddenSize(5120).numHeads(40).numKvHeads(40)
        .intermediateSize(13824).vocabSize(32000).maxPositionEmbeddings(4096).nativePrecision(Precision.FP16).build();
  }

  /** meta-llama/Llama-2-70b-hf config.json (models.json). */
  public static ModelSpec llama2_70b() {
    return ModelSpec.builder().name("llama-2-70b").numLayers(80).hiddenSize(8192).numHeads(64).numKvHeads(8)
        .intermediateSize(28672).vocabSize(32000).maxPositionEmbeddings(4096).nativePrecision(Precision.FP16).build();
  }

  /** mistral-community/Mixtral-8x22B-v0.1 config.json (the catalog's mixtral-8x22b: vocab 32000, 8 experts, top-2). */
  public static ModelSpec mixtral8x22b() {
    return ModelSpec.builder().name("mixtral-8x22b").numLayers(56).hiddenSize(6144).numHeads(48).numKvHeads(8)
        .intermediateSize(16384).vocabSize(32000).maxPositionEmbeddings(65536)
        .moe(MoeSpec.builder().numExperts(8).expertsPerToken(2).expertIntermediateSize(16384).build())
        .build();
  }

  // The accelerators below carry the figures of the catalog's entries (aicompass-catalog
  // accelerators/nvidia.json), so that LatencyValidationTest and `aicompass validate latency` (which
  // reads the catalog) estimate the same numbers.

  /** A100 SXM 80GB (catalog a100-sxm-80gb: 2039 GB/s, 312 TFLOPS dense BF16, no FP8; NVLink 3 300 GB/s); 99 % visible. */
  public static Accelerator a100Sxm80() {
    return Accelerator.builder().id("a100-sxm-80gb").memory(ByteSize.ofGibibytes(80))
        .memoryBandwidth(Bandwidth.parse("2039 GB/s"))
        .peaks(Map.of(Precision.BF16, FlopRate.parse("312 TFLOPS"), Precision.FP16, FlopRate.parse("312 TFLOPS"),
            Precision.INT8, FlopRate.parse("624 TOPS"), Precision.TF32, FlopRate.parse("156 TFLOPS"),
            Precision.FP32, FlopRate.parse("19.5 TFLOPS")))
        .interconnect(Interconnect.builder().name("NVLink 3").intraNode(Bandwidth.parse("300 GB/s")).devicesPerNode(8).build())
        .build();
  }

  /** H200 SXM 141GB (catalog h200: 4.8 TB/s, 989.4 TFLOPS BF16, 1978.9 TFLOPS FP8, NVLink 4 450 GB/s); 99 % visible. */
  public static Accelerator h200() {
    return Accelerator.builder().id("h200").memory(ByteSize.ofGibibytes(141))
        .memoryBandwidth(Bandwidth.parse("4.8 TB/s"))
        .peaks(Map.of(Precision.BF16, FlopRate.parse("989.4 TFLOPS"), Precision.FP16, FlopRate.parse("989.4 TFLOPS"),
            Precision.FP8, FlopRate.parse("1978.9 TFLOPS"), Precision.INT8, FlopRate.parse("1978.9 TOPS")))
        .interconnect(Interconnect.builder().name("NVLink 4").intraNode(Bandwidth.parse("450 GB/s")).devicesPerNode(8).build())
        .build();
  }

  /**
   * GH200 (catalog gh200, the Hopper GPU of the Grace Hopper superchip): 96 GB HBM3 at 4.0 TB/s, 989.5
   * TFLOPS BF16, 1979 TFLOPS FP8; ~95 GiB visible; no GPU-GPU link listed.
   */
  public static Accelerator gh200() {
    return Accelerator.builder().id("gh200").memory(ByteSize.ofGibibytes(96)).usableMemory(ByteSize.ofGibibytes(95))
        .memoryBandwidth(Bandwidth.parse("4.0 TB/s"))
        .peaks(Map.of(Precision.BF16, FlopRate.parse("989.5 TFLOPS"), Precision.FP16, FlopRate.parse("989.5 TFLOPS"),
            Precision.FP8, FlopRate.parse("1979 TFLOPS"), Precision.INT8, FlopRate.parse("1979 TFLOPS")))
        .source("catalog gh200: 96 GB HBM3, 4 TB/s; Hopper compute as H100 SXM")
        .build();
  }

  /** L40S (catalog l40s): 48 GB GDDR6 at 864 GB/s (46068 MiB visible), 362 TFLOPS dense BF16/FP16, 733 TFLOPS dense FP8; PCIe, no NVLink. */
  public static Accelerator l40s() {
    return Accelerator.builder().id("l40s").memory(ByteSize.ofGibibytes(48)).usableMemory(ByteSize.parse("46068 MiB"))
        .memoryBandwidth(Bandwidth.parse("864 GB/s"))
        .peaks(Map.of(Precision.BF16, FlopRate.parse("362 TFLOPS"), Precision.FP16, FlopRate.parse("362 TFLOPS"),
            Precision.FP8, FlopRate.parse("733 TFLOPS"), Precision.INT8, FlopRate.parse("733 TOPS"),
            Precision.INT4, FlopRate.parse("733 TOPS"), Precision.TF32, FlopRate.parse("183 TFLOPS"),
            Precision.FP32, FlopRate.parse("91.6 TFLOPS")))
        .source("NVIDIA L40S datasheet")
        .build();
  }
}
