package dev.aicompass.hardware;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import dev.aicompass.model.Precision;
import dev.aicompass.units.Bandwidth;
import dev.aicompass.units.ByteSize;
import dev.aicompass.units.FlopRate;
import dev.aicompass.units.Money;
import dev.aicompass.units.Power;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An accelerator's datasheet: memory, memory bandwidth, dense peak compute per precision,
 * interconnect, power and price. Catalog presets and custom devices are the same type.
 */
@Value.Immutable
@ValueStyle
public abstract class Accelerator {
  /** Share of the physical memory an engine sees when none is measured (H100: 79.19 of 80 GiB). */
  public static final double DEFAULT_USABLE_FRACTION = 0.99;

  /** Returns the lower-case id, e.g. {@code "h100-sxm"}. */
  public abstract String id();

  /** Returns the display name; defaults to the id. */
  @Value.Default
  public String name() {
    return id();
  }

  @Value.Default
  public AcceleratorKind kind() {
    return AcceleratorKind.GPU;
  }

  @Value.Default
  public String vendor() {
    return "custom";
  }

  /** Returns the physical device memory. */
  public abstract ByteSize memory();

  /** Returns the memory an engine can use (the driver's total); defaults to {@value #DEFAULT_USABLE_FRACTION} of {@link #memory()}. */
  @Value.Default
  public ByteSize usableMemory() {
    return memory().times(DEFAULT_USABLE_FRACTION);
  }

  /** Returns the peak memory bandwidth. */
  public abstract Bandwidth memoryBandwidth();

  /**
   * Returns the dense (non-sparse) peak per precision, as the datasheet gives it; empty for devices
   * without a fixed peak (FPGAs) or whose peak is unpublished, which then support memory estimates only.
   */
  public abstract Map<Precision, FlopRate> peaks();

  public abstract Optional<Interconnect> interconnect();

  public abstract Optional<Power> tdp();

  /**
   * Returns the measured or hand-set efficiency profile of this device, if any; the performance
   * model otherwise uses {@link EfficiencyProfile#defaults(AcceleratorKind)}.
   */
  public abstract Optional<EfficiencyProfile> efficiency();

  /** Returns an hourly rental price per device, if known. */
  public abstract Optional<Money> hourlyPrice();

  /** Returns where the figures come from. */
  @Value.Default
  public String source() {
    return "";
  }

  /** Returns other names the device is known by. */
  public abstract List<String> aliases();

  /**
   * Returns the dense peak for math in {@code precision}, falling back to the closest supported
   * wider format when the device lacks it (FP8 on an A100 runs at FP16 rate; FP16 and BF16 stand in
   * for each other; INT4 falls back to INT8; TF32 falls back to FP32), and empty when nothing applies.
   */
  public Optional<FlopRate> peak(Precision precision) {
    for (Precision p : fallbacks(precision)) {
      FlopRate r = peaks().get(p);
      if (r != null) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Returns the precision whose peak {@link #peak(Precision)} uses for {@code precision}. */
  public Optional<Precision> effectivePrecision(Precision precision) {
    for (Precision p : fallbacks(precision)) {
      if (peaks().containsKey(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static List<Precision> fallbacks(Precision p) {
    switch (p) {
      case FP4:
        return List.of(Precision.FP4, Precision.FP8, Precision.BF16, Precision.FP16, Precision.FP32);
      case INT4:
        return List.of(Precision.INT4, Precision.INT8, Precision.FP16, Precision.BF16, Precision.FP32);
      case FP8:
        return List.of(Precision.FP8, Precision.BF16, Precision.FP16, Precision.FP32);
      case INT8:
        return List.of(Precision.INT8, Precision.FP16, Precision.BF16, Precision.FP32);
      case BF16:
        return List.of(Precision.BF16, Precision.FP16, Precision.FP32);
      case FP16:
        return List.of(Precision.FP16, Precision.BF16, Precision.FP32);
      case TF32:
        return List.of(Precision.TF32, Precision.FP32);
      default:
        return List.of(Precision.FP32, Precision.TF32);
    }
  }

  @Value.Check
  protected void check() {
    Checks.notBlank("id", id());
    Checks.positive("memory", memory().bytes());
    if (usableMemory().isGreaterThan(memory())) {
      throw Checks.invalid("usableMemory", usableMemory().toString(), "not exceed memory (" + memory() + ")");
    }
    Checks.positive("usableMemory", usableMemory().bytes());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link Accelerator}. */
  public static final class Builder extends ImmutableAccelerator.Builder {}

  @Override
  public String toString() {
    return id();
  }
}
