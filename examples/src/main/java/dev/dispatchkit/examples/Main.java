package dev.dispatchkit.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The examples' command line: {@code demo} and {@code reply-check}. */
@Command(
    name = "dispatchkit-examples",
    mixinStandardHelpOptions = true,
    versionProvider = ExamplesVersion.class,
    description = "DispatchKit examples.",
    subcommands = {DemoCommand.class, ReplyCheckCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs a subcommand and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a subcommand and returns its exit code, for tests. */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command: demo or reply-check");
  }
}
