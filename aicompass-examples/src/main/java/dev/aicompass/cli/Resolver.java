package dev.aicompass.cli;

import dev.aicompass.Method;
import dev.aicompass.catalog.Catalog;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.parallel.Parallelism;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Turns command-line options into library values; every bad value fails with one clear line. */
final class Resolver {
  private final Catalog catalog;

  Resolver(CommonOptions o) {
    this.catalog = catalog(o.catalogs);
  }

  /** Returns the built-in catalog with the user's {@code --catalog} files added, in order. */
  static Catalog catalog(java.util.List<Path> userFiles) {
    return Catalog.builtIn().with(userFiles.toArray(new Path[0]));
  }

  Catalog catalog() {
    return catalog;
  }

  ModelSpec model(String idOrPath) {
    Path p = Path.of(idOrPath);
    if (idOrPath.endsWith(".json") || Files.isRegularFile(p) || Files.isDirectory(p)) {
      Path file = Files.isDirectory(p) ? p.resolve("config.json") : p;
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--model '" + idOrPath + "': no such file " + file);
      }
      return Catalog.importConfig(file).spec();
    }
    return catalog.requireModel(idOrPath).spec();
  }

  Accelerator accelerator(String id) {
    return catalog.requireAccelerator(id).accelerator();
  }

  static Method method(String text) {
    return Method.parse(text);
  }

  EngineProfile engine(CommonOptions o, Double utilization, Integer blockSize) {
    EngineKind kind = EngineKind.parse(o.engine);
    EngineProfile.Builder b = EngineProfile.builder().from(catalog.engineProfile(kind, o.engineVersion));
    if (utilization != null) {
      b.memoryUtilization(utilization);
    }
    if (blockSize != null) {
      b.blockSize(blockSize);
    }
    return b.build();
  }

  Parallelism parallelism(CommonOptions o) {
    int tp;
    if (o.tp != null) {
      tp = o.tp;
      if (o.numGpus != null && o.numGpus != tp * o.pp * o.dp) {
        throw new IllegalArgumentException("--num-gpus (" + o.numGpus + ") must equal tp·pp·dp (" + tp * o.pp * o.dp + ")");
      }
    } else if (o.numGpus != null) {
      if (o.numGpus % (o.pp * o.dp) != 0) {
        throw new IllegalArgumentException("--num-gpus (" + o.numGpus + ") must be a multiple of pp·dp (" + o.pp * o.dp + ")");
      }
      tp = o.numGpus / (o.pp * o.dp);
    } else {
      tp = 1;
    }
    return Parallelism.of(tp, o.pp, o.ep, o.dp);
  }

  Deployment deployment(CommonOptions o, int maxModelLen, Double utilization, Integer blockSize) {
    ModelSpec model = model(o.model);
    Deployment.Builder b = Deployment.builder()
        .model(model)
        .accelerator(accelerator(o.gpu))
        .parallelism(parallelism(o))
        .engine(engine(o, utilization, blockSize))
        .maxModelLen(maxModelLen);
    Precisions p = precisions(catalog, o.quant, o.weightDtype, o.kvDtype);
    p.quantization().ifPresent(q -> b.quantization(Optional.of(q)));
    p.weights().ifPresent(w -> {
      if (w.bits() < 16) {
        b.quantization(Optional.<QuantizationScheme>empty());
      }
      b.weightPrecision(w);
    });
    p.kvCache().ifPresent(b::kvCachePrecision);
    return b.build();
  }

  /** The precision options, read once for a deployment ({@link #deployment}) or the planner (plan, recommend). */
  record Precisions(Optional<QuantizationScheme> quantization, Optional<Precision> weights, Optional<Precision> kvCache) {}

  /**
   * Resolves {@code --quant}, {@code --weight-dtype} (mxfp4 and nvfp4 name quantization schemes; a
   * contradicting {@code --quant} is an error) and {@code --kv-dtype} (auto, or bf16, fp16, fp8, fp32).
   */
  static Precisions precisions(Catalog catalog, String quant, String weightDtype, String kvDtype) {
    Optional<QuantizationScheme> scheme = Optional.ofNullable(quant).map(q -> catalog.requireQuantization(q).scheme());
    Optional<Precision> weights = Optional.empty();
    if (weightDtype != null) {
      String w = weightDtype.toLowerCase(Locale.ROOT);
      if (w.equals("mxfp4") || w.equals("nvfp4")) {
        if (quant != null && !quant.equalsIgnoreCase(w)) {
          throw new IllegalArgumentException("--weight-dtype " + w + " contradicts --quant " + quant);
        }
        scheme = Optional.of(catalog.requireQuantization(w).scheme());
      } else {
        weights = Optional.of(Precision.parse(w));
      }
    }
    Optional<Precision> kv = Optional.empty();
    if (!kvDtype.equalsIgnoreCase("auto")) {
      Precision k = Precision.parse(kvDtype);
      if (k != Precision.BF16 && k != Precision.FP16 && k != Precision.FP8 && k != Precision.FP32) {
        throw new IllegalArgumentException("--kv-dtype (" + kvDtype + ") must be one of auto, bf16, fp16, fp8, fp32");
      }
      kv = Optional.of(k);
    }
    return new Precisions(scheme, weights, kv);
  }
}
