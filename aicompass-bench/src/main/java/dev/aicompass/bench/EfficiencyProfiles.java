package dev.aicompass.bench;

import dev.aicompass.hardware.Accelerator;
import dev.aicompass.hardware.EfficiencyProfile.GemmMeasurement;
import dev.aicompass.units.Bandwidth;
import dev.aicompass.units.FlopRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Turns a measured {@link EfficiencyProfile} (the bench's JSON) into core's performance-model profile. */
public final class EfficiencyProfiles {
  private EfficiencyProfiles() {}

  /**
   * Returns the core profile of {@code profile} measured on {@code accelerator}, through
   * {@link dev.aicompass.hardware.EfficiencyProfile#fromMeasurements}: every GEMM point of every
   * series (both kernels) becomes a {@link GemmMeasurement}, whose best rate per precision and M
   * over the accelerator's datasheet peak is the GEMM efficiency curve; the {@code copy} memory
   * bandwidth over the datasheet bandwidth is the memory efficiency. Precisions the accelerator
   * has no peak for (e.g. INT8 on a catalog entry that lists none) are left out, so the model
   * keeps its analytic curve for them.
   *
   * @param profile the measured profile
   * @param accelerator the catalog accelerator it was measured on (its peaks are the denominators)
   * @throws NullPointerException if an argument is null
   */
  public static dev.aicompass.hardware.EfficiencyProfile toCore(EfficiencyProfile profile,
      Accelerator accelerator) {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(accelerator, "accelerator");
    List<GemmMeasurement> gemm = new ArrayList<>();
    for (EfficiencyProfile.GemmSeries series : profile.gemm()) {
      dev.aicompass.model.Precision precision = toCore(series.precision());
      if (accelerator.peak(precision).isEmpty()) {
        continue;
      }
      for (EfficiencyProfile.GemmPoint p : series.points()) {
        gemm.add(GemmMeasurement.of(precision, p.m(), series.n(), series.k(),
            FlopRate.ofFlopsPerSecond(p.flopsPerSecond())));
      }
    }
    return dev.aicompass.hardware.EfficiencyProfile.fromMeasurements(accelerator, gemm,
        Optional.of(Bandwidth.ofBytesPerSecond(profile.memoryBandwidth().copyBytesPerSecond())));
  }

  /** Returns core's precision of the bench's GEMM input precision. */
  static dev.aicompass.model.Precision toCore(Precision precision) {
    switch (precision) {
      case FP16:
        return dev.aicompass.model.Precision.FP16;
      case BF16:
        return dev.aicompass.model.Precision.BF16;
      case INT8:
        return dev.aicompass.model.Precision.INT8;
      case FP8:
        return dev.aicompass.model.Precision.FP8;
      default:
        throw new IllegalArgumentException("precision (" + precision + ") has no core counterpart");
    }
  }
}
