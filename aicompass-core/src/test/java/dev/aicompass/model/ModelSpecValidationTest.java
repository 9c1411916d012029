package dev.aicompass.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aicompass.testing.Fixtures;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every cross-field rule fails with {@code field (value) must rule} (STYLE item 5, dev.aicompass.internal.Checks). */
class ModelSpecValidationTest {

  private static ModelSpec.Builder llama() {
    return ModelSpec.builder().from(Fixtures.llama31_8b());
  }

  private static void assertRejected(String message, Executable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
    assertEquals(message, e.getMessage());
  }

  @Test
  void rejectsKvHeadsThatDoNotDivideHeads() {
    assertRejected("numKvHeads (12) must divide numHeads (32)", () -> llama().numKvHeads(12).build());
  }

  @Test
  void rejectsMoreKvHeadsThanHeads() {
    assertRejected("numKvHeads (64) must divide numHeads (32)", () -> llama().numKvHeads(64).build());
  }

  static Stream<Arguments> nonPositiveSizes() {
    return Stream.of(
        Arguments.of("numLayers (0) must be positive", (UnaryOperator<ModelSpec.Builder>) b -> b.numLayers(0)),
        Arguments.of("numLayers (-1) must be positive", (UnaryOperator<ModelSpec.Builder>) b -> b.numLayers(-1)),
        Arguments.of("hiddenSize (-4096) must be positive", (UnaryOperator<ModelSpec.Builder>) b -> b.hiddenSize(-4096)),
        Arguments.of("numHeads (-32) must be positive", (UnaryOperator<ModelSpec.Builder>) b -> b.numHeads(-32)),
        Arguments.of("numKvHeads (0) must be positive", (UnaryOperator<ModelSpec.Builder>) b -> b.numKvHeads(0)),
        Arguments.of("headDim (-128) must be positive", (UnaryOperator<ModelSpec.Builder>) b -> b.headDim(-128)),
        Arguments.of("intermediateSize (-1) must not be negative",
            (UnaryOperator<ModelSpec.Builder>) b -> b.intermediateSize(-1)),
        Arguments.of("vocabSize (0) must be positive", (UnaryOperator<ModelSpec.Builder>) b -> b.vocabSize(0)),
        Arguments.of("normsPerLayer (-2) must not be negative", (UnaryOperator<ModelSpec.Builder>) b -> b.normsPerLayer(-2)),
        Arguments.of("maxPositionEmbeddings (0) must be positive",
            (UnaryOperator<ModelSpec.Builder>) b -> b.maxPositionEmbeddings(0)),
        Arguments.of("rotaryDim (-64) must not be negative", (UnaryOperator<ModelSpec.Builder>) b -> b.rotaryDim(-64)),
        Arguments.of("slidingWindow (0) must be positive", (UnaryOperator<ModelSpec.Builder>) b -> b.slidingWindow(0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonPositiveSizes")
  void rejectsNegativeOrZeroSizes(String message, UnaryOperator<ModelSpec.Builder> change) {
    assertRejected(message, () -> change.apply(llama()).build());
  }

  @Test
  void rejectsZeroHeadsWithoutAnExplicitHeadDim() {
    // head_dim defaults to hidden / heads: zero heads must be reported as such, not as a division by zero.
    assertRejected("numHeads (0) must be positive", () -> ModelSpec.builder().name("x").numLayers(2).hiddenSize(64)
        .numHeads(0).intermediateSize(128).vocabSize(1000).build());
  }

  @Test
  void rejectsHiddenSizeSmallerThanTheHeadCount() {
    // Default head_dim = 16 / 32 = 0.
    assertRejected("headDim (0) must be positive", () -> ModelSpec.builder().name("x").numLayers(2).hiddenSize(16)
        .numHeads(32).intermediateSize(128).vocabSize(1000).build());
  }

  @Test
  void rejectsABlankName() {
    assertRejected("name must not be blank", () -> llama().name(" ").build());
  }

  @Test
  void rejectsSlidingWindowLayersWithoutSlidingWindow() {
    assertRejected("slidingWindowLayers (10) must be 0 when no slidingWindow is set",
        () -> llama().slidingWindowLayers(10).build());
  }

  @Test
  void rejectsMoreSlidingLayersThanLayers() {
    assertRejected("slidingWindowLayers (33) must be between 0 and 32",
        () -> llama().slidingWindow(4096).slidingWindowLayers(33).build());
  }

  @Test
  void slidingWindowAloneAppliesToEveryLayer() {
    // Mistral-7B-v0.1: all 32 layers slide over 4096 tokens.
    ModelSpec m = ModelSpec.builder().name("mistral-7b-v0.1").numLayers(32).hiddenSize(4096).numHeads(32).numKvHeads(8)
        .intermediateSize(14336).vocabSize(32000).slidingWindow(4096).build();
    assertEquals(32, m.slidingWindowLayers());
    assertEquals(0, m.fullAttentionLayers());
  }

  @Test
  void rejectsMoreExpertsPerTokenThanExperts() {
    assertRejected("expertsPerToken (9) must not exceed numExperts (8)",
        () -> MoeSpec.builder().numExperts(8).expertsPerToken(9).expertIntermediateSize(14336).build());
  }

  @Test
  void rejectsInvalidMoeSizes() {
    assertRejected("numExperts (0) must be positive",
        () -> MoeSpec.builder().numExperts(0).expertsPerToken(1).expertIntermediateSize(1).build());
    assertRejected("expertIntermediateSize (-1) must be positive",
        () -> MoeSpec.builder().numExperts(8).expertsPerToken(2).expertIntermediateSize(-1).build());
    assertRejected("layerStep (0) must be positive",
        () -> MoeSpec.builder().numExperts(8).expertsPerToken(2).expertIntermediateSize(1).layerStep(0).build());
    assertRejected("firstDenseLayers (-1) must not be negative",
        () -> MoeSpec.builder().numExperts(8).expertsPerToken(2).expertIntermediateSize(1).firstDenseLayers(-1).build());
    assertRejected("numSharedExperts (-1) must not be negative",
        () -> MoeSpec.builder().numExperts(8).expertsPerToken(2).expertIntermediateSize(1).numSharedExperts(-1).build());
  }

  @Test
  void rejectsMoreLeadingDenseLayersThanLayers() {
    assertRejected("moe.firstDenseLayers (62) must not exceed numLayers (61)",
        () -> ModelSpec.builder().from(Fixtures.deepseekV3())
            .moe(MoeSpec.builder().from(Fixtures.deepseekV3().moe().get()).firstDenseLayers(62).build()).build());
  }

  @Test
  void rejectsAZeroDenseWidthUnlessEveryLayerIsMoe() {
    assertRejected("intermediateSize (0) must be positive unless every layer is an MoE layer",
        () -> llama().intermediateSize(0).build());
    assertRejected("intermediateSize (0) must be positive unless every layer is an MoE layer",
        () -> ModelSpec.builder().from(Fixtures.deepseekV3()).intermediateSize(0).build());
    // Mixtral has MoE in every layer: no dense width is needed.
    assertEquals(0, ModelSpec.builder().from(Fixtures.mixtral8x7b()).intermediateSize(0).build().intermediateSize());
  }

  @Test
  void rejectsNonPositiveMlaRanks() {
    assertRejected("kvLoraRank (0) must be positive",
        () -> MlaSpec.builder().kvLoraRank(0).qkRopeHeadDim(64).qkNopeHeadDim(128).vHeadDim(128).build());
    assertRejected("qkRopeHeadDim (-64) must be positive",
        () -> MlaSpec.builder().kvLoraRank(512).qkRopeHeadDim(-64).qkNopeHeadDim(128).vHeadDim(128).build());
    assertRejected("qLoraRank (-1) must not be negative",
        () -> MlaSpec.builder().qLoraRank(-1).kvLoraRank(512).qkRopeHeadDim(64).qkNopeHeadDim(128).vHeadDim(128).build());
  }

  @Test
  void rejectsInvalidEncoders() {
    assertRejected("vision.patchSize (0) must be positive", () -> VisionEncoderSpec.builder().numLayers(24)
        .hiddenSize(1024).intermediateSize(4096).numHeads(16).imageSize(336).patchSize(0).build());
    assertRejected("audio.hiddenSize (-1) must be positive", () -> AudioEncoderSpec.builder().numLayers(32)
        .hiddenSize(-1).intermediateSize(5120).numHeads(20).build());
  }

  @Test
  void unknownPrecisionListsTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.parse("fp12"));
    assertEquals("precision 'fp12' is unknown (one of fp32, tf32, bf16, fp16, fp8, int8, fp4, int4)", e.getMessage());
    assertEquals(Precision.BF16, Precision.parse("torch.bfloat16"));
    assertEquals(0.5, Precision.INT4.bytes(), 0);
  }
}
