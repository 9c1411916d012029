package dev.aicompass.plan;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The planner's answer: plans best first (those meeting the service level before those that do not). */
public final class Recommendation {
  private final List<DeploymentPlan> plans;

  Recommendation(List<DeploymentPlan> plans) {
    this.plans = Collections.unmodifiableList(plans);
  }

  /** Returns every plan, best first (JSON {@code plans}). */
  public List<DeploymentPlan> plans() {
    return plans;
  }

  /** Returns the best plan that meets the service level, if any. */
  public Optional<DeploymentPlan> best() {
    return plans.stream().filter(DeploymentPlan::meetsSlo).findFirst();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (DeploymentPlan p : plans) {
      sb.append(p).append('\n');
    }
    return sb.toString();
  }
}
