package dev.dispatchkit.jdbc;

/**
 * The table names under one prefix. The prefix is checked by the builder (lower-case letters,
 * digits and underscores), so it is safe to write into SQL: table names cannot be parameters.
 */
record Tables(String prefix) {
  String workOrder() {
    return prefix + "work_order";
  }

  String event() {
    return prefix + "event";
  }

  String dispatch() {
    return prefix + "dispatch";
  }

  String inbox() {
    return prefix + "inbox";
  }

  String outbox() {
    return prefix + "outbox";
  }

  String preference() {
    return prefix + "preference";
  }

  String onceMark() {
    return prefix + "once_mark";
  }

  String attachment() {
    return prefix + "attachment";
  }

  String attachmentChunk() {
    return prefix + "attachment_chunk";
  }

  String history() {
    return prefix + JdbcStore.HISTORY_TABLE_SUFFIX;
  }
}
