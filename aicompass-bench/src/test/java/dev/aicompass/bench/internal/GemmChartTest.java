package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aicompass.bench.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class GemmChartTest {

  @Test
  void writesOnePngPerPrecisionHeadless(@TempDir Path dir) throws IOException {
    List<Path> files =
        GemmChart.render(TextReportTest.profile(), Map.of(Precision.BF16, 989e12), dir);
    assertEquals(List.of(dir.resolve("gemm-bf16.png")), files);
    byte[] header = Arrays.copyOf(Files.readAllBytes(files.get(0)), 8);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, header);
  }

  @Test
  void drawsThePeakAsAHorizontalLineAcrossTheSweptM() {
    XYChart chart = GemmChart.chart(TextReportTest.profile(), Precision.BF16,
        TextReportTest.profile().gemm(), 989e12);
    assertEquals(List.of("4096x4096", "28672x4096", "peak 989 TFLOPS"),
        chart.getSeriesCollection().stream().map(XYSeries::getName).toList());
    double[] peakY = chart.getSeries("peak 989 TFLOPS").getYData();
    double[] peakX = chart.getSeries("peak 989 TFLOPS").getXData();
    assertArrayEquals(new double[] {989, 989}, peakY, 1e-9);
    assertArrayEquals(new double[] {1, 4096}, peakX, 1e-9);
  }

  @Test
  void hasNoPeakLineWithoutAPeak() {
    XYChart chart = GemmChart.chart(TextReportTest.profile(), Precision.BF16,
        TextReportTest.profile().gemm(), null);
    assertEquals(2, chart.getSeriesCollection().size());
  }
}
