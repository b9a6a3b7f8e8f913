package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// gpkgCore creates the GeoPackage 1.3 core tables (clauses 1.1.2, 1.1.3,
// 2.1.5, 2.3) when absent, so that an existing GeoPackage keeps its own.
const gpkgCore = `
CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
	srs_name TEXT NOT NULL,
	srs_id INTEGER PRIMARY KEY,
	organization TEXT NOT NULL,
	organization_coordsys_id INTEGER NOT NULL,
	definition TEXT NOT NULL,
	description TEXT
);
CREATE TABLE IF NOT EXISTS gpkg_contents (
	table_name TEXT NOT NULL PRIMARY KEY,
	data_type TEXT NOT NULL,
	identifier TEXT UNIQUE,
	description TEXT DEFAULT '',
	last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
	srs_id INTEGER,
	CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
	table_name TEXT NOT NULL,
	column_name TEXT NOT NULL,
	geometry_type_name TEXT NOT NULL,
	srs_id INTEGER NOT NULL,
	z TINYINT NOT NULL,
	m TINYINT NOT NULL,
	CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
	CONSTRAINT uk_gc_table_name UNIQUE (table_name),
	CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
	CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
CREATE TABLE IF NOT EXISTS gpkg_extensions (
	table_name TEXT,
	column_name TEXT,
	extension_name TEXT NOT NULL,
	definition TEXT NOT NULL,
	scope TEXT NOT NULL,
	CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
);`

// table is one table of the store: a feature table when geomType is set
// (its geometry column is always "geom"), an attributes table otherwise.
// Every table has the integer primary key fid GeoPackage asks for.
type table struct {
	name, identifier, description string
	geomType                      string // GeoPackage geometry type name, "" for attributes
	columns                       string // column and constraint definitions after fid
	indexes                       []string
}

// create returns the statements that create t and register it.
func (t table) create() []string {
	cols := "fid INTEGER PRIMARY KEY AUTOINCREMENT,\n" + strings.TrimSpace(t.columns)
	if t.geomType != "" {
		cols = "fid INTEGER PRIMARY KEY AUTOINCREMENT,\ngeom " + t.geomType + ",\n" + strings.TrimSpace(t.columns)
	}
	stmts := []string{fmt.Sprintf("CREATE TABLE %s (\n%s\n)", t.name, cols)}
	stmts = append(stmts, t.indexes...)
	dataType, srs := "attributes", "NULL"
	if t.geomType != "" {
		dataType, srs = "features", fmt.Sprint(SRID)
	}
	stmts = append(stmts, fmt.Sprintf(`INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
		VALUES (%s, '%s', %s, %s, %s)`, quote(t.name), dataType, quote(t.identifier), quote(t.description), srs))
	if t.geomType != "" {
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO gpkg_geometry_columns VALUES ('%s', 'geom', '%s', %d, 0, 0)`,
			t.name, t.geomType, SRID))
		stmts = append(stmts, rtreeDDL(t.name, "geom")...)
	}
	return stmts
}

// rtreeDDL returns the statements of the gpkg_rtree_index extension
// (GeoPackage 1.3, annex F.3) for column c of table t: the R-tree virtual
// table, its registration and the triggers that keep it in step.
func rtreeDDL(t, c string) []string {
	rt := "rtree_" + t + "_" + c
	r := strings.NewReplacer("<t>", t, "<c>", c, "<i>", "fid", "<rt>", rt)
	ins := `INSERT OR REPLACE INTO <rt> VALUES (NEW.<i>, ST_MinX(NEW.<c>), ST_MaxX(NEW.<c>), ST_MinY(NEW.<c>), ST_MaxY(NEW.<c>));`
	stmts := []string{
		`CREATE VIRTUAL TABLE <rt> USING rtree(id, minx, maxx, miny, maxy)`,
		`INSERT INTO gpkg_extensions VALUES ('<t>', '<c>', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')`,
		`CREATE TRIGGER <rt>_insert AFTER INSERT ON <t> WHEN (new.<c> NOT NULL AND NOT ST_IsEmpty(NEW.<c>))
		BEGIN ` + ins + ` END`,
		`CREATE TRIGGER <rt>_update1 AFTER UPDATE OF <c> ON <t>
		WHEN OLD.<i> = NEW.<i> AND (NEW.<c> NOTNULL AND NOT ST_IsEmpty(NEW.<c>))
		BEGIN ` + ins + ` END`,
		`CREATE TRIGGER <rt>_update2 AFTER UPDATE OF <c> ON <t>
		WHEN OLD.<i> = NEW.<i> AND (NEW.<c> ISNULL OR ST_IsEmpty(NEW.<c>))
		BEGIN DELETE FROM <rt> WHERE id = OLD.<i>; END`,
		`CREATE TRIGGER <rt>_update3 AFTER UPDATE ON <t>
		WHEN OLD.<i> != NEW.<i> AND (NEW.<c> NOTNULL AND NOT ST_IsEmpty(NEW.<c>))
		BEGIN DELETE FROM <rt> WHERE id = OLD.<i>; ` + ins + ` END`,
		`CREATE TRIGGER <rt>_update4 AFTER UPDATE ON <t>
		WHEN OLD.<i> != NEW.<i> AND (NEW.<c> ISNULL OR ST_IsEmpty(NEW.<c>))
		BEGIN DELETE FROM <rt> WHERE id IN (OLD.<i>, NEW.<i>); END`,
		`CREATE TRIGGER <rt>_delete AFTER DELETE ON <t> WHEN old.<c> NOT NULL
		BEGIN DELETE FROM <rt> WHERE id = OLD.<i>; END`,
	}
	for i := range stmts {
		stmts[i] = r.Replace(stmts[i])
	}
	return stmts
}

// migration is one numbered step of the schema.
type migration struct {
	version int
	stmts   func() []string
}

// migrations are applied in order, each in its own transaction; a landed
// migration is never edited, only followed by a new one.
var migrations = []migration{
	{1, func() []string {
		var stmts []string
		for _, t := range tablesV1 {
			stmts = append(stmts, t.create()...)
		}
		return stmts
	}},
	{gazetteerVersion, gazetteerSchema}, // search keys and review trail (gazetteer_schema.go)
	{surveysVersion, surveysSchema},     // surveys, stored uploads, survey records (schema_surveys.go)
	migrationInspections,                // inspection workflow (schema_inspections.go)
	{authVersion, authSchema},           // tokens and the audit log (auth.go)
}

const (
	applicationID = 0x47504B47 // "GPKG"
	userVersion   = 10300      // GeoPackage 1.3.0
	schemaTable   = `CREATE TABLE IF NOT EXISTS toponym_schema (
		fid INTEGER PRIMARY KEY AUTOINCREMENT,
		version INTEGER NOT NULL UNIQUE,
		applied DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`
	registerSchema = `INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
		VALUES ('toponym_schema', 'attributes', 'toponym_schema', 'schema migrations applied by toponym')
		ON CONFLICT (table_name) DO NOTHING`
)

// migrate makes the file a GeoPackage and applies the pending migrations
// on conn, the writer connection.
func migrate(ctx context.Context, conn *sql.Conn) error {
	var appID int64
	if err := conn.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return err
	}
	if appID != 0 && appID != applicationID {
		return fmt.Errorf("application_id %#x is not GeoPackage's %#x", appID, applicationID)
	}
	var version, ours int64
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if err := conn.QueryRowContext(ctx,
		"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'toponym_schema'").Scan(&ours); err != nil {
		return err
	}
	// A file of ours already is a GeoPackage: opening it writes nothing
	// unless a migration is pending (a running server reads any commit as
	// another process's change, tiles.VersionFollower).
	if appID != applicationID || version != userVersion || ours == 0 {
		if err := makeGeoPackage(ctx, conn); err != nil {
			return err
		}
	}
	applied, err := appliedVersions(ctx, conn)
	if err != nil {
		return err
	}
	for _, m := range sortedMigrations() {
		if applied[m.version] {
			continue
		}
		stmts := append(m.stmts(), fmt.Sprintf("INSERT INTO toponym_schema (version) VALUES (%d)", m.version))
		if err := inTx(ctx, conn, stmts); err != nil {
			return fmt.Errorf("migration %d: %w", m.version, err)
		}
	}
	return nil
}

// makeGeoPackage writes the GeoPackage header values, core tables and
// spatial reference systems, and toponym's schema table.
func makeGeoPackage(ctx context.Context, conn *sql.Conn) error {
	base := []string{
		fmt.Sprintf("PRAGMA application_id = %d", applicationID),
		fmt.Sprintf("PRAGMA user_version = %d", userVersion),
		gpkgCore, schemaTable, registerSchema,
	}
	for _, srs := range requiredSRS {
		base = append(base, fmt.Sprintf(`INSERT INTO gpkg_spatial_ref_sys VALUES (%s, %d, %s, %d, %s, %s)
			ON CONFLICT (srs_id) DO NOTHING`, quote(srs.Name), srs.ID, quote(srs.Organization), srs.OrgID,
			quote(srs.Definition), quote(srs.Description)))
	}
	return inTx(ctx, conn, base)
}

// appliedVersions returns the versions recorded in toponym_schema. Every
// migration not yet recorded is applied, so numbers may land out of order
// and leave gaps.
func appliedVersions(ctx context.Context, conn *sql.Conn) (map[int]bool, error) {
	rows, err := conn.QueryContext(ctx, "SELECT version FROM toponym_schema")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	applied := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		applied[v] = true
	}
	return applied, rows.Err()
}

// sortedMigrations returns migrations by version.
func sortedMigrations() []migration {
	all := slices.Clone(migrations)
	slices.SortFunc(all, func(a, b migration) int { return a.version - b.version })
	return all
}

func inTx(ctx context.Context, conn *sql.Conn, stmts []string) error {
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			_, _ = conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
			return fmt.Errorf("%w\nin: %s", err, s)
		}
	}
	_, err := conn.ExecContext(ctx, "COMMIT")
	return err
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
