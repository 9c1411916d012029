package dev.aicompass.units;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.Quantities;
import java.util.LinkedHashMap;
import java.util.Map;

/** A rate of tokens per second (generated or processed), e.g. {@code "1200 tok/s"}. */
public final class TokenRate implements Comparable<TokenRate> {
  public static final TokenRate ZERO = new TokenRate(0);

  private static final Map<String, Double> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("tok/s", 1.0);
    UNITS.put("tokens/s", 1.0);
    UNITS.put("ktok/s", 1e3);
  }

  private final double tokensPerSecond;

  private TokenRate(double tokensPerSecond) {
    this.tokensPerSecond = tokensPerSecond;
  }

  /** Returns {@code tokensPerSecond} tokens per second (finite, >= 0). */
  public static TokenRate ofTokensPerSecond(double tokensPerSecond) {
    return new TokenRate(Checks.nonNegative("token rate (tok/s)", tokensPerSecond));
  }

  /** Returns the rate of {@code tokens} tokens in {@code time}. */
  public static TokenRate of(double tokens, TimeSpan time) {
    return ofTokensPerSecond(tokens / Checks.positive("time (s)", time.seconds()));
  }

  /** Parses {@code "1200 tok/s"}; a bare number means tokens per second. */
  public static TokenRate parse(String text) {
    return ofTokensPerSecond(Quantities.parse(text, "token rate", UNITS, "tok/s"));
  }

  public double tokensPerSecond() {
    return tokensPerSecond;
  }

  public TokenRate times(double factor) {
    return ofTokensPerSecond(tokensPerSecond * Checks.nonNegative("factor", factor));
  }

  public TokenRate plus(TokenRate other) {
    return ofTokensPerSecond(tokensPerSecond + other.tokensPerSecond);
  }

  @Override
  public int compareTo(TokenRate o) {
    return Double.compare(tokensPerSecond, o.tokensPerSecond);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenRate && Double.compare(((TokenRate) o).tokensPerSecond, tokensPerSecond) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(tokensPerSecond);
  }

  @Override
  public String toString() {
    return Quantities.number(tokensPerSecond, tokensPerSecond >= 100 ? 0 : 1) + " tok/s";
  }
}
