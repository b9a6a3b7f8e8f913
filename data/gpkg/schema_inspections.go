package gpkg

// migrationInspections (5, as PostGIS 0005) adds the inspection workflow:
// per-line inspection settings, line versions observed in a round,
// re-measured reference objects, and what each finding is about.
var migrationInspections = migration{5, func() []string {
	return []string{
		`ALTER TABLE boundary_lines ADD COLUMN built_through_markers BOOLEAN NOT NULL DEFAULT 0`,
		`ALTER TABLE boundary_lines ADD COLUMN side_of_a TEXT NOT NULL DEFAULT ''
			CHECK (side_of_a IN ('', 'left', 'right'))`,
		`ALTER TABLE boundary_lines ADD COLUMN number_pattern TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE boundary_lines ADD COLUMN tolerances TEXT NOT NULL DEFAULT '{}'`,
		`ALTER TABLE line_versions ADD COLUMN round_id TEXT REFERENCES inspection_rounds (id)`,
		`CREATE INDEX line_versions_round_ix ON line_versions (round_id)`,
		`ALTER TABLE marker_checks ADD COLUMN reference_objects TEXT NOT NULL DEFAULT '[]'`,
		`ALTER TABLE findings ADD COLUMN subject TEXT NOT NULL DEFAULT ''`,
		`CREATE INDEX inspection_rounds_line_ix ON inspection_rounds (line_id, created)`,
	}
}}
