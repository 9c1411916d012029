package dev.aicompass.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.units.ByteSize;
import org.junit.jupiter.api.Test;

/** Engine defaults from ENGINE-MEMORY-NOTES sections 0, 4.4, 5 and 7. */
class EngineProfileTest {

  @Test
  void eachEngineHasItsOwnDefaults() {
    assertEquals(0.9, EngineProfile.vllm().memoryUtilization(), 0);
    assertEquals(16, EngineProfile.vllm().blockSize());
    assertEquals(0.88, EngineProfile.sglang().memoryUtilization(), 0);
    assertEquals(1, EngineProfile.sglang().blockSize());
    assertEquals(32, EngineProfile.trtllm().blockSize());
    assertEquals(1.0, EngineProfile.huggingFace().memoryUtilization(), 0);
    assertFalse(EngineProfile.huggingFace().cudaGraphs());
  }

  @Test
  void vllmConstantsChangeWithTheVersion() {
    // Sampler copies 3.71 from 0.17 (Triton top-k/top-p), 9.67 before; non-torch 0.25 GiB from 0.18, 0.13 before.
    assertEquals(3.71, EngineProfile.vllm("0.19.0").samplerLogitCopies(), 0);
    assertEquals(9.67, EngineProfile.vllm("0.16.1").samplerLogitCopies(), 0);
    assertEquals(ByteSize.ofGibibytes(0.25), EngineProfile.vllm("v0.18.0").nonTorchSingleDevice());
    assertEquals(ByteSize.ofGibibytes(0.13), EngineProfile.vllm("0.17.0rc1").nonTorchSingleDevice());
    assertTrue(EngineProfile.vllm("main").isVllmAtLeast(0, 19), "an unparsable version counts as the latest");
    assertFalse(EngineProfile.sglang().isVllmAtLeast(0, 1));
  }

  @Test
  void rejectsUtilisationOutsideItsRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EngineProfile.builder().kind(EngineKind.VLLM).memoryUtilization(1.2).build());
    assertEquals("memoryUtilization (1.2) must be between 0.05 and 1", e.getMessage());
  }

  @Test
  void parsesEngineNamesAndAliases() {
    assertEquals(EngineKind.TRTLLM, EngineKind.parse("TensorRT-LLM"));
    assertEquals(EngineKind.HF, EngineKind.parse("transformers"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EngineKind.parse("tgi"));
    assertEquals("engine 'tgi' is unknown (one of vllm, sglang, trtllm, hf)", e.getMessage());
  }
}
