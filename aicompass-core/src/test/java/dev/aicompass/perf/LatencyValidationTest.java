package dev.aicompass.perf;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runs the performance model over shared/reference/calibration/latency.csv and prints the accuracy
 * table; the assertions are the acceptance targets. Skipped when the CSV is absent.
 */
class LatencyValidationTest {

  @Test
  void calibrationRowsMeetTheAccuracyTargets() throws Exception {
    Optional<Path> csv = LatencyCsv.locate();
    assumeTrue(csv.isPresent(), "calibration/latency.csv not found (set -Daicompass.calibration.dir)");
    List<String> skipped = new ArrayList<>();
    List<LatencyValidation.Row> rows = LatencyCsv.read(csv.get(), skipped);
    LatencyValidation.Report report = LatencyValidation.validate(rows);
    System.out.println(report.table());
    System.out.println("skipped " + skipped.size() + " rows without a model fixture or a numeric TP: " + skipped);

    LatencyValidation.Accuracy thr = report.accuracy("throughput", "offline_max_throughput");
    assertTrue(thr.medianError() <= 0.15, "saturation throughput median error " + thr);
    assertTrue(thr.p90Error() <= 0.35, "saturation throughput p90 error " + thr);
    LatencyValidation.Accuracy ttft = report.accuracy("ttft", "online_serving");
    assertTrue(ttft.medianError() <= 0.25, "TTFT under load median error " + ttft);
    LatencyValidation.Accuracy tpot = report.accuracy("tpot", "online_serving");
    assertTrue(tpot.medianError() <= 0.25, "TPOT under load median error " + tpot);
  }
}
