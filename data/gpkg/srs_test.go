package gpkg

import (
	"context"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/toponym/toponym/data"
)

func mustGK(tb testing.TB, epsg int) SRS {
	tb.Helper()
	srs, err := GaussKrugerSRS(epsg)
	if err != nil {
		tb.Fatal(err)
	}
	return srs
}

// TestGaussKrugerWKT compares generated zones (both ends of both series and
// the zones of the 湘渝黔 corner) with GDAL's own WKT 1 of the EPSG code
// (gdalsrsinfo), where GDAL is installed.
func TestGaussKrugerWKT(t *testing.T) {
	if _, err := exec.LookPath("gdalsrsinfo"); err != nil {
		t.Skip("gdalsrsinfo (GDAL) not installed")
	}
	for _, epsg := range []int{4513, 4524, 4525, 4533, 4534, 4545, 4546, 4554} {
		out, err := exec.Command("gdalsrsinfo", "-o", "wkt1", "--single-line", "EPSG:"+strconv.Itoa(epsg)).Output()
		if err != nil {
			t.Fatalf("gdalsrsinfo EPSG:%d: %v", epsg, err)
		}
		if got := mustGK(t, epsg).Definition; got != strings.TrimSpace(string(out)) {
			t.Errorf("EPSG:%d:\n got %s\nwant %s", epsg, got, out)
		}
	}
	out, err := exec.Command("gdalsrsinfo", "-o", "wkt1", "--single-line", "EPSG:4490").Output()
	if err != nil || CGCS2000.Definition != strings.TrimSpace(string(out)) {
		t.Errorf("EPSG:4490 WKT differs from GDAL's: %v\n%s", err, out)
	}
}

func TestGaussKrugerRange(t *testing.T) {
	for _, epsg := range []int{4512, 4555, 4490, 0} {
		if _, err := GaussKrugerSRS(epsg); data.KindOf(err) != data.KindInvalid {
			t.Errorf("EPSG:%d: err %v, want KindInvalid", epsg, err)
		}
	}
	if gk := mustGK(t, 4545); !strings.Contains(gk.Definition, `PARAMETER["central_meridian",108]`) ||
		!strings.Contains(gk.Definition, `PARAMETER["false_easting",500000]`) {
		t.Errorf("EPSG:4545 is CM 108E without zone prefix: %s", gk.Definition)
	}
	if gk := mustGK(t, 4524); !strings.Contains(gk.Definition, `PARAMETER["false_easting",36500000]`) {
		t.Errorf("EPSG:4524 is zone 36 with the zone prefix: %s", gk.Definition)
	}
}

func TestRegisterSRS(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	must(t, s.RegisterSRS(ctx, mustGK(t, 4545)))
	must(t, s.RegisterSRS(ctx, mustGK(t, 4545))) // again: kept, no error
	var name string
	must(t, s.queryRow(ctx, "SELECT srs_name FROM gpkg_spatial_ref_sys WHERE srs_id = 4545").Scan(&name))
	if name != "CGCS2000 / 3-degree Gauss-Kruger CM 108E" {
		t.Errorf("srs_name %q", name)
	}
	wantKind(t, s.RegisterSRS(ctx, SRS{ID: 1}), data.KindInvalid)
}
