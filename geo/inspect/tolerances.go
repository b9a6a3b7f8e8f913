package inspect

import (
	"math"
	"reflect"

	"github.com/toponym/toponym/data"
)

// Tolerances are the limits of §6, each a per-line setting. Lengths are
// metres in the line's Gauss-Krüger plane. Start from DefaultTolerances and
// override per line, e.g. by decoding the line's JSON settings over it.
type Tolerances struct {
	MarkerLineWarnM  float64 `json:"marker_line_warn_m"`  // C6: warn beyond (5 m)
	MarkerLineErrorM float64 `json:"marker_line_error_m"` // C6: error beyond (10 m)
	MarkerLineBuiltM float64 `json:"marker_line_built_m"` // C6 for lines built through markers (0.01 m)

	SigmaK    float64 `json:"sigma_k"`     // C7, C8, C12: a difference is significant beyond K·σ (2)
	SigmaRegM float64 `json:"sigma_reg_m"` // σ of a registered position when none is recorded (1.0 m)
	SigmaObsM float64 `json:"sigma_obs_m"` // σ of an observation when none is recorded (0.05 m)

	MinReferenceObjects int     `json:"min_reference_objects"` // C9: at least (3)
	ReferenceDistanceM  float64 `json:"reference_distance_m"`  // C9: flag beyond (0.5 m)
	ReferenceAzimuthDeg float64 `json:"reference_azimuth_deg"` // C9: flag beyond (1°)

	EdgeMatchM     float64 `json:"edge_match_m"`     // C11: edge-matched up to (0.001 m)
	VersionWarnM   float64 `json:"version_warn_m"`   // C11: warn beyond (5 m)
	VersionErrorM  float64 `json:"version_error_m"`  // C11: error beyond (10 m)
	HausdorffStepM float64 `json:"hausdorff_step_m"` // C11, C17: densify step; 0 compares vertices only (as PostGIS)

	NodeM float64 `json:"node_m"` // C12: three line ends within (0.001 m)

	OverlapM          float64 `json:"overlap_m"`           // C13: overlaps wider than this are errors (0.001 m)
	SliverM           float64 `json:"sliver_m"`            // C14: gaps narrower than this are slivers (1 m)
	CoverageResidualM float64 `json:"coverage_residual_m"` // C15: residual up to (0.001 m)
	CoverageSampleM   float64 `json:"coverage_sample_m"`   // C13–C15: boundary sampling step (5 m)

	DivergenceM float64 `json:"divergence_m"` // C17: a followed river or road "diverges" beyond (5 m)

	CycleYears       int     `json:"cycle_years"`        // C18: when the line has none (5)
	SignatureDueDays int     `json:"signature_due_days"` // C18: report unsigned after (90 days)
	OnBoundaryM      float64 `json:"on_boundary_m"`      // C19: "on boundary" within (1 m)
}

// DefaultTolerances returns the defaults of §6. Those marked (confirm) in the
// domain reference are defaults, not rules: override them per line.
func DefaultTolerances() Tolerances {
	return Tolerances{
		MarkerLineWarnM: 5, MarkerLineErrorM: 10, MarkerLineBuiltM: 0.01,
		SigmaK: 2, SigmaRegM: 1.0, SigmaObsM: 0.05,
		MinReferenceObjects: 3, ReferenceDistanceM: 0.5, ReferenceAzimuthDeg: 1,
		EdgeMatchM: 0.001, VersionWarnM: 5, VersionErrorM: 10,
		NodeM:    0.001,
		OverlapM: 0.001, SliverM: 1, CoverageResidualM: 0.001, CoverageSampleM: 5,
		DivergenceM: 5,
		CycleYears:  5, SignatureDueDays: 90,
		OnBoundaryM: 1,
	}
}

// Validate reports a KindInvalid error naming the first tolerance that is
// negative, NaN or infinite, or out of order (warn above error).
func (t Tolerances) Validate() error {
	v := reflect.ValueOf(t)
	for i := range v.NumField() {
		f, name := v.Field(i), v.Type().Field(i).Tag.Get("json")
		var x float64
		if f.CanFloat() {
			x = f.Float()
		} else {
			x = float64(f.Int())
		}
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			return data.Invalidf(name, "tolerance %s = %v must be a finite number ≥ 0", name, x)
		}
	}
	if t.MarkerLineWarnM > t.MarkerLineErrorM {
		return data.Invalidf("marker_line_warn_m", "warning limit %g m exceeds error limit %g m", t.MarkerLineWarnM, t.MarkerLineErrorM)
	}
	if t.VersionWarnM > t.VersionErrorM {
		return data.Invalidf("version_warn_m", "warning limit %g m exceeds error limit %g m", t.VersionWarnM, t.VersionErrorM)
	}
	if t.CoverageSampleM == 0 {
		return data.Invalidf("coverage_sample_m", "sampling step must be positive")
	}
	return nil
}
