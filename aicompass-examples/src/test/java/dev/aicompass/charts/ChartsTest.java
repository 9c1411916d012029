package dev.aicompass.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.AICompass;
import dev.aicompass.catalog.Catalog;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.plan.DeploymentPlan;
import dev.aicompass.plan.Planner;
import dev.aicompass.plan.PlannerOptions;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.w3c.dom.Document;

/** Every chart renders headless to a decodable, non-uniform PNG and a well-formed SVG. */
class ChartsTest {
  private static final ServiceLevel SLO = ServiceLevel.of(TimeSpan.ofMillis(500), TimeSpan.ofMillis(50));
  private static final Workload LOAD = Workload.of(2048, 512, 32);
  private static Deployment deployment;
  private static MemoryBreakdown memory;
  private static LatencyEstimate estimate;
  private static List<DeploymentPlan> plans;

  @BeforeAll
  static void estimates() {
    var q = AICompass.model("llama-3.1-70b").on("h100-sxm").tensorParallel(4);
    deployment = q.deployment();
    memory = q.memory(LOAD);
    estimate = q.performance(LOAD);
    Catalog c = Catalog.builtIn();
    List<Accelerator> gpus = Stream.of("h100-sxm", "h200", "l40s").map(id -> c.requireAccelerator(id).accelerator())
        .collect(Collectors.toList());
    plans = Planner.recommend(deployment.model(), Workload.of(2048, 512, 64), SLO,
        PlannerOptions.builder().accelerators(gpus).maxGpus(16).build()).plans();
  }

  @Test
  void memoryBreakdownIsAPieOfComponentsAndFreeMemory() throws Exception {
    PieChart chart = Charts.memoryBreakdown(memory);
    Set<String> names = names(chart);
    assertTrue(names.stream().anyMatch(n -> n.startsWith("weights: dense FFN")), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("KV-cache pool")), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("free")), names.toString());
    double sum = chart.getSeriesCollection().stream().mapToDouble(s -> s.getValue().doubleValue()).sum();
    // the slices add up to the usable memory (the breakdown fits, so the rest is free)
    assertEquals(memory.usable().toGibibytes(), sum, 1e-6);
    assertRenders(chart);
  }

  @Test
  void latencyChartHasBothLatenciesAndTheTargets() throws Exception {
    XYChart chart = Charts.latencyVsConcurrency(deployment, LOAD, SLO, new int[] {32, 1, 8, 8, 64});
    assertEquals(Set.of("TTFT", "TPOT", "TTFT target 500 ms", "TPOT target 50 ms"), names(chart));
    assertArrayEquals(new double[] {1, 8, 32, 64}, chart.getSeries("TTFT").getXData());
    // the point at the workload's concurrency is the estimate itself
    assertEquals(estimate.ttft().toMillis(), chart.getSeries("TTFT").getYData()[2], 1e-9);
    assertRenders(chart);
  }

  @Test
  void latencyChartRejectsConcurrencyBelowOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Charts.latencyVsConcurrency(deployment, LOAD, SLO, new int[] {0, 4}));
    assertEquals("concurrencies ([0, 4]) must be at least 1", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Charts.latencyVsConcurrency(deployment, LOAD, SLO, new int[0]));
  }

  @Test
  void recommendationHasOneBarPerPlan() throws Exception {
    CategoryChart chart = Charts.recommendation(plans);
    int bars = chart.getSeriesCollection().iterator().next().getXData().size();
    assertEquals(plans.size(), bars);
    assertRenders(chart);
  }

  @Test
  void recommendationRejectsNoPlans() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.recommendation(List.of()));
    assertEquals("plans ([]) must hold at least one plan", e.getMessage());
  }

  @Test
  void rooflinePlotsOperatorsUnderTheRoofs() throws Exception {
    XYChart chart = Charts.roofline(estimate.prefillCost(), estimate.decodeCost(), deployment.accelerator());
    Set<String> names = names(chart);
    assertTrue(names.contains("prefill operators") && names.contains("decode operators"), names.toString());
    // h100-sxm: BF16 989 TFLOP/s and FP8 1979 TFLOP/s dense, 3.35 TB/s (catalog)
    assertTrue(names.stream().anyMatch(n -> n.startsWith("roof BF16: 989 TFLOP/s")), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("roof FP8: 1979 TFLOP/s")), names.toString());
    double peak = 989e12 / 1e12;
    for (double y : chart.getSeries("prefill operators").getYData()) {
      assertTrue(y <= peak * 1.0001, "achieved " + y + " TFLOP/s above the BF16 roof");
    }
    assertRenders(chart);
  }

  @Test
  void saveAllWritesPngAndSvgAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
    List<Path> files = Charts.saveAll(Charts.memoryBreakdown(memory), dir.resolve("out"), "memory");
    assertEquals(List.of(dir.resolve("out/memory.png"), dir.resolve("out/memory.svg")), files);
    for (Path f : files) {
      assertTrue(Files.size(f) > 1000, f + " is " + Files.size(f) + " bytes");
    }
    try (Stream<Path> s = Files.list(dir.resolve("out"))) {
      assertEquals(2, s.count());
    }
  }

  static Set<String> names(Chart<?, ?> chart) {
    return chart.getSeriesCollection().stream().map(s -> s.getName()).collect(Collectors.toSet());
  }

  /** Checks a PNG that decodes to the chart's size with more than a few colours, and an SVG that parses. */
  static void assertRenders(Chart<?, ?> chart) throws Exception {
    byte[] png = Charts.toBytes(chart, Charts.Format.PNG);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    BufferedImage im = ImageIO.read(new ByteArrayInputStream(png));
    assertNotNull(im, "PNG does not decode");
    assertEquals(chart.getWidth(), im.getWidth());
    assertEquals(chart.getHeight(), im.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < im.getHeight(); y += 3) {
      for (int x = 0; x < im.getWidth(); x += 3) {
        colours.add(im.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 10, "PNG has only " + colours.size() + " colours");

    String svg = new String(Charts.toBytes(chart, Charts.Format.SVG), StandardCharsets.UTF_8);
    assertFalse(svg.contains("<!DOCTYPE"), "SVG keeps a DOCTYPE");
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals("svg", doc.getDocumentElement().getLocalName());
    assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
    assertTrue(doc.getElementsByTagNameNS("*", "path").getLength() > 10, "SVG draws almost nothing");
  }
}
