package gpkg

import (
	"context"
	"fmt"
	"strconv"

	"github.com/toponym/toponym/data"
)

// SRS is a row of gpkg_spatial_ref_sys.
type SRS struct {
	ID           int    // srs_id; for EPSG systems the EPSG code
	Name         string // srs_name
	Organization string // EPSG, NONE, …
	OrgID        int    // organization_coordsys_id
	Definition   string // OGC WKT 1, as GDAL writes it
	Description  string
}

// SRID is the SRS of every geometry column: CGCS2000 geographic, stored
// longitude first as GDAL reads GeoPackage geometry.
const SRID = 4490

const cgcs2000Geog = `GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",` +
	`SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],` +
	`PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]]`

// CGCS2000 is EPSG:4490, the SRS of every geometry in the store.
var CGCS2000 = SRS{ID: SRID, Name: "China Geodetic Coordinate System 2000", Organization: "EPSG", OrgID: 4490,
	Definition:  cgcs2000Geog + `,AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4490"]]`,
	Description: "CGCS2000 geographic 2D; longitude/latitude in decimal degrees"}

// requiredSRS are the rows GeoPackage 1.3 requires (clause 1.1.2.1.2) and
// CGCS2000.
var requiredSRS = []SRS{
	{ID: -1, Name: "Undefined cartesian SRS", Organization: "NONE", OrgID: -1, Definition: "undefined",
		Description: "undefined cartesian coordinate reference system"},
	{ID: 0, Name: "Undefined geographic SRS", Organization: "NONE", OrgID: 0, Definition: "undefined",
		Description: "undefined geographic coordinate reference system"},
	{ID: 4326, Name: "WGS 84 geodetic", Organization: "EPSG", OrgID: 4326,
		Definition: `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],` +
			`AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],` +
			`UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],` +
			`AUTHORITY["EPSG","4326"]]`,
		Description: "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"},
	CGCS2000,
}

// EPSG codes of the CGCS2000 3° Gauss-Krüger systems: 4513–4533 carry the
// zone number in the easting (zones 25–45), 4534–4554 do not (CM 75E–135E).
const (
	gkZoneFirst = 4513
	gkCMFirst   = 4534
	gkCMLast    = 4554
)

// GaussKrugerSRS returns the row of a CGCS2000 3-degree Gauss-Krüger system,
// EPSG:4513–4554, for RegisterSRS.
func GaussKrugerSRS(epsg int) (SRS, error) {
	if epsg < gkZoneFirst || epsg > gkCMLast {
		return SRS{}, data.Invalidf("srs", "EPSG:%d is not a CGCS2000 3-degree Gauss-Kruger system (4513–4554)", epsg)
	}
	var name string
	var cm, fe int
	if epsg < gkCMFirst {
		zone := 25 + epsg - gkZoneFirst
		cm, fe = 3*zone, zone*1000000+500000
		name = "CGCS2000 / 3-degree Gauss-Kruger zone " + strconv.Itoa(zone)
	} else {
		cm, fe = 75+3*(epsg-gkCMFirst), 500000
		name = fmt.Sprintf("CGCS2000 / 3-degree Gauss-Kruger CM %dE", cm)
	}
	wkt := fmt.Sprintf(`PROJCS["%s",%s,AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],`+
		`PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",%d],PARAMETER["scale_factor",1],`+
		`PARAMETER["false_easting",%d],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],`+
		`AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","%d"]]`, name, cgcs2000Geog, cm, fe, epsg)
	return SRS{ID: epsg, Name: name, Organization: "EPSG", OrgID: epsg, Definition: wkt,
		Description: fmt.Sprintf("CGCS2000 transverse Mercator, central meridian %d°E, northing/easting in metres", cm)}, nil
}

const insertSRS = `INSERT INTO gpkg_spatial_ref_sys
	(srs_name, srs_id, organization, organization_coordsys_id, definition, description)
	VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (srs_id) DO NOTHING`

// RegisterSRS adds a row to gpkg_spatial_ref_sys, such as a Gauss-Krüger
// zone from GaussKrugerSRS, so that tables or files derived from the store
// can refer to it. An SRS already registered under the same id is kept.
func (s *Store) RegisterSRS(ctx context.Context, srs SRS) error {
	if srs.Name == "" || srs.Organization == "" || srs.Definition == "" {
		return data.Invalidf("srs", "an SRS needs a name, an organization and a definition")
	}
	return s.atomic(ctx, func(t *Store) error {
		_, err := t.exec(ctx, insertSRS, srs.Name, srs.ID, srs.Organization, srs.OrgID, srs.Definition, srs.Description)
		return mapError("register srs", err)
	})
}
