package dev.dispatchkit.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a main class in a child JVM on this JVM's class path with a small heap, to prove that a
 * piece of work stays within it: the child exits at once on an {@link OutOfMemoryError} ({@code
 * -XX:+ExitOnOutOfMemoryError}), so a test reads the exit code instead of trusting a catch block.
 */
public final class ChildJvm {

  /** Exit code of a JVM that {@code -XX:+ExitOnOutOfMemoryError} stopped. */
  public static final int OUT_OF_MEMORY_EXIT = 3;

  private ChildJvm() {}

  /**
   * The highest heap use seen in this JVM since {@link #start()}, sampled every 5 ms by a daemon
   * thread: for a child to print next to its result. Garbage not yet collected counts, so it reads
   * as an upper bound of what the work needed.
   */
  public static final class PeakHeap {
    private final AtomicLong peak = new AtomicLong();

    private PeakHeap() {}

    /** Starts sampling. */
    public static PeakHeap start() {
      PeakHeap heap = new PeakHeap();
      Runtime memory = Runtime.getRuntime();
      Thread sampler =
          new Thread(
              () -> {
                while (true) {
                  heap.peak.accumulateAndGet(memory.totalMemory() - memory.freeMemory(), Math::max);
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "dispatchkit-peak-heap");
      sampler.setDaemon(true);
      sampler.start();
      return heap;
    }

    /** The highest use seen so far, in MiB. */
    public long peakMegabytes() {
      return peak.get() >> 20;
    }

    /** The heap limit of this JVM, in MiB. */
    public long maxMegabytes() {
      return Runtime.getRuntime().maxMemory() >> 20;
    }
  }

  /**
   * What a child run produced.
   *
   * @param exitCode the child's exit code
   * @param output its standard output and error, merged
   * @param elapsed how long it ran
   */
  public record Result(int exitCode, String output, Duration elapsed) {
    /** Checks the parts. */
    public Result {
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Whether the child ran out of heap. */
    public boolean outOfMemory() {
      return exitCode == OUT_OF_MEMORY_EXIT || output.contains("OutOfMemoryError");
    }
  }

  /**
   * Runs {@code mainClass} with {@code -Xmx<maxHeap>} and waits for it.
   *
   * @param maxHeap the heap limit, such as {@code 64m}
   * @param jvmOptions further options of the child JVM
   * @param timeout how long to wait before the child is killed (the result then has exit code -1)
   * @param mainClass the class whose {@code main} runs
   * @param args its arguments
   * @return the exit code and output
   * @throws IOException when the child cannot be started or its output cannot be read
   * @throws InterruptedException when interrupted while waiting
   */
  public static Result run(
      String maxHeap, List<String> jvmOptions, Duration timeout, Class<?> mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    command.add("-XX:+ExitOnOutOfMemoryError");
    // The child's INFO lines (one per event) would fill the output without telling anything.
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    Path log = Files.createTempFile("child-jvm", ".log");
    try {
      long start = System.nanoTime();
      Process child =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      int exit;
      if (child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        exit = child.exitValue();
      } else {
        child.destroyForcibly().waitFor();
        exit = -1;
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      String output = Files.readString(log, StandardCharsets.UTF_8);
      // Keep the end: that is where a failure's stack trace is.
      if (output.length() > 20_000) {
        output = output.substring(output.length() - 20_000);
      }
      return new Result(exit, output, elapsed);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
