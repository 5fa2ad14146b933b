-- DispatchKit schema V6 (h2): indexes for large tables.
-- A provider's list counts its matches: with every column of its status, priority and late
-- filters in one index, the count reads the index alone, not the rows. (PostgreSQL's V6 also has
-- a partial index of the active work orders; this database has no partial indexes, and the
-- status index of V1 serves the sweep's scans.)
CREATE INDEX ${prefix}work_order_provider_status_idx ON ${prefix}work_order
  (provider, status_primary, priority, status_extended, expected_at);
