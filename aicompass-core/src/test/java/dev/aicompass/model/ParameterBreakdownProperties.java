package dev.aicompass.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.aicompass.testing.Generators;
import dev.aicompass.testing.Generators.Shape;
import org.junit.jupiter.api.Test;

class ParameterBreakdownProperties {

  @Test
  void layerCountsAndEndsSumToTheTotal() {
    qt().forAll(Generators.models()).checkAssert(m -> {
      ParameterBreakdown p = m.parameters();
      long finalNorm = (long) m.normKind().vectors() * m.hiddenSize();
      long layers = p.denseLayers() * p.denseLayer().total() + p.moeLayers() * p.moeLayer().total();
      assertEquals(p.total(), layers + p.get(Component.EMBEDDING) + p.get(Component.LM_HEAD) + finalNorm);
      assertEquals(m.numLayers(), p.denseLayers() + p.moeLayers());
      assertEquals(p.total(), p.byComponent().values().stream().mapToLong(Long::longValue).sum());
    });
  }

  @Test
  void activeNeverExceedsTotalAndIsPositive() {
    qt().forAll(Generators.models()).checkAssert(m -> {
      ParameterBreakdown p = m.parameters();
      assertTrue(p.active() > 0 && p.active() <= p.total(), () -> p.active() + " active of " + p.total());
      p.byComponent().forEach((c, n) -> assertTrue(n > 0, c + " = " + n));
    });
  }

  @Test
  void activeCountsExpertsPerTokenOverExpertsOfTheRoutedExperts() {
    qt().forAll(Generators.models()).checkAssert(m -> {
      ParameterBreakdown p = m.parameters();
      long routed = p.get(Component.ROUTED_EXPERTS);
      double fraction = m.moe().map(e -> e.expertsPerToken() / (double) e.numExperts()).orElse(1.0);
      assertEquals(fraction, p.activeExpertFraction(), 0);
      assertEquals(Math.round(routed * fraction), p.active() - (p.total() - routed));
    });
  }

  @Test
  void totalStrictlyIncreasesWithLayers() {
    qt().forAll(Generators.shapes(), integers().between(1, 16)).checkAssert((s, more) -> {
      long before = s.build().parameters().total();
      s.layers += more;
      assertTrue(s.build().parameters().total() > before, s::toString);
    });
  }

  @Test
  void totalStrictlyIncreasesWithHiddenSize() {
    qt().forAll(Generators.shapes(), integers().between(1, 64)).checkAssert((s, more) -> {
      long before = s.build().parameters().total();
      // Keep heads and head_dim, widen the residual stream only.
      s.hidden += more;
      assertTrue(s.build().parameters().total() > before, s::toString);
    });
  }

  @Test
  void totalStrictlyIncreasesWithVocabulary() {
    qt().forAll(Generators.shapes(), integers().between(1, 1024)).checkAssert((s, more) -> {
      long before = s.build().parameters().total();
      s.vocab += more;
      assertTrue(s.build().parameters().total() > before, s::toString);
    });
  }

  @Test
  void tyingEmbeddingsRemovesExactlyOneVocabularyMatrix() {
    qt().forAll(Generators.shapes()).checkAssert(s -> {
      s.tied = false;
      long untied = s.build().parameters().total();
      s.tied = true;
      long tied = s.build().parameters().total();
      assertEquals((long) s.vocab * s.hidden, untied - tied, s::toString);
    });
  }

  @Test
  void moreExpertsPerTokenRaiseActiveParametersWhenThereAreMoeLayers() {
    qt().forAll(Generators.moeShapes()).checkAssert((Shape s) -> {
      if (s.moe.expertsPerToken() == s.moe.numExperts()) {
        s.moe = MoeSpec.builder().from(s.moe).expertsPerToken(s.moe.numExperts() - 1).build();
      }
      ParameterBreakdown before = s.build().parameters();
      s.moe = MoeSpec.builder().from(s.moe).expertsPerToken(s.moe.expertsPerToken() + 1).build();
      ParameterBreakdown after = s.build().parameters();
      assertEquals(before.total(), after.total(), s::toString);
      if (before.moeLayers() > 0) {
        assertTrue(after.active() > before.active(), s::toString);
      } else {
        assertEquals(before.active(), after.active(), s::toString);
      }
    });
  }
}
