package dev.dispatchkit.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the domain lands: the demo of the whole flow. */
@Command(name = "demo", description = "Runs the DispatchKit demo.")
final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("The demo arrives with the work-order domain.");
    return 0;
  }
}
