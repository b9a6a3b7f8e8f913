package gpkg

// gazetteerVersion is the schema version of the gazetteer; it carries the
// number of the PostGIS migration that does the same
// (migrations/0003_gazetteer.sql).
const gazetteerVersion = 3

// The gazetteer tables. gaz_name_keys holds the search keys of
// every name (data/gazetteer.NameKeys), written with the names and dropped
// with them (ON DELETE CASCADE); gaz_name_trigrams holds the distinct
// trigrams of each pinyin key, the candidate filter of fuzzy matches (the
// embedded counterpart of pg_trgm's GIN index); place_reviews is the audit
// trail of the review workflow.
var gazetteerTables = []table{
	{name: "gaz_name_keys", identifier: "gaz_name_keys", description: "search keys of place names",
		columns: `name_id TEXT NOT NULL UNIQUE REFERENCES place_names (id) ON DELETE CASCADE,
			place_id TEXT NOT NULL REFERENCES places (id) ON DELETE CASCADE,
			ord INTEGER NOT NULL, status TEXT NOT NULL, text TEXT NOT NULL, ` + validCols + `,
			py_key TEXT NOT NULL, ini_key TEXT NOT NULL`,
		indexes: []string{`CREATE INDEX gaz_name_keys_place_ix ON gaz_name_keys (place_id)`,
			`CREATE INDEX gaz_name_keys_text_ix ON gaz_name_keys (text, place_id, name_id)`,
			`CREATE INDEX gaz_name_keys_py_ix ON gaz_name_keys (py_key, place_id, name_id)`,
			`CREATE INDEX gaz_name_keys_ini_ix ON gaz_name_keys (ini_key, place_id, name_id)`}},
	{name: "gaz_name_trigrams", identifier: "gaz_name_trigrams", description: "trigrams of the pinyin keys of place names",
		columns: `name_id TEXT NOT NULL REFERENCES gaz_name_keys (name_id) ON DELETE CASCADE, trgm TEXT NOT NULL`,
		indexes: []string{`CREATE INDEX gaz_name_trigrams_trgm_ix ON gaz_name_trigrams (trgm, name_id)`,
			`CREATE INDEX gaz_name_trigrams_name_ix ON gaz_name_trigrams (name_id)`}},
	{name: "gaz_name_variants", identifier: "gaz_name_variants", description: "one-deletion variants of the pinyin keys of place names",
		columns: `name_id TEXT NOT NULL REFERENCES gaz_name_keys (name_id) ON DELETE CASCADE, variant TEXT NOT NULL`,
		indexes: []string{`CREATE INDEX gaz_name_variants_variant_ix ON gaz_name_variants (variant, name_id)`,
			`CREATE INDEX gaz_name_variants_name_ix ON gaz_name_variants (name_id)`}},
	{name: "place_reviews", identifier: "place_reviews 复核", description: "steps of the review workflow of places",
		columns: `place_id TEXT NOT NULL REFERENCES places (id) ON DELETE CASCADE,
			from_status TEXT NOT NULL, to_status TEXT NOT NULL, by_whom TEXT NOT NULL, at DATETIME NOT NULL,
			note TEXT NOT NULL DEFAULT ''`,
		indexes: []string{`CREATE INDEX place_reviews_place_ix ON place_reviews (place_id, at)`}},
}

// gazetteerSchema returns the statements of the gazetteer's schema version.
func gazetteerSchema() []string {
	var stmts []string
	for _, t := range gazetteerTables {
		stmts = append(stmts, t.create()...)
	}
	return append(stmts,
		`CREATE INDEX protection_listings_category_ix ON protection_listings (category)`,
		`CREATE INDEX signs_listing_ix ON signs (listing_id)`)
}
