package geo

import (
	"bytes"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestCentres2026(t *testing.T) {
	t.Parallel()
	centres2018 := map[string]Point{
		"01001": {5, 46},     // kept its code
		"01002": {5.1, 46.1}, // former commune of 01010
		"01003": {5.2, 46.2}, // former commune of 01010, first in code order
		"01020": {6, 45},     // delegated commune of 01030, less populous
		"01021": {6.1, 45.1}, // delegated commune of 01030, more populous
		"85084": {-1.2, 46.8},
		"85064": {-1.4, 46.6},
		"85099": {-1, 46}, // same postal code, other département: ignored
	}
	communes := `[
	 {"code":"01001","type":"commune-actuelle","departement":"01","codesPostaux":["01400"]},
	 {"code":"01010","type":"commune-actuelle","departement":"01","anciensCodes":["01003","01002","01999"]},
	 {"code":"01030","type":"commune-actuelle","departement":"01"},
	 {"code":"01020","type":"commune-deleguee","chefLieu":"01030","population":100},
	 {"code":"01021","type":"commune-associee","chefLieu":"01030","population":900},
	 {"code":"01030","type":"commune-deleguee","chefLieu":"01030"},
	 {"code":"85165","type":"commune-actuelle","departement":"85","codesPostaux":["85140"]},
	 {"code":"85084","type":"commune-actuelle","departement":"85","codesPostaux":["85140"]},
	 {"code":"85064","type":"commune-actuelle","departement":"85","codesPostaux":["85140","85141"]},
	 {"code":"44099","type":"commune-actuelle","departement":"44","codesPostaux":["85140"]},
	 {"code":"98735","type":"commune-actuelle","departement":"987"},
	 {"code":"13201","type":"arrondissement-municipal","commune":"13055"}
	]`
	got, rep, err := Centres2026(centres2018, strings.NewReader(communes))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Point{
		"01001": {5, 46},
		"01010": {5.1, 46.1}, // 01002, first in code order of those with a centre
		"01030": {6.1, 45.1}, // 01021, the most populous
		"85084": {-1.2, 46.8},
		"85064": {-1.4, 46.6},
		"85165": {-1.3, 46.7}, // mean of 85064 and 85084
	}
	if len(got) != len(want) {
		t.Errorf("centres for %v, want %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
	for code, p := range want {
		if g := got[code]; math.Abs(g.Lon-p.Lon) > 1e-9 || math.Abs(g.Lat-p.Lat) > 1e-9 {
			t.Errorf("centre of %s = %v, want %v", code, g, p)
		}
	}
	wantRep := Report{
		Current: 8, Direct: 3, ViaFormer: 2, Approximate: 1, Unresolved: 2,
		Former:           map[string]string{"01010": "01002", "01030": "01021"},
		ApproximateCodes: []string{"85165"},
		UnresolvedCodes:  []string{"44099", "98735"},
	}
	if rep.Current != wantRep.Current || rep.Direct != wantRep.Direct || rep.ViaFormer != wantRep.ViaFormer ||
		rep.Approximate != wantRep.Approximate || rep.Unresolved != wantRep.Unresolved ||
		!maps.Equal(rep.Former, wantRep.Former) || !slices.Equal(rep.ApproximateCodes, wantRep.ApproximateCodes) ||
		!slices.Equal(rep.UnresolvedCodes, wantRep.UnresolvedCodes) {
		t.Errorf("report %+v\nwant   %+v", rep, wantRep)
	}
	wantText := "8 communes : 3 par leur code de 2018, 2 par une ancienne commune, 1 approchée par leur code postal, 2 sans centre (départements ou collectivités 44, 987)"
	if s := rep.String(); s != wantText {
		t.Errorf("String() = %q\nwant       %q", s, wantText)
	}
}

func TestCentres2026Errors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, json, wantErr string
	}{
		{"not an array", `{"code":"01001"}`, "un tableau JSON d’entrées est attendu"},
		{"not JSON", `nope`, "communes : JSON illisible"},
		{"bad entry", `[{"code":"01001","type":"commune-actuelle"}, {"code":12}]`, "communes, entrée n° 2 :"},
		{"bad code", `[{"code":"1001","type":"commune-actuelle"}]`, "entrée n° 1 : code commune illisible « 1001 »"},
		{"duplicate", `[{"code":"01001","type":"commune-actuelle"},{"code":"01001","type":"commune-actuelle"}]`, "entrée n° 2 : commune « 01001 » en double (déjà entrée n° 1)"},
		{"no chef-lieu", `[{"code":"01001","type":"commune-deleguee"}]`, "entrée n° 1 (code « 01001 ») : chefLieu absent"},
		{"truncated", `[{"code":"01001","type":"commune-actuelle"}`, "fin du tableau JSON illisible"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := Centres2026(nil, strings.NewReader(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// TestCentres2026Real checks the figures of the real files: the README of
// ../shared/data/geo counts 34,864 communes of 2026 under a 2018 code.
func TestCentres2026Real(t *testing.T) {
	t.Parallel()
	centres2018 := realCentres2018(t)
	got, rep, err := Centres2026(centres2018, sharedFile(t, "territoires-2026", "communes.json"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Current != 34969 || rep.Direct != 34864 || rep.ViaFormer != 4 || rep.Approximate != 7 || rep.Unresolved != 94 {
		t.Errorf("report: %d current, %d direct, %d via a former commune, %d approximate, %d unresolved; want 34969, 34864, 4, 7, 94",
			rep.Current, rep.Direct, rep.ViaFormer, rep.Approximate, rep.Unresolved)
	}
	if len(got) != rep.Current-rep.Unresolved {
		t.Errorf("%d centres, want %d", len(got), rep.Current-rep.Unresolved)
	}
	// Communes nouvelles whose code changed after 2018.
	wantFormer := map[string]string{"12218": "12076", "14581": "14011", "49126": "49069", "69114": "69101"}
	if !maps.Equal(rep.Former, wantFormer) {
		t.Errorf("former communes used %v, want %v", rep.Former, wantFormer)
	}
	// Communes restored after the split of a commune nouvelle: Sannerville
	// (out of Saline), four of Neussargues en Pinatelle, two of Essarts en
	// Bocage.
	wantApprox := []string{"14666", "15031", "15035", "15047", "15171", "85165", "85212"}
	if !slices.Equal(rep.ApproximateCodes, wantApprox) {
		t.Errorf("approximate %v, want %v", rep.ApproximateCodes, wantApprox)
	}
	// Each lies near the 2018 commune nouvelle it was part of.
	parent := map[string]string{"14666": "14712", "15031": "15141", "15035": "15141", "15047": "15141", "15171": "15141", "85165": "85084", "85212": "85084"}
	for code, p := range parent {
		if d := Distance(got[code], centres2018[p]); d > 15 {
			t.Errorf("%s placed %.1f km from the centre of %s, want within 15 km", code, d, p)
		}
	}
	// What is left is overseas collectivités, which have no outline: the
	// README's list, and Clipperton (989), which it leaves out.
	overseas := []string{"975", "977", "978", "984", "986", "987", "988", "989"}
	if deps := departementsOf(rep.UnresolvedCodes); !slices.Equal(deps, overseas) {
		t.Errorf("unresolved communes are in %v, want only %v", deps, overseas)
	}
	for _, code := range []string{"97101", "97209", "97302", "97411", "97611"} { // DROM chefs-lieux
		if _, ok := got[code]; !ok {
			t.Errorf("no centre for overseas département commune %s", code)
		}
	}
	want := "34\u202f969 communes : 34\u202f864 par leur code de 2018, 4 par une ancienne commune, 7 approchées par leur code postal, " +
		"94 sans centre (départements ou collectivités 975, 977, 978, 984, 986, 987, 988, 989)"
	if s := rep.String(); s != want {
		t.Errorf("String() = %q\nwant       %q", s, want)
	}
}

func BenchmarkCentres2026(b *testing.B) {
	centres2018 := realCentres2018(b)
	data, err := io.ReadAll(sharedFile(b, "territoires-2026", "communes.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Centres2026(centres2018, bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadCentres2018(b *testing.B) {
	data, err := io.ReadAll(sharedFile(b, "geo", "communes-centres-2018.csv"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadCentres2018(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
