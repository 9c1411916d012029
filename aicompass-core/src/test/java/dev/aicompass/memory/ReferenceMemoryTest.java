package dev.aicompass.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.Method;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.units.ByteSize;
import dev.aicompass.workload.Workload;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's memory formulas (SEED-NOTES section 1.9, T47–T51). The original tool takes a typed
 * parameter total (7e9 for its Llama2-7B preset); ours counts the architecture (6,738,415,616 for the
 * same config). KV, activations and the overhead rule reproduce the tool exactly; the weights differ by
 * that count, and so the totals differ by exactly (7e9 - 6,738,415,616) x 2 B x 1.03.
 */
class ReferenceMemoryTest {

  private static final double GIB = ByteSize.GIB;

  private static MemoryBreakdown reference(ModelSpec m, Precision p, int concurrency) {
    Deployment d = Deployment.builder().model(m).accelerator(Fixtures.h100()).weightPrecision(p).build();
    return MemoryEstimator.estimate(d, Optional.of(Workload.of(1024, 1024, concurrency)), Method.REFERENCE);
  }

  @Test
  void llama2_7bAtBatch1ReproducesTheToolUpToItsParameterCount() {
    // T47: tool weights 13.038516, KV 1.0, act 0.0625, overhead 0.423030, total 14.524047 GiB.
    MemoryBreakdown b = reference(Fixtures.llama2_7b(), Precision.FP16, 1);
    assertEquals(Method.REFERENCE, b.method());
    // KV = 1 x 2048 x 32 x 2 x 32 x 128 x 2 B = 1 GiB exactly; act = 2048 x 4096 x F_act 4 x 2 B = 0.0625 GiB.
    assertEquals(1L << 30, b.kvCachePool().bytes());
    assertEquals(1L << 26, b.activation().bytes());
    // Weights: 6,738,415,616 x 2 B = 13,476,831,232 B (12.551277 GiB; the tool's 7e9 gives 13.038516).
    assertEquals(13_476_831_232L, b.weights().bytes());
    // Overhead 0.03 x (weights + KV + act) = 438,530,457.6 B; total 15,056,212,377.6 B = 14.022190 GiB.
    assertEquals(438_530_458L, b.nonTorch().bytes());
    assertEquals(15_056_212_378L, b.total().bytes());
    assertEquals(14.022190, b.total().bytes() / GIB, 1e-6);
    // With the tool's typed 7e9 instead of our count, the same formulas give the tool's number.
    double parameterGap = (7e9 - 6_738_415_616L) * 2 * 1.03;
    assertEquals(14.524047, (b.total().bytes() + parameterGap) / GIB, 1e-6);
    assertTrue(b.fits());
  }

  @Test
  void llama2_7bAtBatch8ScalesKvAndActivationsOnly() {
    // T49: tool 22.184672 GiB (KV 8.0, act 0.5, overhead 0.646155).
    MemoryBreakdown b = reference(Fixtures.llama2_7b(), Precision.FP16, 8);
    assertEquals(8L << 30, b.kvCachePool().bytes());
    assertEquals(1L << 29, b.activation().bytes());
    assertEquals(21.682815, b.total().bytes() / GIB, 1e-6);
    double parameterGap = (7e9 - 6_738_415_616L) * 2 * 1.03;
    assertEquals(22.184672, (b.total().bytes() + parameterGap) / GIB, 1e-6);
  }

  @Test
  void mixtralKvAndActivationsMatchTheTool() {
    // T50: KV 0.25 GiB; act = 2048 x (4096 x F_shared 4 x 2 + 2 x max(14336, 4096) x F_expert 4 x 2) = 0.5 GiB.
    // The tool's preset weights (1.07e9 shared + 8 x 3.775e9 experts = 31.27e9) understate Mixtral; ours are the
    // architecture's 46,702,792,704, so our total is 90.372952 GiB where the tool prints 60.764761.
    MemoryBreakdown b = reference(Fixtures.mixtral8x7b(), Precision.BF16, 1);
    assertEquals(1L << 28, b.kvCachePool().bytes());
    assertEquals(1L << 29, b.activation().bytes());
    assertEquals(46_702_792_704L * 2, b.weights().bytes());
    assertEquals(90.372952, b.total().bytes() / GIB, 1e-6);
    double presetGap = (46_702_792_704L - 31.27e9) * 2 * 1.03;
    assertEquals(60.764761, (b.total().bytes() - presetGap) / GIB, 1e-6);
  }

  @Test
  void deepseekKvUsesTheToolsHeadDimension() {
    // T51: the tool uses D_h = H / n_heads = 7168 / 128 = 56 and H_kv = 128 (it ignores MLA):
    // 32 x 2048 x 61 x 2 x 128 x 56 x 2 B = 106.75 GiB.
    Deployment d = Deployment.builder().model(Fixtures.deepseekV3()).accelerator(Fixtures.h100())
        .weightPrecision(Precision.FP16).quantization(Optional.empty()).parallelism(Parallelism.tensor(8)).build();
    MemoryBreakdown b = MemoryEstimator.estimate(d, Optional.of(Workload.of(1024, 1024, 32)), Method.REFERENCE);
    // Split evenly over the 8 devices of the replica.
    assertEquals(106.75 / 8, b.kvCachePool().bytes() / GIB, 1e-9);
    assertFalse(b.fits(), "1.2 TiB of FP16 weights over 8 x 80 GiB does not fit");
  }

  @Test
  void withoutAWorkloadOneRequestOfMaxModelLengthIsAssumed() {
    Deployment d = Deployment.builder().model(Fixtures.llama2_7b()).accelerator(Fixtures.h100()).maxModelLen(2048).build();
    MemoryBreakdown b = MemoryEstimator.estimate(d, Optional.empty(), Method.REFERENCE);
    // S = 2047 + 1 = 2048 tokens, B = 1: the same KV as T47.
    assertEquals(1L << 30, b.kvCachePool().bytes());
    assertTrue(b.kvCacheRequired().isEmpty());
  }

  @Test
  void totalIsTheSumOfItsFourTerms() {
    MemoryBreakdown b = reference(Fixtures.llama31_8b(), Precision.BF16, 4);
    long sum = b.weights().bytes() + b.kvCachePool().bytes() + b.activation().bytes() + b.nonTorch().bytes();
    assertEquals((double) sum, (double) b.total().bytes(), 4);
    assertTrue(b.derivation().find("M_overhead").isPresent());
  }
}
