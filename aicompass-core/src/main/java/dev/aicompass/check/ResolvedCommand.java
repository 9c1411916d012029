package dev.aicompass.check;

import dev.aicompass.deploy.Deployment;
import java.util.List;

/**
 * A {@link ServingCommand} resolved against a model and an accelerator: the deployment it starts,
 * the options its estimate needs (speculative decoding), and every note on what was read, assumed
 * or ignored.
 */
public final class ResolvedCommand {
  private final ServingCommand command;
  private final Deployment deployment;
  private final CheckOptions options;
  private final List<String> notes;

  ResolvedCommand(ServingCommand command, Deployment deployment, CheckOptions options, List<String> notes) {
    this.command = command;
    this.deployment = deployment;
    this.options = options;
    this.notes = List.copyOf(notes);
  }

  public ServingCommand command() {
    return command;
  }

  public Deployment deployment() {
    return deployment;
  }

  public CheckOptions options() {
    return options;
  }

  /** Returns the parser's notes followed by those of the resolution (defaults taken, flags without effect). */
  public List<String> notes() {
    return notes;
  }

  /** Returns the flags the parser did not know. */
  public List<String> unknownFlags() {
    return command.unknownFlags();
  }

  @Override
  public String toString() {
    return command + " -> " + deployment.model().name() + " on " + deployment.accelerator().id() + " ("
        + deployment.parallelism() + ")";
  }
}
