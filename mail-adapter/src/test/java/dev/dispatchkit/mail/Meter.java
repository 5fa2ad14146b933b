package dev.dispatchkit.mail;

import java.lang.reflect.Method;

/**
 * This thread's CPU time and allocated bytes. Through reflection: the tests compile as part of the
 * mail module, which does not read the management modules, but run on the class path.
 */
final class Meter {

  private static final Object THREADS;
  private static final Method CPU;
  private static final Method ALLOCATED;

  static {
    try {
      Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
      THREADS = factory.getMethod("getThreadMXBean").invoke(null);
      Class<?> bean = Class.forName("com.sun.management.ThreadMXBean");
      CPU = bean.getMethod("getCurrentThreadCpuTime");
      ALLOCATED = bean.getMethod("getCurrentThreadAllocatedBytes");
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Meter() {}

  /** CPU nanoseconds this thread used. */
  static long cpu() {
    return call(CPU);
  }

  /** Bytes this thread allocated. */
  static long allocated() {
    return call(ALLOCATED);
  }

  private static long call(Method method) {
    try {
      return (long) method.invoke(THREADS);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
