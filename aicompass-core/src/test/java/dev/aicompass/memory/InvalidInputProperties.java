package dev.aicompass.memory;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.model.MlaSpec;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.MoeSpec;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.testing.Generators;
import dev.aicompass.testing.Generators.Case;
import dev.aicompass.workload.Workload;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * Whatever invalid value reaches a model, deployment, engine or workload, building it fails with an
 * IllegalArgumentException whose message names the field (STYLE item 5).
 */
class InvalidInputProperties {

  /** One way to break an input: the field it names and the change, given a generated case and a bad magnitude (>= 0). */
  private static final class Breakage {
    final String field;
    final BiConsumer<Case, Integer> build;

    Breakage(String field, BiConsumer<Case, Integer> build) {
      this.field = field;
      this.build = build;
    }

    @Override
    public String toString() {
      return field;
    }
  }

  private static ModelSpec.Builder model(Case c) {
    return ModelSpec.builder().from(c.deployment.model());
  }

  private static Deployment.Builder deployment(Case c) {
    return Deployment.builder().from(c.deployment);
  }

  private static MoeSpec.Builder moe(Case c) {
    return c.deployment.model().moe().map(m -> MoeSpec.builder().from(m))
        .orElse(MoeSpec.builder().numExperts(8).expertsPerToken(2).expertIntermediateSize(1024));
  }

  private static final List<Breakage> BREAKAGES = List.of(
      new Breakage("numLayers", (c, n) -> model(c).numLayers(-n).build()),
      new Breakage("hiddenSize", (c, n) -> model(c).hiddenSize(-n).build()),
      new Breakage("numHeads", (c, n) -> model(c).numHeads(-n).build()),
      new Breakage("numKvHeads", (c, n) -> model(c).numKvHeads(-n).build()),
      new Breakage("numKvHeads", (c, n) -> model(c).numKvHeads(c.deployment.model().numHeads() + 1 + n).build()),
      new Breakage("headDim", (c, n) -> model(c).headDim(-n).build()),
      new Breakage("intermediateSize", (c, n) -> model(c).intermediateSize(-1 - n).build()),
      new Breakage("vocabSize", (c, n) -> model(c).vocabSize(-n).build()),
      new Breakage("maxPositionEmbeddings", (c, n) -> model(c).maxPositionEmbeddings(-n).build()),
      new Breakage("normsPerLayer", (c, n) -> model(c).normsPerLayer(-1 - n).build()),
      new Breakage("slidingWindow", (c, n) -> model(c).slidingWindow(-n).build()),
      new Breakage("slidingWindowLayers",
          (c, n) -> model(c).slidingWindow(512).slidingWindowLayers(c.deployment.model().numLayers() + 1 + n).build()),
      new Breakage("numExperts", (c, n) -> moe(c).numExperts(-n).build()),
      new Breakage("expertsPerToken", (c, n) -> {
        MoeSpec.Builder b = moe(c);
        int experts = b.build().numExperts();
        b.expertsPerToken(experts + 1 + n).build();
      }),
      new Breakage("expertIntermediateSize", (c, n) -> moe(c).expertIntermediateSize(-n).build()),
      new Breakage("firstDenseLayers",
          (c, n) -> model(c).intermediateSize(Math.max(1, c.deployment.model().intermediateSize()))
              .moe(moe(c).firstDenseLayers(c.deployment.model().numLayers() + 1 + n).build()).build()),
      new Breakage("kvLoraRank",
          (c, n) -> MlaSpec.builder().kvLoraRank(-n).qkRopeHeadDim(64).qkNopeHeadDim(128).vHeadDim(128).build()),
      new Breakage("tp", (c, n) -> Parallelism.builder().tp(-n).build()),
      new Breakage("tp",
          (c, n) -> deployment(c).parallelism(Parallelism.tensor(c.deployment.model().numHeads() + 1 + n)).build()),
      new Breakage("pp",
          (c, n) -> deployment(c).parallelism(Parallelism.of(1, c.deployment.model().numLayers() + 1 + n, 1, 1)).build()),
      new Breakage("ep", (c, n) -> Parallelism.of(1, 1, 2 + n, 1)),
      new Breakage("maxModelLen", (c, n) -> deployment(c).maxModelLen(-n).build()),
      new Breakage("memoryUtilization",
          (c, n) -> EngineProfile.builder().from(c.deployment.engine()).memoryUtilization(1.0 + 0.01 * (n + 1)).build()),
      new Breakage("memoryUtilization",
          (c, n) -> EngineProfile.builder().from(c.deployment.engine()).memoryUtilization(Double.NaN).build()),
      new Breakage("blockSize", (c, n) -> EngineProfile.builder().from(c.deployment.engine()).blockSize(-n).build()),
      new Breakage("inputTokens", (c, n) -> Workload.of(-n, 10, 1)),
      new Breakage("outputTokens", (c, n) -> Workload.of(10, -1 - n, 1)),
      new Breakage("concurrency", (c, n) -> Workload.of(10, 10, -n)));

  @Test
  void everyInvalidFieldIsRejectedNamingIt() {
    qt().forAll(Generators.cases(), Generate.pick(BREAKAGES), integers().between(0, 1000)).checkAssert((c, breakage, n) -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> breakage.build.accept(c, n),
          () -> breakage.field + " = bad value " + n + " was accepted");
      assertTrue(e.getMessage().contains(breakage.field), () -> "'" + e.getMessage() + "' does not name " + breakage.field);
    });
  }

  @Test
  void missingRequiredValuesAreRejectedNamingThem() {
    qt().forAll(Generators.cases()).checkAssert(c -> {
      IllegalArgumentException noModel = assertThrows(IllegalArgumentException.class,
          () -> Deployment.builder().accelerator(c.deployment.accelerator()).build());
      assertTrue(noModel.getMessage().contains("model"), noModel::getMessage);
      IllegalArgumentException noDevice = assertThrows(IllegalArgumentException.class,
          () -> Deployment.builder().model(c.deployment.model()).build());
      assertTrue(noDevice.getMessage().contains("accelerator"), noDevice::getMessage);
      IllegalArgumentException noHeads = assertThrows(IllegalArgumentException.class,
          () -> ModelSpec.builder().name("x").numLayers(2).hiddenSize(c.deployment.model().hiddenSize())
              .intermediateSize(128).vocabSize(1000).build());
      assertTrue(noHeads.getMessage().contains("numHeads"), noHeads::getMessage);
    });
  }
}
