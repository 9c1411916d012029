package dev.aicompass.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.testing.Fixtures;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DeploymentTest {

  private static Deployment.Builder llama() {
    return Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100());
  }

  private static void assertRejected(String message, Executable build) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, build).getMessage());
  }

  @Test
  void rejectsTensorParallelismThatDoesNotDivideTheHeads() {
    assertRejected("tp (3) must divide numAttentionHeads (32) of llama-3.1-8b",
        () -> llama().parallelism(Parallelism.tensor(3)).build());
  }

  @Test
  void rejectsTensorParallelismBeyondOneNode() {
    assertRejected("tp (16) must fit in one node (8 devices of h100-sxm)",
        () -> llama().parallelism(Parallelism.tensor(16)).build());
    assertEquals(16, llama().accelerator(Fixtures.h100InDomainOf(16)).parallelism(Parallelism.tensor(16)).build()
        .parallelism().tp());
  }

  @Test
  void rejectsMoreStagesThanLayers() {
    assertRejected("pp (33) must not exceed numLayers (32) of llama-3.1-8b",
        () -> llama().parallelism(Parallelism.of(1, 33, 1, 1)).build());
  }

  @Test
  void rejectsExpertParallelismOnADenseModel() {
    assertRejected("ep (2) must be 1 for a dense model (llama-3.1-8b has no experts)",
        () -> llama().parallelism(Parallelism.of(2, 1, 2, 1)).build());
  }

  @Test
  void rejectsExpertParallelismThatDoesNotDivideTheExperts() {
    // Mixtral: 8 experts; EP 3 over TP 1 x DP 3.
    assertRejected("ep (3) must divide numExperts (8) of mixtral-8x7b",
        () -> Deployment.builder().model(Fixtures.mixtral8x7b()).accelerator(Fixtures.h100())
            .parallelism(Parallelism.of(1, 1, 3, 3)).build());
  }

  @Test
  void rejectsANonPositiveMaxModelLen() {
    assertRejected("maxModelLen (0) must be positive", () -> llama().maxModelLen(0).build());
  }

  @Test
  void rejectsAMissingModelOrAccelerator() {
    assertRejected("model must be given", () -> Deployment.builder().accelerator(Fixtures.h100()).build());
    assertRejected("accelerator must be given", () -> Deployment.builder().model(Fixtures.llama31_8b()).build());
  }

  @Test
  void dtypesDefaultToTheCheckpoint() {
    Deployment d = llama().build();
    assertEquals(Precision.BF16, d.weightPrecision());
    assertEquals(Precision.BF16, d.kvCachePrecision());
    assertEquals(Optional.empty(), d.quantization());
    assertEquals(8192, d.maxModelLen());
    assertEquals(EngineKind.VLLM, d.engine().kind());
    // DeepSeek-V3 ships block-FP8: that is its default quantization and FP8 its math.
    Deployment ds = Deployment.builder().model(Fixtures.deepseekV3()).accelerator(Fixtures.h100())
        .parallelism(Parallelism.tensor(8)).build();
    assertEquals(Optional.of(QuantizationScheme.FP8_BLOCK), ds.quantization());
    assertEquals(Precision.FP8, ds.computePrecision());
  }

  @Test
  void activationsStayBf16UnderLowBitWeights() {
    Deployment d = llama().weightPrecision(Precision.FP8).build();
    assertEquals(Precision.BF16, d.activationPrecision());
    assertEquals(Precision.BF16, d.kvCachePrecision());
    assertEquals(Precision.FP32, llama().weightPrecision(Precision.TF32).build().activationPrecision());
  }
}
