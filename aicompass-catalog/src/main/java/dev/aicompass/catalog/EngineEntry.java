package dev.aicompass.catalog;

import dev.aicompass.catalog.internal.VersionRange;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;

/**
 * A serving-engine preset: an {@link EngineProfile} (memory rules and scheduler limits) for the
 * engine versions in {@link #versions()}.
 */
public final class EngineEntry {
  private final String id;
  private final String name;
  private final EngineProfile profile;
  private final VersionRange versions;
  private final String description;
  private final String source;
  private final String file;

  EngineEntry(String id, String name, EngineProfile profile, VersionRange versions, String description, String source,
      String file) {
    this.id = id;
    this.name = name;
    this.profile = profile;
    this.versions = versions;
    this.description = description;
    this.source = source;
    this.file = file;
  }

  /** Returns the lower-case id, e.g. {@code "vllm"} or {@code "vllm-legacy"}. */
  public String id() {
    return id;
  }

  /** Returns the display name, e.g. {@code "vLLM 0.19 (V1 engine)"}; defaults to the id. */
  public String name() {
    return name;
  }

  /** Returns the engine family the constants belong to. */
  public EngineKind kind() {
    return profile.kind();
  }

  /** Returns the profile at the entry's own version. */
  public EngineProfile profile() {
    return profile;
  }

  /** Returns the engine versions the constants describe, e.g. {@code ">=0.18"} ({@code "*"}: all). */
  public String versions() {
    return versions.toString();
  }

  /** Returns whether the constants describe engine {@code version}. */
  public boolean appliesTo(String version) {
    return versions.contains(version);
  }

  /** Returns how the engine sizes its KV-cache pool, in one sentence; empty when the file gives none. */
  public String description() {
    return description;
  }

  /** Returns where the constants come from (measurements, engine documentation). */
  public String source() {
    return source;
  }

  /** Returns the catalog file that defines the entry. */
  public String file() {
    return file;
  }

  @Override
  public String toString() {
    return id + " (" + profile + ")";
  }
}
