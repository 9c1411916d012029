///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.aicompass:aicompass-core:0.1.0-SNAPSHOT
//DEPS dev.aicompass:aicompass-catalog:0.1.0-SNAPSHOT

import dev.aicompass.AICompass;
import dev.aicompass.Presets;
import dev.aicompass.plan.DeploymentPlan;
import dev.aicompass.plan.PlannerOptions;
import dev.aicompass.plan.Recommendation;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.List;

/** Which accelerators, how many and how split, to serve 64 users of Llama-3.1-70B at TTFT ≤ 500 ms, TPOT ≤ 50 ms? */
class plan {
  public static void main(String[] args) {
    Workload users = Workload.of(2048, 512, 64);                      // 2048 prompt + 512 output tokens, 64 in flight
    ServiceLevel slo = ServiceLevel.of(TimeSpan.ofMillis(500), TimeSpan.ofMillis(50));
    PlannerOptions candidates = PlannerOptions.builder()
        .accelerators(List.of(Presets.accelerator("h100-sxm"), Presets.accelerator("h200"), Presets.accelerator("l40s")))
        .build();

    Recommendation r = AICompass.model("llama-3.1-70b").recommend(users, slo, candidates);
    for (DeploymentPlan p : r.plans()) {
      System.out.println(p);                                           // cheapest layout per accelerator, best first
    }
    DeploymentPlan best = r.best().orElseThrow();
    System.out.println("buy " + best.count() + " × " + best.gpu() + " as " + best.parallelism());
  }
}
