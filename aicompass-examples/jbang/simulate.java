///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.aicompass:aicompass-core:0.1.0-SNAPSHOT
//DEPS dev.aicompass:aicompass-catalog:0.1.0-SNAPSHOT

import dev.aicompass.AICompass;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.simulate.SimulatedRequest;
import dev.aicompass.simulate.SimulationOptions;
import dev.aicompass.simulate.SimulationResult;
import dev.aicompass.simulate.SimulationSummary;
import dev.aicompass.workload.Workload;

/** 200 requests from 16 users of Llama-3.1-8B on one H100, served step by step, next to the analytic estimate. */
class simulate {
  public static void main(String[] args) {
    AICompass.DeploymentQuery h100 = AICompass.model("llama-3.1-8b").on("h100-sxm");
    Workload users = Workload.of(1024, 256, 16);

    SimulationResult run = h100.simulate(users, SimulationOptions.of(200, 42));
    SimulationSummary s = run.summary();
    System.out.println("TTFT " + s.ttft());                            // mean, p50, p90, p99
    System.out.println("TPOT " + s.tpot());
    System.out.println("E2E  " + s.e2e());
    System.out.println("output " + s.outputThroughput());

    SimulatedRequest first = run.requests().get(0);
    System.out.println("request 0: first token after " + first.ttft() + ", last at " + first.completion()
        + ", token 2 at " + first.tokenTimes().get(1));

    LatencyEstimate e = h100.performance(users);                       // the closed-form estimate of the same load
    System.out.println("estimate: TTFT " + e.ttft() + ", TPOT " + e.tpot());
  }
}
