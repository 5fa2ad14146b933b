/**
 * DispatchKit core: the work-order domain, its rules, the reply parser and the ports that adapters
 * implement. It depends on nothing but the JDK and SLF4J.
 */
module dev.dispatchkit.core {
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.dispatchkit;
  exports dev.dispatchkit.error;
  exports dev.dispatchkit.workorder;
  exports dev.dispatchkit.rules;
  exports dev.dispatchkit.reply;
  exports dev.dispatchkit.message;
  exports dev.dispatchkit.query;
  exports dev.dispatchkit.spi;
}
