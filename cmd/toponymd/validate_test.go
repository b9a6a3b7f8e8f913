package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/inspection"
	"github.com/toponym/toponym/data/storetest"
)

// inspectionStore writes a GeoPackage with line 4350, two markers and a
// round in which side A recorded only the first; it returns the file,
// the line and the round.
func inspectionStore(t *testing.T) (path, lineID, roundID string) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "validate.gpkg")
	st, err := gpkg.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	hn, cq := storetest.Unit("430000", "湖南省", 109.0, 28.6), storetest.Unit("500000", "重庆市", 109.0, 28.4)
	must(st.CreateAdminUnit(ctx, hn))
	must(st.CreateAdminUnit(ctx, cq))
	line := &data.BoundaryLine{Name: "湘渝线", Level: data.LevelProvince, Code: "4350", UnitA: hn.UnitID, UnitB: cq.UnitID,
		CodeA: "430000", CodeB: "500000", LegalStatus: data.LegalAgreed, SideOfA: "left",
		Geometry: orb.MultiLineString{{{109.0, 28.5}, {109.1, 28.5}}}, Valid: storetest.Since(2000)}
	must(st.CreateBoundaryLine(ctx, line))
	m1, m2 := storetest.Marker(line, "4350001Q", 109.03, 28.5), storetest.Marker(line, "4350002Q", 109.06, 28.5)
	must(st.CreateMarker(ctx, m1))
	must(st.CreateMarker(ctx, m2))
	svc, err := inspection.New(st, nil)
	must(err)
	round := &data.InspectionRound{LineID: line.ID, Year: 2025, Type: data.RoundRegular}
	must(svc.CreateRound(ctx, round))
	_, err = svc.Submit(ctx, round.ID, "430000", inspection.Submission{MarkerChecks: []*data.MarkerCheck{
		{MarkerID: m1.ID, Observed: &m1.Position, Status: data.StatusIntact}}})
	must(err)
	return path, line.ID, round.ID
}

func TestValidateCommand(t *testing.T) {
	path, lineID, roundID := inspectionStore(t)
	env := func(string) string { return "" }
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"validate", "-gpkg", path, "-round", roundID}, &out, &errOut, env); err != nil {
		t.Fatalf("validate: %v\n%s", err, errOut.String())
	}
	table := out.String()
	for _, want := range []string{"规则 RULE", "C10", "4350002Q", "1 errors", "(open)"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	out.Reset()
	if err := run(context.Background(), []string{"validate", "-gpkg", path, "-line", lineID, "-save", "-party", "430000"},
		&out, &errOut, env); err != nil {
		t.Fatalf("validate -save: %v", err)
	}
	if !strings.Contains(out.String(), "(validated)") {
		t.Errorf("after -save the round is not validated:\n%s", out.String())
	}
	err := run(context.Background(), []string{"validate", "-gpkg", path, "-round", roundID, "-line", lineID}, &out, &errOut, env)
	if !errors.Is(err, errUsage) {
		t.Errorf("-round with -line: %v, want a usage error", err)
	}
	err = run(context.Background(), []string{"validate", "-gpkg", path, "-round", data.NewID()}, &out, &errOut, env)
	if data.KindOf(err) != data.KindNotFound {
		t.Errorf("unknown round: %v, want not found", err)
	}
}
