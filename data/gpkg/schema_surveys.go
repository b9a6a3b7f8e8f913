package gpkg

// surveysVersion is the schema version of surveys, their stored uploads and
// bulk imports; it carries the number of the PostGIS migration that does
// the same (migrations/0004_surveys_and_imports.sql).
const surveysVersion = 4

// rawChunk is the size of the pieces an upload's raw file is kept in, so
// that neither writing nor reading it holds more than one piece in memory.
const rawChunk = 1 << 20

// surveyTables: surveys; upload_files, the request fingerprint and the
// answer kept with each stored upload (its raw bytes in upload_raw, in
// pieces of rawChunk); survey_features, the records of survey uploads as
// a feature layer in EPSG:4490 with the geometry as given (source_geom, a
// GeoPackage blob in its source SRS) beside it.
var surveyTables = []table{
	{name: "surveys", identifier: "surveys 勘测", description: "field campaigns of survey teams",
		columns: `id TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '',
			team TEXT NOT NULL CONSTRAINT surveys_team_ck CHECK (team <> ''),
			device TEXT NOT NULL DEFAULT '', method TEXT NOT NULL DEFAULT '', crs INTEGER NOT NULL,
			accuracy_m DOUBLE NOT NULL CONSTRAINT surveys_accuracy_ck CHECK (accuracy_m >= 0 AND accuracy_m <= 1000),
			created DATETIME NOT NULL`},
	{name: "upload_files", identifier: "upload_files", description: "stored uploads: target, request fingerprint and the answer given",
		columns: `upload_id TEXT NOT NULL UNIQUE REFERENCES survey_uploads (id) ON DELETE CASCADE,
			survey_id TEXT REFERENCES surveys (id),
			target TEXT NOT NULL CONSTRAINT upload_files_target_ck CHECK (target IN ('survey', 'places')),
			request_hash TEXT NOT NULL CONSTRAINT upload_files_hash_ck CHECK (length(request_hash) = 64),
			report TEXT NOT NULL CONSTRAINT upload_files_report_ck CHECK (json_type(report) = 'object')`,
		indexes: []string{`CREATE INDEX upload_files_survey_ix ON upload_files (survey_id)`}},
	{name: "upload_raw", identifier: "upload_raw", description: "raw bytes of stored uploads, in 1 MiB pieces",
		columns: `upload_id TEXT NOT NULL REFERENCES survey_uploads (id) ON DELETE CASCADE,
			seq INTEGER NOT NULL, chunk BLOB NOT NULL, UNIQUE (upload_id, seq)`},
	{name: "survey_features", identifier: "survey_features 勘测记录", description: "records of survey uploads; geom in EPSG:4490, source_geom as given",
		geomType: "GEOMETRY",
		columns: `upload_id TEXT NOT NULL REFERENCES survey_uploads (id) ON DELETE CASCADE,
			idx INTEGER NOT NULL CONSTRAINT survey_features_idx_ck CHECK (idx > 0),
			row_no INTEGER NOT NULL CONSTRAINT survey_features_row_ck CHECK (row_no > 0),
			layer TEXT NOT NULL DEFAULT '', source_geom BLOB NOT NULL, source_crs INTEGER NOT NULL,
			datum TEXT NOT NULL CONSTRAINT survey_features_datum_ck CHECK (datum IN ('CGCS2000', 'WGS84')),
			z TEXT, times TEXT, attrs TEXT NOT NULL DEFAULT '{}', UNIQUE (upload_id, idx)`},
}

// surveysSchema returns the statements of schema version surveysVersion.
func surveysSchema() []string {
	var stmts []string
	for _, t := range surveyTables {
		stmts = append(stmts, t.create()...)
	}
	return stmts
}
