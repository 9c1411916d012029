package dev.aicompass.cli;

import static dev.aicompass.cli.Cli.hasFields;
import static dev.aicompass.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code aicompass memory} against shared/docs/CLI.md. */
class MemoryCommandTest {

  @Test
  void jsonHasTheContractFields() {
    JsonNode n = run("memory", "--model", "llama-3.1-70b", "--gpu", "h100-sxm", "--tp", "4", "--kv-dtype", "fp8",
        "--max-model-len", "32768", "--batch", "64", "--input-len", "2048", "--output-len", "512", "--json").json();
    hasFields(n, "weightsGiB", "activationGiB", "engineOverheadGiB", "kvCachePoolGiB", "kvCacheTokens", "maxConcurrency",
        "kvCacheRequiredGiB", "totalGiB", "fits", "kvBytesPerToken");
    assertTrue(n.get("fits").isBoolean());
    // README's worked example: 40 KiB of FP8 KV per token per device (80 layers × 2 KV heads × 128 × 2 × 1 byte)
    assertEquals(40 * 1024, n.get("kvBytesPerToken").asLong());
    // maxConcurrency = kvCacheTokens / maxModelLen
    assertEquals(n.get("kvCacheTokens").asDouble() / 32768, n.get("maxConcurrency").asDouble(), 0.01);
    assertTrue(n.get("kvCacheRequiredGiB").isNumber());
  }

  @Test
  void kvCacheRequiredIsNullWithoutAWorkload() {
    JsonNode n = run("memory", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--json").json();
    assertTrue(n.get("kvCacheRequiredGiB").isNull());
  }

  @Test
  void notFittingIsAnAnswerNotAnError() {
    JsonNode n = run("memory", "--model", "llama-3.1-70b", "--gpu", "l4", "--json").json();
    assertFalse(n.get("fits").asBoolean());
  }

  @Test
  void humanOutputEndsWithTheHint() {
    Cli.Run r = run("memory", "--model", "llama-3.1-8b", "--gpu", "h100-sxm");
    assertEquals(0, r.code);
    assertTrue(r.out.contains("KV-cache pool"), r.out);
  }

  @Test
  void unknownModelIsBadInputOnOneLine() {
    run("memory", "--model", "llama-9", "--gpu", "h100-sxm", "--json").fails(2, "model 'llama-9' is unknown").oneLine();
  }

  @Test
  void badKvDtypeIsBadInput() {
    run("memory", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--kv-dtype", "int4").fails(2, "--kv-dtype").oneLine();
  }

  @Test
  void missingGpuIsBadInput() {
    run("memory", "--model", "llama-3.1-8b").fails(2, "--gpu");
  }

  @Test
  void inconsistentDeviceCountIsBadInput() {
    run("memory", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--tp", "2", "--num-gpus", "3")
        .fails(2, "--num-gpus (3)").oneLine();
  }
}
