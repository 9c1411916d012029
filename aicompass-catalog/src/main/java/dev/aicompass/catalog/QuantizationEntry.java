package dev.aicompass.catalog;

import dev.aicompass.model.QuantizationScheme;
import java.util.List;

/** A quantization scheme preset ({@code --quant} id) with its aliases and source. */
public final class QuantizationEntry {
  private final QuantizationScheme scheme;
  private final List<String> aliases;
  private final String source;
  private final String file;

  QuantizationEntry(QuantizationScheme scheme, List<String> aliases, String source, String file) {
    this.scheme = scheme;
    this.aliases = List.copyOf(aliases);
    this.source = source;
    this.file = file;
  }

  /** Returns the lower-case id, e.g. {@code "awq-int4"}. */
  public String id() {
    return scheme.id();
  }

  /** Returns the scheme: bits per weight, group size, scale and zero-point bits, scope and description. */
  public QuantizationScheme scheme() {
    return scheme;
  }

  /** Returns other names that resolve to this scheme (case-insensitive). */
  public List<String> aliases() {
    return aliases;
  }

  /** Returns where the format is specified. */
  public String source() {
    return source;
  }

  /** Returns the catalog file that defines the entry. */
  public String file() {
    return file;
  }

  @Override
  public String toString() {
    return id();
  }
}
