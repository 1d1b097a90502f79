-- The fingerprint of each jury member's conflict zone as last written: an
-- assignment run computes the zones again from the links and the
-- territories, and rewrites only those whose fingerprint changed, without
-- reading the hundreds of thousands of zone rows back.

ALTER TABLE jury_members ADD COLUMN zone_hash text NOT NULL DEFAULT '';
