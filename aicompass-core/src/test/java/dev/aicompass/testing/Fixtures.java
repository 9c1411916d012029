package dev.aicompass.testing;

import dev.aicompass.hardware.Accelerator;
import dev.aicompass.hardware.Interconnect;
import dev.aicompass.model.MlaSpec;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.MoeSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.units.Bandwidth;
import dev.aicompass.units.ByteSize;
import dev.aicompass.units.FlopRate;
import java.util.Map;

/** Hand-built specs from public config.json files, shared by the core tests. */
public final class Fixtures {
  private Fixtures() {}

  /** meta-llama/Llama-3.1-8B config.json. */
  public static ModelSpec llama31_8b() {
    return ModelSpec.builder().name("llama-3.1-8b").numLayers(32).hiddenSize(4096).numHeads(32).numKvHeads(8)
        .intermediateSize(14336).vocabSize(128256).maxPositionEmbeddings(131072).build();
  }

  /**
   * meta-llama/Llama-2-7b-hf config.json: hidden 4096, intermediate 11008, 32 layers, 32 heads, 32 KV
   * heads (MHA), vocab 32000, max_position_embeddings 4096, torch_dtype float16 (seed 000's Llama2-7B).
   */
  public static ModelSpec llama2_7b() {
    return ModelSpec.builder().name("llama-2-7b").numLayers(32).hiddenSize(4096).numHeads(32).numKvHeads(32)
        .intermediateSize(11008).vocabSize(32000).maxPositionEmbeddings(4096).nativePrecision(Precision.FP16).build();
  }

  /**
   * meta-llama/Llama-3.1-70B config.json: hidden 8192, intermediate 28672, 80 layers, 64 heads, 8 KV
   * heads, vocab 128256, max_position_embeddings 131072, bf16.
   */
  public static ModelSpec llama31_70b() {
    return ModelSpec.builder().name("llama-3.1-70b").numLayers(80).hiddenSize(8192).numHeads(64).numKvHeads(8)
        .intermediateSize(28672).vocabSize(128256).maxPositionEmbeddings(131072).build();
  }

  /** Qwen/Qwen2.5-32B config.json (seed 001's model). */
  public static ModelSpec qwen25_32b() {
    return ModelSpec.builder().name("qwen2.5-32b").numLayers(64).hiddenSize(5120).numHeads(40).numKvHeads(8)
        .intermediateSize(27648).vocabSize(152064).attentionBias(true).maxPositionEmbeddings(131072).build();
  }

  /** Qwen/Qwen2.5-7B-Instruct config.json. */
  public static ModelSpec qwen25_7b() {
    return ModelSpec.builder().name("qwen2.5-7b").numLayers(28).hiddenSize(3584).numHeads(28).numKvHeads(4)
        .intermediateSize(18944).vocabSize(152064).attentionBias(true).maxPositionEmbeddings(32768).build();
  }

  /** google/gemma-3-27b-it text config: 62 layers, 5 local (window 1024) : 1 global. */
  public static ModelSpec gemma3_27bText() {
    return ModelSpec.builder().name("gemma-3-27b-text").numLayers(62).hiddenSize(5376).numHeads(32).numKvHeads(16)
        .headDim(128).intermediateSize(21504).vocabSize(262208).tiedEmbeddings(true).normsPerLayer(4).qkNorm(true)
        .slidingWindow(1024).slidingWindowLayers(52).maxPositionEmbeddings(131072).build();
  }

  /** deepseek-ai/DeepSeek-V3 config.json (block FP8 checkpoint). */
  public static ModelSpec deepseekV3() {
    return ModelSpec.builder().name("deepseek-v3").numLayers(61).hiddenSize(7168).numHeads(128).numKvHeads(128)
        .intermediateSize(18432).vocabSize(129280).maxPositionEmbeddings(163840)
        .mla(MlaSpec.builder().qLoraRank(1536).kvLoraRank(512).qkRopeHeadDim(64).qkNopeHeadDim(128).vHeadDim(128).build())
        .moe(MoeSpec.builder().numExperts(256).expertsPerToken(8).expertIntermediateSize(2048).numSharedExperts(1)
            .firstDenseLayers(3).routerBias(true).build())
        .nativeQuantization(QuantizationScheme.FP8_BLOCK)
        .build();
  }

  /** mistralai/Mixtral-8x7B-v0.1 config.json. */
  public static ModelSpec mixtral8x7b() {
    return ModelSpec.builder().name("mixtral-8x7b").numLayers(32).hiddenSize(4096).numHeads(32).numKvHeads(8)
        .intermediateSize(14336).vocabSize(32000).maxPositionEmbeddings(32768)
        .moe(MoeSpec.builder().numExperts(8).expertsPerToken(2).expertIntermediateSize(14336).build())
        .build();
  }

  /**
   * The {@link #h100()} datasheet in a scale-up domain of {@code devicesPerNode} devices (e.g. 72 for
   * an NVL72 rack), so that tensor parallelism beyond 8 is a valid deployment.
   */
  public static Accelerator h100InDomainOf(int devicesPerNode) {
    return Accelerator.builder().from(h100()).id("h100-domain-" + devicesPerNode)
        .interconnect(Interconnect.builder().name("NVLink domain").intraNode(Bandwidth.parse("450 GB/s"))
            .devicesPerNode(devicesPerNode).build())
        .build();
  }

  /** H100 SXM as vLLM sees it: 79.19 GiB total (calibration memory.csv). */
  public static Accelerator h100() {
    return Accelerator.builder().id("h100-sxm").memory(ByteSize.ofGibibytes(80)).usableMemory(ByteSize.ofGibibytes(79.19))
        .memoryBandwidth(Bandwidth.parse("3.35 TB/s"))
        .peaks(Map.of(Precision.BF16, FlopRate.parse("989.4 TFLOPS"), Precision.FP16, FlopRate.parse("989.4 TFLOPS"),
            Precision.FP8, FlopRate.parse("1978.9 TFLOPS"), Precision.INT8, FlopRate.parse("1978.9 TOPS"),
            Precision.FP32, FlopRate.parse("66.9 TFLOPS")))
        .interconnect(Interconnect.builder().name("NVLink 4").intraNode(Bandwidth.parse("450 GB/s"))
            .interNode(Bandwidth.parse("50 GB/s")).devicesPerNode(8).build())
        .build();
  }
}
