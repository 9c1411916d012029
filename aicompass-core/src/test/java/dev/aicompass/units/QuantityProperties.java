package dev.aicompass.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Round trips and arithmetic of the double-valued unit types. Ranges are the ones the library deals
 * with (10^k spread log-uniformly): bandwidths 1 MB/s–1 PB/s, rates 1 GFLOPS–100 EFLOPS, counts up
 * to 10^24, times 1 ns–1 day.
 */
class QuantityProperties {

  private static Gen<Double> logUniform(double fromExp, double toExp) {
    return doubles().between(fromExp, toExp).map(e -> Math.pow(10, e));
  }

  /** Printing keeps 2 decimals below 100 units and 1 decimal above: at most 0.5 % relative error. */
  private static final double PRINT = 0.005;

  private static void assertClose(double expected, double actual, String printed) {
    assertEquals(expected, actual, expected * PRINT, () -> expected + " printed as '" + printed + "'");
  }

  @Test
  void bandwidthRoundTripsThroughItsString() {
    qt().forAll(logUniform(6, 15).map(Bandwidth::ofBytesPerSecond))
        .checkAssert(x -> assertClose(x.bytesPerSecond(), Bandwidth.parse(x.toString()).bytesPerSecond(), x.toString()));
  }

  @Test
  void flopRateRoundTripsThroughItsString() {
    qt().forAll(logUniform(9, 20).map(FlopRate::ofFlopsPerSecond))
        .checkAssert(x -> assertClose(x.flopsPerSecond(), FlopRate.parse(x.toString()).flopsPerSecond(), x.toString()));
  }

  @Test
  void flopCountRoundTripsThroughItsString() {
    qt().forAll(logUniform(6, 24).map(FlopCount::of))
        .checkAssert(x -> assertClose(x.flops(), FlopCount.parse(x.toString()).flops(), x.toString()));
  }

  @Test
  void timeSpanRoundTripsThroughItsString() {
    qt().forAll(logUniform(-9, 5).map(TimeSpan::ofSeconds))
        .checkAssert(x -> assertClose(x.seconds(), TimeSpan.parse(x.toString()).seconds(), x.toString()));
  }

  @Test
  void tokenRateRoundTripsThroughItsString() {
    // Printed with 0 decimals from 100 tok/s and 1 decimal below: 0.5 % relative or 0.05 tok/s absolute.
    qt().forAll(logUniform(-1, 7).map(TokenRate::ofTokensPerSecond)).checkAssert(x -> {
      double back = TokenRate.parse(x.toString()).tokensPerSecond();
      assertEquals(x.tokensPerSecond(), back, Math.max(0.05, x.tokensPerSecond() * PRINT), x::toString);
    });
  }

  @Test
  void flopsOverRateTimesRateGivesTheFlopsBack() {
    qt().forAll(logUniform(0, 20).map(FlopCount::of), logUniform(9, 19).map(FlopRate::ofFlopsPerSecond))
        .checkAssert((c, r) -> assertEquals(c.flops(), r.times(c.dividedBy(r)).flops(), c.flops() * 1e-12));
  }

  @Test
  void plusAndTimesAreMonotoneAndNeverNegativeOrNaN() {
    qt().forAll(logUniform(-9, 5), logUniform(-9, 5), doubles().between(0, 1e6)).checkAssert((a, b, f) -> {
      TimeSpan x = TimeSpan.ofSeconds(a);
      TimeSpan y = TimeSpan.ofSeconds(b);
      assertTrue(x.plus(y).compareTo(x.max(y)) >= 0);
      assertTrue(x.times(f).seconds() >= 0 && Double.isFinite(x.times(f).seconds()));
      FlopCount c = FlopCount.of(a);
      assertTrue(c.plus(FlopCount.of(b)).compareTo(c) >= 0);
      assertTrue(c.times(Math.min(f, 2)).compareTo(c.times(Math.max(f, 2))) <= 0);
      TokenRate t = TokenRate.ofTokensPerSecond(a);
      assertTrue(t.plus(TokenRate.ofTokensPerSecond(b)).compareTo(t) >= 0);
    });
  }

  @Test
  void scalingARateThenUnscalingItRoundTrips() {
    DoubleUnaryOperator rel = v -> v * 1e-12;
    qt().forAll(logUniform(6, 15), doubles().between(0.01, 100)).checkAssert((v, f) -> {
      Bandwidth b = Bandwidth.ofBytesPerSecond(v);
      assertEquals(v, b.times(f).times(1 / f).bytesPerSecond(), rel.applyAsDouble(v));
      FlopRate r = FlopRate.ofFlopsPerSecond(v * 1e6);
      assertEquals(v * 1e6, r.times(f).times(1 / f).flopsPerSecond(), rel.applyAsDouble(v * 1e6));
    });
  }
}
