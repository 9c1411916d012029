package dev.aicompass.assertions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checks a serving command kept in the repository before the annotated test (method) or before
 * all tests of the annotated class, with {@link ServingCommandCheckExtension}: the test fails with
 * the capacity report when the command does not fit or misses a target. A test method may take the
 * {@link dev.aicompass.check.CheckResult} as a parameter.
 *
 * <pre>{@code
 * @Test
 * @ServingCommandCheck(file = "deploy/serve.sh", gpu = "h100-sxm", concurrency = 32, ttftMs = 500, tpotMs = 50)
 * void chatServiceMeetsItsLatencyBudget(CheckResult result) { ... }
 * }</pre>
 *
 * <p>Needs {@code org.junit.jupiter:junit-jupiter-api} on the test class path (an optional
 * dependency of this module). Numeric targets of 0 are not checked.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ServingCommandCheckExtension.class)
public @interface ServingCommandCheck {
  /**
   * Returns the launch script or command file: a path relative to the working directory (the
   * module folder under Maven and Gradle) or absolute, else a class-path resource.
   */
  String file() default "";

  /** Returns the serving command itself, when no file is given. */
  String command() default "";

  /** Returns the catalog accelerator id, e.g. {@code "h100-sxm"}. */
  String gpu();

  /** Returns the engine version whose constants apply; default the catalog's (vLLM 0.19). */
  String engineVersion() default "";

  /** Returns a user catalog file (accelerators or models of your own), relative to the working directory. */
  String catalog() default "";

  /** Returns the prompt tokens per request; default 1024. */
  int inputLen() default 1024;

  /** Returns the output tokens per request; default 256. */
  int outputLen() default 256;

  /** Returns the requests in flight (closed loop); default 1. */
  int concurrency() default 1;

  /** Returns the open-loop arrival rate in requests per second; 0 (default) means closed loop at {@link #concurrency()}. */
  double requestRate() default 0;

  /** Returns the largest acceptable time to first token in milliseconds; 0 (default) checks none. */
  double ttftMs() default 0;

  /** Returns the largest acceptable time per output token in milliseconds; 0 (default) checks none. */
  double tpotMs() default 0;

  /** Returns the smallest acceptable output throughput in tokens per second; 0 (default) checks none. */
  double throughput() default 0;

  /** Returns the share of prompt tokens found in the prefix cache; default 0. */
  double prefixHitRate() default 0;

  /** Returns whether latency is judged at the pessimistic edge of the error band; default false. */
  boolean pessimistic() default false;
}
