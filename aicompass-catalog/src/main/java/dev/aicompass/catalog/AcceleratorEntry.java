package dev.aicompass.catalog;

import dev.aicompass.hardware.Accelerator;
import dev.aicompass.units.Money;
import java.util.List;
import java.util.Optional;

/** An accelerator preset: the {@link Accelerator} datasheet and the catalog metadata that does not belong on it. */
public final class AcceleratorEntry {
  private final Accelerator accelerator;
  private final Optional<Money> listPrice;
  private final Optional<String> priceDate;
  private final Optional<String> priceSource;
  private final Optional<String> notes;
  private final List<String> warnings;
  private final String file;

  AcceleratorEntry(Accelerator accelerator, Optional<Money> listPrice, Optional<String> priceDate,
      Optional<String> priceSource, Optional<String> notes, List<String> warnings, String file) {
    this.accelerator = accelerator;
    this.listPrice = listPrice;
    this.priceDate = priceDate;
    this.priceSource = priceSource;
    this.notes = notes;
    this.warnings = List.copyOf(warnings);
    this.file = file;
  }

  /** Returns the lower-case catalog id, e.g. {@code "h100-sxm"}. */
  public String id() {
    return accelerator.id();
  }

  /** Returns the datasheet (id, name, vendor, kind, memory, bandwidth, peaks, interconnect, TDP, hourly price, source, aliases). */
  public Accelerator accelerator() {
    return accelerator;
  }

  /** Returns the list (purchase) price of one device, if recorded. */
  public Optional<Money> listPrice() {
    return listPrice;
  }

  /** Returns the date the prices were observed, as written in the file (e.g. {@code "2025-06"}). */
  public Optional<String> priceDate() {
    return priceDate;
  }

  /** Returns where the prices come from. */
  public Optional<String> priceSource() {
    return priceSource;
  }

  /** Returns free-text remarks of the catalog author (dense vs sparse figures, what the source lacked), if any. */
  public Optional<String> notes() {
    return notes;
  }

  /**
   * Returns what the entry leaves open, one sentence each: an {@code interconnect} that names the
   * link but gives no {@code intraNode} bandwidth is dropped from the datasheet (multi-device
   * communication cannot be costed) and reported here.
   */
  public List<String> warnings() {
    return warnings;
  }

  /** Returns the catalog file that defines the entry, e.g. {@code "accelerators/nvidia.json"}. */
  public String file() {
    return file;
  }

  @Override
  public String toString() {
    return id();
  }
}
