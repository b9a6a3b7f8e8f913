-- Division history reaches back centuries (秀山 was made a county in 1735),
-- so event dates run from year 1, not 1900. The upper bound stays.
ALTER TABLE division_event DROP CONSTRAINT division_event_date_ck;
ALTER TABLE division_event ADD CONSTRAINT division_event_date_ck
    CHECK (date > '0001-01-01' AND date < '2200-01-01');
