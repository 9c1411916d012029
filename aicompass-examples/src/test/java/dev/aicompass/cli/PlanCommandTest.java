package dev.aicompass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  /** The README's question: Llama-3.1-70B, 2048 + 512 tokens, 64 users, TTFT ≤ 500 ms, TPOT ≤ 50 ms. */
  static final String[] README_CASE = {"plan", "--model", "llama-3.1-70b", "--input-len", "2048", "--output-len", "512",
      "--concurrency", "64", "--ttft", "500ms", "--tpot", "50ms"};
  static final String[] SIX_GPUS = {"--gpu", "h100-sxm", "--gpu", "h200", "--gpu", "mi300x", "--gpu", "l40s", "--gpu",
      "a100-sxm-80gb", "--gpu", "b200"};

  private static String fullCatalogTable;

  @BeforeAll
  static void planOverTheWholeCatalog() {
    Result r = run(README_CASE);
    assertEquals(0, r.exit, r.err);
    fullCatalogTable = r.out;
  }

  @Test
  void tableFitsOneScreenOfOneHundredColumns() {
    List<String> lines = fullCatalogTable.lines().collect(Collectors.toList());
    assertTrue(lines.size() <= 45, lines.size() + " lines:\n" + fullCatalogTable);
    for (String l : lines) {
      assertTrue(l.length() <= 100, l.length() + " columns: " + l);
    }
  }

  @Test
  void tableShowsMemoryPlansBottleneckAndErrorBand() {
    String t = fullCatalogTable;
    assertTrue(t.startsWith("llama-3.1-70b: 2048 in / 512 out, 64 in flight; SLO TTFT ≤ 500 ms, TPOT ≤ 50 ms"), t);
    for (String part : List.of("\nbest: ", "memory per device: ", "  weights  ", "  KV-cache pool  ", "  KV pool: ",
        "best deployment per accelerator: ", "\nbottleneck: prefill ", "decode ", "\nerror band TTFT ×0.86–×4.65: ", "; TPOT ×0.72–×1.36: ")) {
      assertTrue(t.contains(part), "missing '" + part + "' in\n" + t);
    }
    // eight rows, then one line counting the rest of the catalog
    assertTrue(t.contains("\n  8  "), t);
    assertFalse(t.contains("\n  9  "), t);
    assertTrue(t.matches("(?s).*\n  \\+ \\d+ more meet the SLO; \\d+ more miss it \\(.*"), t);
  }

  @Test
  void jsonHoldsModelWorkloadSloMemoryPlansBottleneckAndErrorBand() throws Exception {
    List<String> args = new ArrayList<>(List.of(README_CASE));
    args.addAll(List.of(SIX_GPUS));
    args.add("--json");
    Result r = run(args.toArray(new String[0]));
    assertEquals(0, r.exit, r.err);
    assertEquals(1, r.out.lines().count(), "one JSON object on one line");
    JsonNode n = Json.MAPPER.readTree(r.out);
    assertEquals("llama-3.1-70b", n.get("model").asText());
    assertEquals(2048, n.at("/workload/inputLen").asInt());
    assertEquals(64, n.at("/workload/concurrency").asInt());
    assertTrue(n.at("/workload/requestRate").isNull());
    assertEquals(500.0, n.at("/slo/ttftMs").asDouble());
    assertTrue(r.out.contains("\"slo\":{\"ttftMs\":500,\"tpotMs\":50,"), "round numbers print plainly: " + r.out);
    assertTrue(n.at("/slo/throughput").isNull());
    for (String f : List.of("weightsGiB", "activationGiB", "engineOverheadGiB", "kvCachePoolGiB", "kvCacheTokens",
        "maxConcurrency", "kvCacheRequiredGiB", "totalGiB", "fits", "kvBytesPerToken")) {
      assertTrue(n.get("memory").has(f), "memory lacks " + f);
    }
    assertEquals(6, n.get("plans").size());
    for (JsonNode p : n.get("plans")) {
      for (String f : List.of("gpu", "count", "tp", "pp", "ep", "dp", "ttftMs", "tpotMs", "outputTokensPerSecond",
          "memoryPerGpuGiB", "meetsSlo", "limitedBy")) {
        assertTrue(p.has(f), "plan lacks " + f + ": " + p);
      }
    }
    // the memory is the best plan's: b200 TP2 in the README's recommend table
    assertEquals("b200", n.at("/best/gpu").asText());
    assertEquals("b200", n.at("/memory/gpu").asText());
    assertEquals(n.at("/best/memoryPerGpuGiB").asDouble(), n.at("/memory/totalGiB").asDouble(), 1e-3);
    assertEquals("compute", n.at("/bottleneck/prefill").asText());
    assertEquals("memory", n.at("/bottleneck/decode").asText());
    // vLLM (no calibration rows): the bands of docs/validation/latency-extra.csv
    assertEquals(0.72, n.at("/errorBand/low").asDouble(), 1e-9);
    assertEquals(1.36, n.at("/errorBand/high").asDouble(), 1e-9);
    assertEquals(run(replace(args, "--json", "--format", "json")).out, r.out, "--json is --format json");
  }

  @Test
  void csvHasOneRowPerPlanUnderTheRecommendFieldNames() {
    List<String> args = new ArrayList<>(List.of(README_CASE));
    args.addAll(List.of(SIX_GPUS));
    args.addAll(List.of("--format", "csv"));
    Result r = run(args.toArray(new String[0]));
    assertEquals(0, r.exit, r.err);
    List<String> rows = r.out.lines().collect(Collectors.toList());
    assertEquals("gpu,count,tp,pp,ep,dp,ttftMs,tpotMs,outputTokensPerSecond,memoryPerGpuGiB,meetsSlo,limitedBy,"
        + "costPerMillionOutputTokens", rows.get(0));
    assertEquals(7, rows.size());
    assertTrue(rows.get(1).startsWith("b200,2,2,1,1,1,"), rows.get(1));
    assertTrue(rows.stream().anyMatch(l -> l.startsWith("l40s,") && l.contains(",false,tpot,")), r.out);
  }

  @Test
  void markdownHasTablesAndBoldVerdicts() {
    List<String> args = new ArrayList<>(List.of(README_CASE));
    args.addAll(List.of(SIX_GPUS));
    args.addAll(List.of("--format", "markdown", "--top", "3"));
    Result r = run(args.toArray(new String[0]));
    assertEquals(0, r.exit, r.err);
    assertTrue(r.out.startsWith("### Plan: llama-3.1-70b\n"), r.out);
    assertTrue(r.out.contains("| # | accelerator | devices | layout |"), r.out);
    assertTrue(r.out.contains("| 1 | b200 | 2 | TP2 |"), r.out);
    assertTrue(r.out.contains("Not listed: 2 more meet the SLO; 1 more miss it (tpot 1)"), r.out);
    assertTrue(r.out.contains("**Bottleneck:** prefill compute-bound"), r.out);
    assertTrue(r.out.contains("**Error band:** TTFT ×0.86–×4.65: "), r.out);
  }

  @Test
  void pricesGiveCostPerMillionTokens() throws Exception {
    Result r = run("plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpu", "l40s", "--price", "h100-sxm=2.49",
        "--concurrency", "16", "--tpot", "40ms", "--json");
    assertEquals(0, r.exit, r.err);
    JsonNode n = Json.MAPPER.readTree(r.out);
    for (JsonNode p : n.get("plans")) {
      assertEquals(p.get("gpu").asText().equals("h100-sxm"), p.has("costPerMillionOutputTokens"), p.toString());
    }
    // 2.49 USD/h × 1 device / (output tok/s × 3600 s/h) × 1e6
    JsonNode h100 = n.get("plans").get(0);
    double expected = 2.49 / (h100.get("outputTokensPerSecond").asDouble() * 3600) * 1e6;
    String cost = h100.get("costPerMillionOutputTokens").asText();
    assertTrue(cost.endsWith(" USD"), cost);
    assertEquals(expected, Double.parseDouble(cost.substring(0, cost.length() - 4)), 0.005);
  }

  @Test
  void openLoopAndUnmeetableTargetsAreAnswersNotErrors() {
    Result r = run("plan", "--model", "llama-3.1-8b", "--gpu", "l40s", "--request-rate", "2", "--tpot", "1ms", "--max-gpus", "8");
    assertEquals(0, r.exit, r.err);
    assertTrue(r.out.startsWith("llama-3.1-8b: 1024 in / 256 out, 2 requests/s (open loop); SLO TPOT ≤ 1 ms"), r.out);
    assertTrue(r.out.contains("no deployment of up to 8 devices meets the SLO; closest: "), r.out);
    assertTrue(r.out.contains("no: tpot"), r.out);
  }

  @Test
  void saysWhyThereIsNoLatencyWhenNothingFitsOrTheMethodIsReference() {
    Result none = run("plan", "--model", "llama-3.1-405b", "--gpu", "l4", "--max-gpus", "4", "--concurrency", "4");
    assertEquals(0, none.exit, none.err);
    assertTrue(none.out.contains("no: memory"), none.out);
    assertTrue(none.out.endsWith("no layout fits in memory, so there is no latency, bottleneck or error band\n"), none.out);
    Result ref = run("plan", "--model", "qwen3-32b", "--gpu", "h100-sxm", "--concurrency", "16", "--max-gpus", "8",
        "--method", "reference");
    assertEquals(0, ref.exit, ref.err);
    assertTrue(ref.out.endsWith("method reference estimates memory and device counts only: no latency, bottleneck or "
        + "error band\n"), ref.out);
    assertFalse(ref.out.contains("weights:  GiB"), ref.out);
  }

  @Test
  void chartOptionWritesPngAndSvgOfEachChart(@TempDir Path dir) throws Exception {
    Result r = run("plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpu", "l40s", "--concurrency", "8",
        "--tpot", "40ms", "--chart", dir.toString());
    assertEquals(0, r.exit, r.err);
    for (String name : List.of("memory", "recommendation", "latency", "roofline")) {
      for (String ext : List.of("png", "svg")) {
        Path f = dir.resolve(name + "." + ext);
        assertTrue(Files.size(f) > 1000, f + " is too small");
        assertTrue(r.out.contains("chart: " + f), r.out);
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(8, files.count());
    }
  }

  @Test
  void badInputFailsWithOneLineAndExitTwo() {
    Result r = run("plan", "--model", "llama-3.1-8b", "--gpu", "l40s", "--format", "xml");
    assertEquals(2, r.exit);
    assertEquals("aicompass: --format (xml) must be one of table, markdown, json, csv\n", r.err);
    Result p = run("plan", "--model", "llama-3.1-8b", "--gpu", "l40s", "--price", "h100-sxm=2");
    assertEquals(2, p.exit);
    assertEquals("aicompass: --price h100-sxm: accelerator 'h100-sxm' is not among those searched\n", p.err);
    Result both = run("plan", "--model", "llama-3.1-8b", "--concurrency", "4", "--request-rate", "2");
    assertEquals(2, both.exit);
    assertTrue(both.err.contains("mutually exclusive"), both.err);
  }

  private static String[] replace(List<String> args, String from, String... to) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      if (a.equals(from)) {
        out.addAll(List.of(to));
      } else {
        out.add(a);
      }
    }
    return out.toArray(new String[0]);
  }

  /** Exit code and captured output of one in-process run. */
  static final class Result {
    final int exit;
    final String out;
    final String err;

    Result(int exit, String out, String err) {
      this.exit = exit;
      this.out = out;
      this.err = err;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }
}
