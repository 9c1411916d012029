package dev.aicompass.cli;

import static dev.aicompass.cli.Cli.hasFields;
import static dev.aicompass.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code aicompass perf} against shared/docs/CLI.md. */
class PerfCommandTest {
  private static final List<String> BOUNDS = List.of("compute", "memory", "communication");

  @Test
  void closedLoopJsonHasTheContractFields() {
    JsonNode n = run("perf", "--model", "llama-3.1-70b", "--gpu", "h100-sxm", "--tp", "4", "--input-len", "2048",
        "--output-len", "512", "--concurrency", "32", "--json").json();
    hasFields(n, "ttftMs", "tpotMs", "outputTokensPerSecond", "outputTokensPerSecondPerGpu", "totalTokensPerSecond",
        "decodeBatch", "prefillBound", "decodeBound", "errorBand");
    hasFields(n.get("errorBand"), "low", "high");
    assertTrue(BOUNDS.contains(n.get("prefillBound").asText()), n.toString());
    assertTrue(BOUNDS.contains(n.get("decodeBound").asText()), n.toString());
    assertEquals(n.get("outputTokensPerSecond").asDouble() / 4, n.get("outputTokensPerSecondPerGpu").asDouble(), 0.02);
    assertTrue(n.get("errorBand").get("low").asDouble() < 1 && n.get("errorBand").get("high").asDouble() > 1);
  }

  @Test
  void openLoopAndMaxThroughputModes() {
    JsonNode open = run("perf", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--request-rate", "2", "--json").json();
    assertEquals("open_loop", open.get("mode").asText());
    JsonNode max = run("perf", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--max-throughput", "--json").json();
    assertEquals("max_throughput", max.get("mode").asText());
    assertTrue(max.get("outputTokensPerSecond").asDouble() > open.get("outputTokensPerSecond").asDouble());
  }

  @Test
  void twoLoadsAreBadInput() {
    run("perf", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--concurrency", "2", "--request-rate", "3")
        .fails(2, "mutually exclusive");
  }

  @Test
  void unknownAcceleratorIsBadInputOnOneLine() {
    run("perf", "--model", "llama-3.1-8b", "--gpu", "h1000", "--json").fails(2, "accelerator 'h1000' is unknown").oneLine();
  }

  @Test
  void nonNumericConcurrencyIsBadInput() {
    run("perf", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--concurrency", "many").fails(2, "--concurrency");
  }
}
