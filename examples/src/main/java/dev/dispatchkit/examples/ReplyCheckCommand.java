package dev.dispatchkit.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the reply parser lands. */
@Command(name = "reply-check", description = "Classifies provider replies.")
final class ReplyCheckCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("reply-check arrives with the reply parser.");
    return 1;
  }
}
