package dev.aicompass.catalog.internal;

import dev.aicompass.catalog.AcceleratorEntry;
import dev.aicompass.catalog.Catalog;
import dev.aicompass.catalog.ModelEntry;
import dev.aicompass.catalog.QuantizationEntry;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.spi.PresetSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Serves the built-in {@link Catalog} to {@link dev.aicompass.Presets} through
 * {@link java.util.ServiceLoader} (registered in {@code META-INF/services}), so that
 * {@code Presets.model("llama-3.1-8b")} and {@code AICompass.model(...)} resolve catalog ids with
 * only the core and catalog modules on the class path.
 */
public final class CatalogPresetSource implements PresetSource {
  private final Catalog catalog;

  /** Creates the source over {@link Catalog#builtIn()} (loaded on first use). */
  public CatalogPresetSource() {
    this.catalog = null;
  }

  /** Creates a source over {@code catalog}, e.g. the built-ins plus a user's {@code --catalog} file. */
  public CatalogPresetSource(Catalog catalog) {
    this.catalog = catalog;
  }

  private Catalog catalog() {
    return catalog != null ? catalog : Catalog.builtIn();
  }

  @Override
  public Optional<ModelSpec> model(String idOrAlias) {
    return catalog().model(idOrAlias).map(ModelEntry::spec);
  }

  @Override
  public Optional<Accelerator> accelerator(String idOrAlias) {
    return catalog().accelerator(idOrAlias).map(AcceleratorEntry::accelerator);
  }

  @Override
  public Optional<QuantizationScheme> quantization(String id) {
    Optional<QuantizationScheme> q = catalog().quantization(id).map(QuantizationEntry::scheme);
    return q.isPresent() ? q : QuantizationScheme.builtIn(id);
  }

  @Override
  public List<String> modelIds() {
    return catalog().models().stream().map(ModelEntry::id).collect(Collectors.toList());
  }

  @Override
  public Collection<Accelerator> accelerators() {
    return catalog().accelerators().stream().map(AcceleratorEntry::accelerator).collect(Collectors.toList());
  }
}
