package dev.aicompass.catalog;

import dev.aicompass.model.ModelSpec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A model preset: its architecture and the metadata the catalog file gives for it. */
public final class ModelEntry {
  private final String id;
  private final String name;
  private final Optional<String> hfId;
  private final List<String> aliases;
  private final String family;
  private final String modality;
  private final String source;
  private final OptionalLong publishedParameters;
  private final OptionalLong publishedActiveParameters;
  private final Optional<String> notes;
  private final ModelSpec spec;
  private final List<String> warnings;
  private final String file;

  ModelEntry(String id, String name, Optional<String> hfId, List<String> aliases, String family, String modality,
      String source, OptionalLong publishedParameters, OptionalLong publishedActiveParameters, Optional<String> notes,
      ModelSpec spec, List<String> warnings, String file) {
    this.id = id;
    this.name = name;
    this.hfId = hfId;
    this.aliases = List.copyOf(aliases);
    this.family = family;
    this.modality = modality;
    this.source = source;
    this.publishedParameters = publishedParameters;
    this.publishedActiveParameters = publishedActiveParameters;
    this.notes = notes;
    this.spec = spec;
    this.warnings = List.copyOf(warnings);
    this.file = file;
  }

  /** Returns the lower-case catalog id, e.g. {@code "llama-3.1-8b"}. */
  public String id() {
    return id;
  }

  /** Returns the display name, e.g. {@code "Llama 3.1 8B"}. */
  public String name() {
    return name;
  }

  /** Returns the Hugging Face repository id the config comes from, e.g. {@code "meta-llama/Llama-3.1-8B-Instruct"}. */
  public Optional<String> hfId() {
    return hfId;
  }

  /** Returns other names that resolve to this entry (case-insensitive). */
  public List<String> aliases() {
    return aliases;
  }

  /** Returns the model family, e.g. {@code "llama"}; empty when the file gives none. */
  public String family() {
    return family;
  }

  /** Returns {@code "text"}, {@code "vision"}, {@code "audio"} or {@code "omni"}. */
  public String modality() {
    return modality;
  }

  /** Returns where the configuration comes from. */
  public String source() {
    return source;
  }

  /** Returns the parameter count the model's publisher states, if the entry records one. */
  public OptionalLong publishedParameters() {
    return publishedParameters;
  }

  /** Returns the active parameters per token the publisher states for a mixture-of-experts model, if recorded. */
  public OptionalLong publishedActiveParameters() {
    return publishedActiveParameters;
  }

  /** Returns free-text remarks of the catalog author (what was assumed, what the source lacked), if any. */
  public Optional<String> notes() {
    return notes;
  }

  /** Returns the architecture imported from the entry's {@code config}, named by the entry's id. */
  public ModelSpec spec() {
    return spec;
  }

  /** Returns the assumptions the importer made for this entry's {@code config} (see {@link ImportResult#warnings()}). */
  public List<String> warnings() {
    return warnings;
  }

  /** Returns the catalog file that defines the entry, e.g. {@code "models/llama.json"}. */
  public String file() {
    return file;
  }

  @Override
  public String toString() {
    return id;
  }
}
