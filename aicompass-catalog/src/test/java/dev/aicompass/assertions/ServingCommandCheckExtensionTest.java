package dev.aicompass.assertions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.aicompass.check.CheckResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs small test classes that use {@link ServingCommandCheck} through the JUnit launcher and reads their outcome. */
class ServingCommandCheckExtensionTest {
  static final String GOOD = "vllm serve meta-llama/Llama-3.1-8B-Instruct --max-model-len 8192";

  /** A service whose command meets its targets; the test takes the check as a parameter. */
  static class Meets {
    static CheckResult seen;

    @Test
    @ServingCommandCheck(command = GOOD, gpu = "h100-sxm", concurrency = 16, ttftMs = 500, tpotMs = 50)
    void latencyBudget(CheckResult result) {
      seen = result;
    }
  }

  /** A class-level check that misses TPOT: every test of the class fails with the report. */
  @ServingCommandCheck(command = GOOD, gpu = "h100-sxm", inputLen = 2048, concurrency = 256, tpotMs = 20)
  static class Misses {
    @Test
    void one() {}

    @Test
    void two() {}
  }

  /** A command file that does not exist. */
  static class NoFile {
    @Test
    @ServingCommandCheck(file = "deploy/nope.sh", gpu = "h100-sxm")
    void check() {}
  }

  private static List<TestExecutionResult> run(Class<?> c) {
    List<TestExecutionResult> results = new ArrayList<>();
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(c)).build();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
          results.add(result);
        }
      }
    });
    return results;
  }

  @Test
  void aCommandThatMeetsItsTargetsPassesAndInjectsTheCheck() {
    Meets.seen = null;
    List<TestExecutionResult> r = run(Meets.class);
    assertEquals(1, r.size());
    assertEquals(TestExecutionResult.Status.SUCCESSFUL, r.get(0).getStatus(), r.toString());
    assertTrue(Meets.seen.passes());
    assertEquals(16, Meets.seen.workload().concurrency());
  }

  @Test
  void aClassLevelMissFailsWithTheReport() {
    List<TestExecutionResult> r = run(Misses.class);
    assertTrue(r.stream().anyMatch(x -> x.getStatus() == TestExecutionResult.Status.FAILED), r.toString());
    Throwable t = r.stream().filter(x -> x.getThrowable().isPresent()).findFirst().get().getThrowable().get();
    assertTrue(t instanceof AssertionError, t.toString());
    assertTrue(t.getMessage().contains("TPOT ≤ 20 ms"), t.getMessage());
    assertTrue(t.getMessage().contains("verdict: FAIL"), t.getMessage());
  }

  @Test
  void aMissingFileIsAConfigurationError() {
    List<TestExecutionResult> r = run(NoFile.class);
    Throwable t = r.stream().filter(x -> x.getThrowable().isPresent()).findFirst().get().getThrowable().get();
    assertTrue(t.getMessage().startsWith("@ServingCommandCheck file 'deploy/nope.sh' is neither a file"), t.getMessage());
  }
}
