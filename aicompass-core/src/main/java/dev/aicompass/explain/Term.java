package dev.aicompass.explain;

import java.util.Objects;

/**
 * One step of a derivation: a named quantity, the formula that produced it with its inputs
 * substituted, and the result with its unit, e.g.
 * {@code kvBytesPerToken = 2 · layers 32 · kvHeads 8 · headDim 128 · 2 B = 131072 B}.
 */
public final class Term {
  private final String name;
  private final String formula;
  private final String result;

  private Term(String name, String formula, String result) {
    this.name = Objects.requireNonNull(name, "name");
    this.formula = Objects.requireNonNull(formula, "formula");
    this.result = Objects.requireNonNull(result, "result");
  }

  /** Returns a term named {@code name} computed by {@code formula} to {@code result}. */
  public static Term of(String name, String formula, Object result) {
    return new Term(name, formula, String.valueOf(result));
  }

  public String name() {
    return name;
  }

  public String formula() {
    return formula;
  }

  public String result() {
    return result;
  }

  @Override
  public String toString() {
    return formula.isEmpty() ? name + " = " + result : name + " = " + formula + " = " + result;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Term
        && ((Term) o).name.equals(name)
        && ((Term) o).formula.equals(formula)
        && ((Term) o).result.equals(result);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, formula, result);
  }
}
