-- The joint-inspection workflow: per-line inspection settings, line
-- versions observed in a round, re-measured reference objects, and what
-- each finding is about.

ALTER TABLE boundary_line
    ADD COLUMN built_through_markers boolean NOT NULL DEFAULT false,
    ADD COLUMN side_of_a             text    NOT NULL DEFAULT ''
        CONSTRAINT boundary_line_side_of_a_ck CHECK (side_of_a IN ('', 'left', 'right')),
    ADD COLUMN number_pattern        text    NOT NULL DEFAULT '',
    ADD COLUMN tolerances            jsonb   NOT NULL DEFAULT '{}'
        CONSTRAINT boundary_line_tolerances_ck CHECK (jsonb_typeof(tolerances) = 'object');

-- A party's surveyed version of the line (or of a stretch) submitted in a round.
ALTER TABLE line_version
    ADD COLUMN round_id uuid CONSTRAINT line_version_round_fk REFERENCES inspection_round (id);
CREATE INDEX line_version_round_ix ON line_version (round_id) WHERE round_id IS NOT NULL;

ALTER TABLE marker_check
    ADD COLUMN reference_objects jsonb NOT NULL DEFAULT '[]'
        CONSTRAINT marker_check_reference_objects_ck CHECK (jsonb_typeof(reference_objects) = 'array');

ALTER TABLE finding
    ADD COLUMN subject text NOT NULL DEFAULT '';

CREATE INDEX inspection_round_line_created_ix ON inspection_round (line_id, created);
