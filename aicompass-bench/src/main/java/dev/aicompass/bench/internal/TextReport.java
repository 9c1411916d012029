package dev.aicompass.bench.internal;

import dev.aicompass.bench.EfficiencyProfile;
import dev.aicompass.bench.Precision;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Formats a profile as a plain-text report: one GEMM table per precision and kernel (rows M,
 * columns N x K, cells achieved TFLOPS), the share of the datasheet peak where one is given,
 * then memory and copy bandwidths and the notes.
 */
public final class TextReport {
  private TextReport() {}

  /**
   * Returns the report.
   *
   * @param peaks datasheet peak rates in FLOP/s per precision; precisions without one are shown
   *     without a share of peak
   */
  public static String format(EfficiencyProfile profile, Map<Precision, Double> peaks) {
    StringBuilder out = new StringBuilder();
    EfficiencyProfile.Device d = profile.device();
    out.append(String.format(Locale.ROOT, "AICompass bench: %s (compute capability %s, %d SMs, %s, "
            + "driver %s%s)%n", d.name(), d.computeCapability(), d.multiprocessors(),
        Quantities.formatBytes(d.memoryBytes()), d.driver(),
        d.catalogId() == null ? "" : ", catalog " + d.catalogId()));
    out.append("measured ").append(profile.measuredAt()).append('\n');
    out.append("method   ").append(profile.method()).append("\n\n");

    Map<String, List<EfficiencyProfile.GemmSeries>> groups = new LinkedHashMap<>();
    for (EfficiencyProfile.GemmSeries s : profile.gemm()) {
      groups.computeIfAbsent(s.precision().id() + " " + s.kernel(), key -> new ArrayList<>())
          .add(s);
    }
    if (groups.isEmpty()) {
      out.append("GEMM: no series measured\n\n");
    }
    for (Map.Entry<String, List<EfficiencyProfile.GemmSeries>> group : groups.entrySet()) {
      appendTable(out, group.getKey(), group.getValue(), peaks, profile.gemm());
    }
    if (profile.gemm().stream().noneMatch(s -> s.kernel().equals("cublas"))) {
      out.append("cuBLAS: not available or not measured (see notes)\n\n");
    }

    EfficiencyProfile.MemoryBandwidth memory = profile.memoryBandwidth();
    out.append("Memory bandwidth (bytes read + written)\n");
    row(out, "copy", Quantities.formatBandwidth(memory.copyBytesPerSecond()));
    row(out, "triad", Quantities.formatBandwidth(memory.triadBytesPerSecond()));
    row(out, "layerNorm", Quantities.formatBandwidth(memory.layerNormBytesPerSecond()));
    out.append("Transfers\n");
    row(out, "host to device", Quantities.formatBandwidth(profile.hostToDeviceBytesPerSecond()));
    row(out, "device to host", Quantities.formatBandwidth(profile.deviceToHostBytesPerSecond()));
    row(out, "device to device", profile.deviceToDeviceBytesPerSecond().isPresent()
        ? Quantities.formatBandwidth(profile.deviceToDeviceBytesPerSecond().getAsDouble())
        : "not measured");
    if (!profile.notes().isBlank()) {
      out.append("\nNotes\n");
      for (String note : profile.notes().split("; ")) {
        out.append("  - ").append(note).append('\n');
      }
    }
    return out.toString();
  }

  private static void appendTable(StringBuilder out, String title,
      List<EfficiencyProfile.GemmSeries> series, Map<Precision, Double> peaks,
      List<EfficiencyProfile.GemmSeries> all) {
    Precision precision = series.get(0).precision();
    Double peak = peaks.get(precision);
    out.append("GEMM ").append(title).append(": achieved TFLOPS");
    if (peak != null) {
      out.append(" (peak ").append(Quantities.formatFlopRate(peak)).append(')');
    }
    out.append('\n');
    TreeSet<Integer> ms = new TreeSet<>();
    series.forEach(s -> s.points().forEach(p -> ms.add(p.m())));
    List<String> headers = new ArrayList<>();
    headers.add("M");
    series.forEach(s -> headers.add(s.n() + "x" + s.k()));
    int[] widths = headers.stream().mapToInt(h -> Math.max(9, h.length())).toArray();
    appendRow(out, headers, widths);
    for (int m : ms) {
      List<String> cells = new ArrayList<>();
      cells.add(Integer.toString(m));
      for (EfficiencyProfile.GemmSeries s : series) {
        cells.add(s.points().stream().filter(p -> p.m() == m).findFirst()
            .map(p -> String.format(Locale.ROOT, "%.1f", p.flopsPerSecond() / 1e12))
            .orElse("-"));
      }
      appendRow(out, cells, widths);
    }
    if (peak != null) {
      List<String> cells = new ArrayList<>();
      cells.add("best/peak");
      for (EfficiencyProfile.GemmSeries s : series) {
        double best = s.points().stream()
            .mapToDouble(EfficiencyProfile.GemmPoint::flopsPerSecond).max().orElse(0);
        cells.add(String.format(Locale.ROOT, "%.1f%%", 100 * best / peak));
      }
      appendRow(out, cells, widths);
    }
    if (series.get(0).kernel().equals("aicompass-mma")) {
      List<String> cells = new ArrayList<>();
      cells.add("vs cuBLAS");
      boolean any = false;
      for (EfficiencyProfile.GemmSeries s : series) {
        String ratio = ratioAtLargestCommonM(s, all);
        any |= !ratio.equals("-");
        cells.add(ratio);
      }
      if (any) {
        appendRow(out, cells, widths);
      }
    }
    out.append('\n');
  }

  /** Returns our rate over cuBLAS' at the largest M both measured for the same shape, or "-". */
  private static String ratioAtLargestCommonM(EfficiencyProfile.GemmSeries ours,
      List<EfficiencyProfile.GemmSeries> all) {
    for (EfficiencyProfile.GemmSeries other : all) {
      if (other.kernel().equals("cublas") && other.precision() == ours.precision()
          && other.n() == ours.n() && other.k() == ours.k()) {
        for (int i = ours.points().size() - 1; i >= 0; i--) {
          EfficiencyProfile.GemmPoint p = ours.points().get(i);
          for (EfficiencyProfile.GemmPoint q : other.points()) {
            if (q.m() == p.m()) {
              return String.format(Locale.ROOT, "%.2fx", p.flopsPerSecond() / q.flopsPerSecond());
            }
          }
        }
      }
    }
    return "-";
  }

  private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      out.append(i == 0 ? String.format(Locale.ROOT, "%-" + widths[i] + "s", cell)
          : String.format(Locale.ROOT, "  %" + widths[i] + "s", cell));
    }
    out.append('\n');
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append(String.format(Locale.ROOT, "  %-17s %s%n", name, value));
  }

  /** Returns an empty peak map to fill, ordered by precision. */
  public static Map<Precision, Double> noPeaks() {
    return new EnumMap<>(Precision.class);
  }
}
