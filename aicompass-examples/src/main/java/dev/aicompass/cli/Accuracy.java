package dev.aicompass.cli;

import dev.aicompass.catalog.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The accuracy tables of the HTML report: the memory validation run now over
 * {@code shared/reference/calibration/memory.csv} (and {@code docs/validation/memory-extra.csv})
 * when found from the working directory, otherwise the figures published in README.md with their
 * sources; latency figures are always the published ones (their validation is a test).
 */
final class Accuracy {
  /** One table: a title, where its numbers come from, a header and rows. */
  static final class Table {
    final String title;
    final String source;
    final boolean computedNow;
    final List<String> header;
    final List<List<String>> rows;
    final String note;

    Table(String title, String source, boolean computedNow, List<String> header, List<List<String>> rows, String note) {
      this.title = title;
      this.source = source;
      this.computedNow = computedNow;
      this.header = header;
      this.rows = rows;
      this.note = note;
    }
  }

  private static final List<String> MEMORY_HEADER = List.of("quantity (per GPU)", "rows", "median", "p90", "max");
  private static final List<String> LABELS = List.of("weights (\"Model loading took\")",
      "activation peak (\"torch peak memory increase\")", "KV-cache pool (\"Available KV cache memory\")",
      "KV-cache tokens (\"GPU KV cache size\")");

  // Published in README.md, section "Accuracy" (keep in step with it).
  static final String README_MEMORY_SOURCE = "README.md, as published: aicompass validate memory over "
      + "shared/reference/calibration/memory.csv (vLLM 0.11–0.19 on H100, one 2023 vLLM 0.2.4 pair on A100; sources: "
      + "llm-d-incubation/llm-d-planner PR #205 raw logs, vLLM PRs #10511 and #2031)";
  static final List<List<String>> README_MEMORY = List.of(
      List.of(LABELS.get(0), "38", "0.01 %", "0.24 %", "0.78 %"),
      List.of(LABELS.get(1), "38", "0.65 %", "2.61 %", "12.2 %"),
      List.of(LABELS.get(2), "38", "0.04 %", "0.09 %", "0.61 %"),
      List.of(LABELS.get(3), "39", "0.03 %", "0.20 %", "42.0 %"));
  static final String README_MEMORY_NOTE = "The 42 % is row M080 (Llama-2-70B TP4, vLLM ~0.2.4 of December 2023, whose "
      + "profiler was being fixed in that PR); every vLLM ≥ 0.10 row is within 0.6 % on KV tokens.";
  static final String README_EXTRA_SOURCE = "README.md, as published: eight v0.19 logs not used to fit the memory "
      + "constants (llm-d-planner@d3121e0 accuracy/results/v0.19.0/logs), aicompass validate memory --file "
      + "docs/validation/memory-extra.csv";
  static final List<List<String>> README_EXTRA = List.of(
      List.of("weights", "8", "0.12 %", "2.17 %", "2.39 %"),
      List.of("activation peak (in-sample)", "8", "0.87 %", "2.36 %", "4.16 %"),
      List.of("KV-cache pool", "8", "0.20 %", "0.76 %", "1.15 %"),
      List.of("KV-cache tokens", "8", "0.19 %", "0.77 %", "1.14 %"));
  static final String README_LATENCY_SOURCE = "README.md, as published: aicompass validate latency over the 324 usable "
      + "rows of shared/reference/calibration/latency.csv (TensorRT-LLM v0.17 performance overview on A100/H100/H200/GH200/"
      + "L40S for Llama-3.1-8B/70B, Mistral-7B, Mixtral-8x7B/8x22B; Triton TensorRT-LLM online-serving rows; early "
      + "static-batch blogs)";
  static final List<List<String>> README_LATENCY = List.of(
      List.of("saturation throughput", "offline max-throughput", "276", "4.3 %", "11.3 %", "25.1 %"),
      List.of("output throughput", "online serving", "36", "2.7 %", "25.0 %", "87.5 %"),
      List.of("TTFT", "online serving", "36", "7.3 %", "26.6 %", "35.2 %"),
      List.of("TPOT", "online serving", "36", "7.2 %", "22.4 %", "32.1 %"),
      List.of("throughput", "static batch (confidence C)", "12", "17.9 %", "31.0 %", "143 %"));
  static final String README_LATENCY_NOTE = "For TensorRT-LLM the error bands printed with each estimate come from these "
      + "residuals (throughput ×0.92–×1.09, latency ×0.83–×1.36).";
  static final String README_SERVED_SOURCE = "README.md, as published: aicompass validate latency --file "
      + "docs/validation/latency-extra.csv, 195 estimable rows of vLLM 0.5–0.11 and SGLang 0.3–0.5.7 on H100/H200/A100/"
      + "RTX 4090/MI300X/TPU v6e/Ascend 910B from public benchmark reports, without the 63 DeepSeek rows of engines of its "
      + "first weeks (step overhead, request overhead and the AMD GEMM factor were fitted on parts of this set)";
  static final List<List<String>> README_SERVED = List.of(
      List.of("output throughput", "online serving", "29", "8.4 %", "21.9 %", "-"),
      List.of("TTFT", "online serving", "29", "25.5 %", "76.6 %", "-"),
      List.of("TPOT", "online serving", "24", "11.2 %", "65.8 %", "-"),
      List.of("saturation throughput", "offline (all at once)", "73", "39.2 %", "250 %", "-"),
      List.of("throughput", "static batch", "30", "9.1 %", "24.6 %", "28.8 %"));
  static final String README_SERVED_NOTE = "For vLLM, SGLang and other engines without calibration rows the bands come "
      + "from these residuals: TPOT and latency ×0.72–×1.36, TTFT ×0.86–×4.65, saturation throughput ×0.29–×1.09.";

  private Accuracy() {}

  /** Returns the tables, looking for the CSV files from the working directory up. */
  static List<Table> tables(Catalog catalog) {
    return tables(catalog, find("shared/reference/calibration/memory.csv"), find("docs/validation/memory-extra.csv"));
  }

  /**
   * Returns the tables: memory (computed now from {@code memoryCsv} when present and readable),
   * out-of-sample memory (likewise from {@code extraCsv}), latency (published).
   */
  static List<Table> tables(Catalog catalog, Optional<Path> memoryCsv, Optional<Path> extraCsv) {
    List<Table> out = new ArrayList<>();
    Table memory = memoryCsv.flatMap(p -> computed(p, catalog,
        "Memory estimates vs vLLM startup logs (computed now)", README_MEMORY_NOTE)).orElse(null);
    out.add(memory != null ? memory : new Table("Memory estimates vs vLLM startup logs (published)", README_MEMORY_SOURCE,
        false, MEMORY_HEADER, README_MEMORY, README_MEMORY_NOTE));
    Table extra = extraCsv.flatMap(p -> computed(p, catalog, "Out of sample: memory vs eight more v0.19 logs (computed now)",
        "Not used to fit the memory constants, except that the MXFP4 expert-layout factor was read off the gpt-oss-20b TP1 row."))
        .orElse(null);
    out.add(extra != null ? extra : new Table("Out of sample: memory vs eight more v0.19 logs (published)", README_EXTRA_SOURCE,
        false, MEMORY_HEADER, README_EXTRA, ""));
    out.add(new Table("Throughput and latency vs TensorRT-LLM tables (published)", README_LATENCY_SOURCE, false,
        List.of("quantity", "category", "rows", "median", "p90", "max"), README_LATENCY, README_LATENCY_NOTE));
    out.add(new Table("Beyond the calibration set: vLLM and SGLang reports (published)", README_SERVED_SOURCE, false,
        List.of("quantity", "category", "rows", "median", "p90", "max"), README_SERVED, README_SERVED_NOTE));
    return out;
  }

  private static Optional<Table> computed(Path csv, Catalog catalog, String title, String note) {
    try {
      List<MemoryValidation.Row> rows = MemoryValidation.run(Csv.read(csv), catalog);
      List<List<String>> table = new ArrayList<>();
      for (int i = 0; i < MemoryValidation.METRICS.size(); i++) {
        double[] s = MemoryValidation.summary(rows, MemoryValidation.METRICS.get(i));
        if (s[3] == 0) {
          continue;
        }
        table.add(List.of(LABELS.get(i), String.valueOf((int) s[3]), pct(s[0]), pct(s[1]), pct(s[2])));
      }
      if (table.isEmpty()) {
        return Optional.empty();
      }
      long skipped = rows.stream().filter(r -> r.skipped != null).count();
      String source = "aicompass validate memory over " + csv.toAbsolutePath().normalize() + " (" + rows.size() + " rows"
          + (skipped > 0 ? ", " + skipped + " skipped" : "") + "), relative error |estimate − measured| / measured";
      return Optional.of(new Table(title, source, true, MEMORY_HEADER, table, note));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static String pct(double fraction) {
    double p = fraction * 100;
    return String.format(Locale.ROOT, p >= 10 ? "%.1f %%" : "%.2f %%", p);
  }

  /** Finds {@code relative} in the working directory or above it, or beside an ancestor (a sibling {@code shared/}). */
  static Optional<Path> find(String relative) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path c = d.resolve(relative);
      if (Files.isRegularFile(c)) {
        return Optional.of(c);
      }
      if (relative.startsWith("shared/")) {
        Path s = d.resolveSibling(relative);
        if (Files.isRegularFile(s)) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }
}
