package dev.aicompass.explain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The ordered terms that explain how an estimate was computed; printable as the reference documents do by hand. */
public final class Derivation {
  private static final Derivation EMPTY = new Derivation(List.of());

  private final List<Term> terms;

  private Derivation(List<Term> terms) {
    this.terms = Collections.unmodifiableList(terms);
  }

  public static Derivation empty() {
    return EMPTY;
  }

  public static Derivation of(List<Term> terms) {
    return new Derivation(new ArrayList<>(terms));
  }

  public List<Term> terms() {
    return terms;
  }

  /** Returns the first term named {@code name}, if any. */
  public java.util.Optional<Term> find(String name) {
    return terms.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Returns a derivation with the terms of this one followed by those of {@code other}. */
  public Derivation plus(Derivation other) {
    List<Term> all = new ArrayList<>(terms);
    all.addAll(other.terms);
    return new Derivation(all);
  }

  /** Prints one term per line. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Term t : terms) {
      sb.append(t).append('\n');
    }
    return sb.toString();
  }

  /** Collects terms in order. */
  public static final class Builder {
    private final List<Term> terms = new ArrayList<>();

    public Builder add(String name, String formula, Object result) {
      terms.add(Term.of(name, formula, result));
      return this;
    }

    public Builder addAll(Derivation d) {
      terms.addAll(d.terms());
      return this;
    }

    public Derivation build() {
      return new Derivation(new ArrayList<>(terms));
    }
  }

  public static Builder builder() {
    return new Builder();
  }
}
