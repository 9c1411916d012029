package dev.aicompass.catalog;

import dev.aicompass.check.CheckOptions;
import dev.aicompass.check.ResolvedCommand;
import dev.aicompass.check.ServingCommand;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves a {@link ServingCommand} against a {@link Catalog}: the model by catalog id, alias or
 * Hugging Face id, or a local checkpoint directory or {@code config.json}; the accelerator by id;
 * the engine's constants at the version checked. The command line's {@code check} and the
 * assertion API resolve through this one class. Immutable and thread-safe.
 */
public final class ServingCommandResolver {
  private final Catalog catalog;
  private final Path baseDirectory;

  private ServingCommandResolver(Catalog catalog, Path baseDirectory) {
    this.catalog = catalog;
    this.baseDirectory = baseDirectory;
  }

  /** Returns a resolver over {@code catalog}; relative model paths resolve against the working directory. */
  public static ServingCommandResolver of(Catalog catalog) {
    return new ServingCommandResolver(Objects.requireNonNull(catalog, "catalog"), Path.of(""));
  }

  /** Returns a resolver over {@link Catalog#builtIn()}. */
  public static ServingCommandResolver builtIn() {
    return of(Catalog.builtIn());
  }

  /** Returns this resolver with relative model paths resolved against {@code directory} (e.g. the script's folder). */
  public ServingCommandResolver relativeTo(Path directory) {
    return new ServingCommandResolver(catalog, Objects.requireNonNull(directory, "directory"));
  }

  public Catalog catalog() {
    return catalog;
  }

  /**
   * Returns the model a serving command names: a local directory holding {@code config.json} or a
   * {@code config.json} file when one exists at that path, else the catalog entry with that id,
   * alias or Hugging Face id.
   *
   * @throws IllegalArgumentException naming the reference and the closest catalog ids when neither matches
   */
  public ModelSpec model(String reference) {
    Objects.requireNonNull(reference, "reference");
    Optional<Path> local = localConfig(reference);
    if (local.isPresent()) {
      return Catalog.importConfig(local.get()).spec();
    }
    Optional<ModelEntry> e = catalog.model(reference);
    if (e.isPresent()) {
      return e.get().spec();
    }
    try {
      catalog.requireModel(reference);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(ex.getMessage() + " (or give a local checkpoint directory with a config.json,"
          + " or add the model with a catalog file)", ex);
    }
    throw new IllegalStateException("unreachable");
  }

  private Optional<Path> localConfig(String reference) {
    if (reference.isBlank()) {
      return Optional.empty();
    }
    Path p;
    try {
      p = baseDirectory.resolve(reference);
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("config.json"))) {
      return Optional.of(p.resolve("config.json"));
    }
    if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json")) {
      return Optional.of(p);
    }
    return Optional.empty();
  }

  /**
   * Returns the engine constants of {@code command}'s engine at {@code version} (the catalog's
   * default version when empty), carrying the stated prefix-cache hit rate.
   *
   * @throws IllegalArgumentException when {@code prefixHitRate} is outside [0, 1]
   */
  public EngineProfile engine(ServingCommand command, Optional<String> version, double prefixHitRate) {
    EngineProfile base = catalog.engineProfile(command.engine(), version.filter(v -> !v.isBlank()).orElse(null));
    return EngineProfile.builder().from(base).prefixCacheHitRate(prefixHitRate).build();
  }

  /**
   * Resolves {@code command} on the catalog accelerator {@code acceleratorId}.
   *
   * @throws IllegalArgumentException for an unknown accelerator or model, or flags the model contradicts
   */
  public ResolvedCommand resolve(ServingCommand command, String acceleratorId, Optional<String> engineVersion,
      double prefixHitRate, CheckOptions options) {
    return resolve(command, catalog.requireAccelerator(acceleratorId).accelerator(), engineVersion, prefixHitRate, options);
  }

  /**
   * Resolves {@code command} on {@code accelerator}: {@link #model(String)}, {@link #engine} and
   * {@link ServingCommand#resolve(ModelSpec, Accelerator, EngineProfile, CheckOptions)}.
   *
   * @throws IllegalArgumentException for an unknown model, or flags the model contradicts
   */
  public ResolvedCommand resolve(ServingCommand command, Accelerator accelerator, Optional<String> engineVersion,
      double prefixHitRate, CheckOptions options) {
    Objects.requireNonNull(command, "command");
    return command.resolve(model(command.model()), accelerator, engine(command, engineVersion, prefixHitRate), options);
  }
}
