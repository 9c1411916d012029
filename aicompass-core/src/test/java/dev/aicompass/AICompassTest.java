package dev.aicompass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.memory.MemoryEstimator;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.workload.Workload;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fluent entry point with values built by hand (no catalog needed). */
class AICompassTest {

  @Test
  void fluentQueryBuildsTheSameDeploymentAsTheBuilder() {
    Deployment fluent = AICompass.model(Fixtures.llama31_70b()).on(Fixtures.h100()).tensorParallel(4)
        .engine(EngineProfile.sglang()).kvCache(Precision.FP8).maxModelLen(32768).deployment();
    assertEquals(4, fluent.parallelism().tp());
    assertEquals(Precision.FP8, fluent.kvCachePrecision());
    assertEquals(32768, fluent.maxModelLen());
    assertEquals(EngineProfile.sglang(), fluent.engine());
    assertEquals(MemoryEstimator.estimate(fluent).total(),
        AICompass.model(Fixtures.llama31_70b()).on(Fixtures.h100()).tensorParallel(4).engine(EngineProfile.sglang())
            .kvCache(Precision.FP8).maxModelLen(32768).memory().total());
  }

  @Test
  void allParallelDegreesReachTheDeployment() {
    Deployment d = AICompass.model(Fixtures.deepseekV3()).on(Fixtures.h100()).tensorParallel(8).pipelineParallel(2)
        .expertParallel(16).dataParallel(2).deployment();
    assertEquals("TP8 PP2 EP16 DP2", d.parallelism().toString());
    assertEquals(32, d.parallelism().devices());
  }

  @Test
  void quantizationAndWeightsCanBeChosen() {
    Deployment d = AICompass.model(Fixtures.llama31_8b()).on(Fixtures.h100()).quantization("awq-int4").deployment();
    assertEquals(Optional.of(QuantizationScheme.AWQ_INT4), d.quantization());
    Deployment w = AICompass.model(Fixtures.llama31_8b()).on(Fixtures.h100()).weights(Precision.FP8).deployment();
    assertEquals(Precision.FP8, w.weightPrecision());
  }

  @Test
  void methodSelectsTheReferenceFormulas() {
    AICompass.DeploymentQuery q = AICompass.model(Fixtures.llama2_7b()).on(Fixtures.h100()).method(Method.REFERENCE);
    assertEquals(Method.REFERENCE, q.method());
    MemoryBreakdown b = q.memory(Workload.of(1024, 1024, 1));
    assertEquals(Method.REFERENCE, b.method());
    assertEquals(1L << 30, b.kvCachePool().bytes());
    assertEquals(Method.ROOFLINE, Method.parse(" Roofline "));
    assertEquals("method 'exact' is unknown (one of roofline, reference)",
        assertThrows(IllegalArgumentException.class, () -> Method.parse("exact")).getMessage());
  }

  @Test
  void invalidLayoutsFailWhenTheDeploymentIsBuilt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AICompass.model(Fixtures.llama31_8b()).on(Fixtures.h100()).tensorParallel(3).memory());
    assertTrue(e.getMessage().startsWith("tp (3) must divide numAttentionHeads (32)"), e.getMessage());
  }

  @Test
  void aNullModelIsRejected() {
    assertThrows(NullPointerException.class, () -> AICompass.model((dev.aicompass.model.ModelSpec) null));
  }
}
