-- DispatchKit schema V6 (postgresql): indexes for large tables (measured on 10,000,000 rows).
-- The active work orders (open or in progress) by expected date, a partial index: the sweep's
-- scans (response overdue, late, reassignable) and the late flag read only active work orders,
-- which a mature table holds few of, in the order of the scan. The queries spell the statuses as
-- literals, so that the planner can prove the index's condition.
CREATE INDEX ${prefix}work_order_active_idx ON ${prefix}work_order (expected_at)
  WHERE status_primary IN ('OPEN', 'IN_PROGRESS');
-- A provider's list counts its matches: with every column of its status, priority and late
-- filters in one index, the count reads the index alone (an index-only scan), not the rows.
CREATE INDEX ${prefix}work_order_provider_status_idx ON ${prefix}work_order
  (provider, status_primary, priority, status_extended, expected_at);
-- The statuses' two columns depend on each other (an extended status belongs to few primary
-- ones): without statistics of the pair, the planner multiplies their selectivities, expects a
-- handful of reassignable work orders where there are thousands, and sorts them all instead of
-- reading the active index in order. ANALYZE (or autovacuum) fills them in.
CREATE STATISTICS ${prefix}work_order_status_stats (mcv) ON status_primary, status_extended
  FROM ${prefix}work_order;
