package dev.aicompass.spi;

import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.QuantizationScheme;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A source of named presets, found with {@link java.util.ServiceLoader} so that the core's fluent
 * API can resolve ids such as {@code "llama-3.1-8b"} without depending on a catalog module. The
 * {@code aicompass-catalog} module registers one; users may register their own.
 */
public interface PresetSource {
  /** Returns the model with this id or alias (case-insensitive). */
  Optional<ModelSpec> model(String idOrAlias);

  /** Returns the accelerator with this id or alias (case-insensitive). */
  Optional<Accelerator> accelerator(String idOrAlias);

  /** Returns the quantization scheme with this id (case-insensitive). */
  default Optional<QuantizationScheme> quantization(String id) {
    return QuantizationScheme.builtIn(id);
  }

  /** Returns the ids of every model, in catalog order. */
  List<String> modelIds();

  /** Returns every accelerator, in catalog order. */
  Collection<Accelerator> accelerators();

  /** Returns the sources consulted first when several are registered (higher first). */
  default int priority() {
    return 0;
  }
}
