-- DispatchKit schema V3 (h2): a work order whose service request bounced is undelivered
-- until it is reassigned or answered. Existing rows were delivered as far as anyone knows.
ALTER TABLE ${prefix}work_order ADD COLUMN undelivered BOOLEAN DEFAULT FALSE NOT NULL;
