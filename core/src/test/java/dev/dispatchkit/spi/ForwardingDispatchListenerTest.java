package dev.dispatchkit.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every listener method reaches the delegate, with its arguments: a method added to {@link
 * DispatchListener} without its forward fails here.
 */
class ForwardingDispatchListenerTest {

  private static List<Method> listenerMethods() {
    return Arrays.stream(DispatchListener.class.getDeclaredMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()))
        .toList();
  }

  @Test
  void everyListenerMethodIsOverridden() throws NoSuchMethodException {
    assertThat(listenerMethods()).hasSizeGreaterThanOrEqualTo(8);
    for (Method m : listenerMethods()) {
      assertThat(
              ForwardingDispatchListener.class
                  .getDeclaredMethod(m.getName(), m.getParameterTypes())
                  .getDeclaringClass())
          .as(m.getName())
          .isEqualTo(ForwardingDispatchListener.class);
    }
  }

  @Test
  void everyCallReachesTheDelegateWithItsArguments() throws Exception {
    List<String> calls = new ArrayList<>();
    DispatchListener recording =
        (DispatchListener)
            Proxy.newProxyInstance(
                DispatchListener.class.getClassLoader(),
                new Class<?>[] {DispatchListener.class},
                (proxy, method, args) -> {
                  calls.add(
                      method.getName() + Arrays.toString(args == null ? new Object[0] : args));
                  return null;
                });
    ForwardingDispatchListener forwarding =
        new ForwardingDispatchListener() {
          @Override
          protected DispatchListener delegate() {
            return recording;
          }
        };

    List<String> expected = new ArrayList<>();
    for (Method m : listenerMethods()) {
      Object[] args = new Object[m.getParameterCount()];
      for (int i = 0; i < args.length; i++) {
        // Strings are the only parameters that can be made without a fixture; nulls stand for
        // the rest, since forwarding reads none of them.
        args[i] = m.getParameterTypes()[i] == String.class ? m.getName() + "-" + i : null;
      }
      m.invoke(forwarding, args);
      expected.add(m.getName() + Arrays.toString(args));
    }

    assertThat(calls).containsExactlyElementsOf(expected);
  }
}
