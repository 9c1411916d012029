package dev.aicompass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.catalog.Catalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir
  static Path dir;
  private static Path file;
  private static String page;
  private static PlanCommandTest.Result result;

  @BeforeAll
  static void writeReport() throws Exception {
    file = dir.resolve("report.html");
    result = PlanCommandTest.run("report", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpu", "l40s", "--price",
        "h100-sxm=2.49", "--input-len", "1024", "--output-len", "256", "--concurrency", "16", "--ttft", "500ms", "--tpot",
        "40ms", "--html", file.toString());
    assertEquals(0, result.exit, result.err);
    page = Files.readString(file, StandardCharsets.UTF_8);
  }

  @Test
  void printsWhereItWroteThePage() {
    assertTrue(result.out.matches("wrote .*report\\.html \\(\\d+ KiB\\)\\n"), result.out);
  }

  @Test
  void hasEverySection() {
    for (String h : List.of("<h1>AICompass report: llama-3.1-8b</h1>", "<h2>Inputs</h2>", "<h2>Results</h2>",
        "<h3 id=\"memory\">Memory per device</h3>", "<h3 id=\"plans\">Deployments per accelerator</h3>",
        "<h3 id=\"latency\">Latency</h3>", "<h3 id=\"roofline\">Roofline</h3>", "<h2>Derivation</h2>", "<h2>Accuracy</h2>")) {
      assertTrue(page.contains(h), "missing " + h);
    }
  }

  @Test
  void isSelfContained() {
    assertFalse(Pattern.compile("(?i)(src|href)=\"https?:|<link[ >]|<script|@import|url\\(").matcher(page).find());
    Matcher m = Pattern.compile("<img alt=\"[^\"]+\" width=\"800\" height=\"500\" src=\"data:image/svg\\+xml;base64,").matcher(page);
    int charts = 0;
    while (m.find()) {
      charts++;
    }
    assertEquals(4, charts, "memory, recommendation, latency and roofline charts");
  }

  @Test
  void derivesTheHeadlineNumbersFromTheLibrarysTerms() {
    for (String t : List.of("time to first token<br><span class=\"term\">TTFT</span>", "<span class=\"term\">TPOT</span>",
        "<span class=\"term\">kvCachePool</span>", "<span class=\"term\">weights</span>", "<span class=\"term\">layout</span>",
        "<span class=\"term\">cost per 1M output tokens</span>", "request overhead")) {
      assertTrue(page.contains(t), "missing " + t);
    }
  }

  @Test
  void headlineCardsAgreeWithPlan() throws Exception {
    PlanCommandTest.Result json = PlanCommandTest.run("plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpu", "l40s",
        "--price", "h100-sxm=2.49", "--input-len", "1024", "--output-len", "256", "--concurrency", "16", "--ttft", "500ms",
        "--tpot", "40ms", "--json");
    var n = Json.MAPPER.readTree(json.out);
    String ttft = String.format(java.util.Locale.ROOT, "%.1f ms", n.at("/best/ttftMs").asDouble());
    String devices = n.at("/best/count").asInt() + " × " + n.at("/best/gpu").asText();
    assertTrue(page.contains("<div class=\"value\">" + ttft + "</div>"), ttft);
    assertTrue(page.contains("<div class=\"value\">" + devices + "</div>"), devices);
  }

  @Test
  void accuracyFallsBackToThePublishedFiguresWithTheirSources() {
    List<Accuracy.Table> t = Accuracy.tables(Catalog.builtIn(), Optional.empty(), Optional.empty());
    assertEquals(4, t.size());
    assertEquals(Accuracy.README_MEMORY_SOURCE, t.get(0).source);
    assertFalse(t.get(0).computedNow);
    assertEquals(List.of("KV-cache tokens (\"GPU KV cache size\")", "39", "0.03 %", "0.20 %", "42.0 %"), t.get(0).rows.get(3));
    assertEquals(List.of("TTFT", "online serving", "36", "7.3 %", "26.6 %", "35.2 %"), t.get(2).rows.get(2));
    assertEquals(Accuracy.README_SERVED_SOURCE, t.get(3).source);
  }

  @Test
  void publishedTablesAreTheReadmes() throws Exception {
    String readme = java.nio.file.Files.readString(Path.of("../README.md"));
    for (List<String> row : Accuracy.README_MEMORY) {
      assertTrue(readme.contains("| " + String.join(" | ", row) + " |"), row.toString());
    }
    for (List<String> row : Accuracy.README_LATENCY) {
      assertTrue(readme.contains("| " + String.join(" | ", row) + " |"), row.toString());
    }
    assertTrue(readme.contains("TPOT and latency\n×0.72–×1.36, TTFT ×0.86–×4.65, saturation throughput ×0.29–×1.09")
        || readme.contains("TPOT and latency ×0.72–×1.36, TTFT ×0.86–×4.65, saturation throughput ×0.29–×1.09"),
        "the served bands in README");
  }

  @Test
  void accuracyReRunsTheMemoryValidationWhenTheCsvIsThere() {
    Optional<Path> csv = Accuracy.find("shared/reference/calibration/memory.csv");
    org.junit.jupiter.api.Assumptions.assumeTrue(csv.isPresent(), "shared/reference/calibration/memory.csv not found");
    List<Accuracy.Table> t = Accuracy.tables(Catalog.builtIn(), csv, Optional.empty());
    assertTrue(t.get(0).computedNow);
    // README "Accuracy": weights over 38 rows, median 0.01 %
    assertEquals(List.of("weights (\"Model loading took\")", "38", "0.01 %"), t.get(0).rows.get(0).subList(0, 3));
    assertTrue(page.contains("(computed now)"));
  }

  @Test
  void aFailedWriteLeavesNoFile(@TempDir Path empty) throws Exception {
    Path missing = empty.resolve("no/such/dir/report.html");
    PlanCommandTest.Result r = PlanCommandTest.run("report", "--model", "llama-3.1-8b", "--gpu", "l40s", "--html",
        missing.toString());
    assertEquals(2, r.exit);
    assertTrue(r.err.startsWith("aicompass: "), r.err);
    assertEquals(1, r.err.lines().count(), r.err);
    try (Stream<Path> s = Files.walk(empty)) {
      assertEquals(1, s.count(), "only the temporary directory itself");
    }
  }

  @Test
  void badInputWritesNothing(@TempDir Path out) throws Exception {
    Path html = out.resolve("r.html");
    PlanCommandTest.Result r = PlanCommandTest.run("report", "--model", "no-such-model", "--html", html.toString());
    assertEquals(2, r.exit);
    assertFalse(Files.exists(html));
  }
}
