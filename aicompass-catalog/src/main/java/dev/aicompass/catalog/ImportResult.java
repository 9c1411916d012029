package dev.aicompass.catalog;

import dev.aicompass.model.ModelSpec;
import java.util.List;

/**
 * A model imported from a Hugging Face {@code config.json}, with the assumptions the importer had
 * to make (a missing {@code torch_dtype}, an unknown architecture read as a generic decoder, the
 * image size assumed for a native-resolution vision encoder, ...).
 */
public final class ImportResult {
  private final ModelSpec spec;
  private final List<String> warnings;

  ImportResult(ModelSpec spec, List<String> warnings) {
    this.spec = spec;
    this.warnings = List.copyOf(warnings);
  }

  /** Returns the imported architecture. */
  public ModelSpec spec() {
    return spec;
  }

  /** Returns one sentence per assumption made, in the order made; empty when the file said everything. */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return spec.name() + (warnings.isEmpty() ? "" : " (" + warnings.size() + " warnings)");
  }
}
