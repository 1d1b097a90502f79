package jury

import (
	"slices"
	"testing"

	"github.com/adullact/tnl/internal/domain"
)

// testTerritory: région 84 holds département 01 (communes A, B, C, D; B and
// C and D in the EPCI E) and département 38 (commune F, also in E: an EPCI
// across départements); région 93 holds département 04 (commune G).
func testTerritory() *territory {
	colls := []domain.Collectivite{
		{ID: 1, Kind: domain.KindCommune, Code: "01001", DepartementCode: "01", RegionCode: "84"},
		{ID: 2, Kind: domain.KindCommune, Code: "01002", DepartementCode: "01", RegionCode: "84"},
		{ID: 3, Kind: domain.KindCommune, Code: "01004", DepartementCode: "01", RegionCode: "84"},
		{ID: 4, Kind: domain.KindCommune, Code: "01005", DepartementCode: "01", RegionCode: "84"},
		{ID: 5, Kind: domain.KindCommune, Code: "38001", DepartementCode: "38", RegionCode: "84"},
		{ID: 6, Kind: domain.KindCommune, Code: "04070", DepartementCode: "04", RegionCode: "93"},
		{ID: 10, Kind: domain.KindEPCI, Code: "200042935"},
		{ID: 20, Kind: domain.KindDepartement, Code: "01", RegionCode: "84"},
		{ID: 21, Kind: domain.KindDepartement, Code: "38", RegionCode: "84"},
		{ID: 22, Kind: domain.KindDepartement, Code: "04", RegionCode: "93"},
		{ID: 30, Kind: domain.KindRegion, Code: "84"},
		{ID: 31, Kind: domain.KindRegion, Code: "93"},
		{ID: 40, Kind: domain.KindAutre, Code: "syndicat"},
	}
	t := &territory{byID: map[int64]*domain.Collectivite{}, byKey: map[domain.CollectiviteKey]int64{},
		epcis: map[string][]string{}, member: map[string][]string{}, inDep: map[string][]int64{}, inRegion: map[string][]int64{}}
	for i := range colls {
		c := &colls[i]
		t.byID[c.ID], t.byKey[c.Key()] = c, c.ID
	}
	for _, code := range []string{"01002", "01004", "01005", "38001"} {
		t.epcis[code] = append(t.epcis[code], "200042935")
		t.member["200042935"] = append(t.member["200042935"], code)
	}
	t.inDep = map[string][]int64{"01": {1, 2, 3, 4, 10}, "38": {5, 10}, "04": {6}}
	t.inRegion = map[string][]int64{"84": {1, 2, 3, 4, 5, 10, 20, 21}, "93": {6, 22}}
	return t
}

func TestZone(t *testing.T) {
	t.Parallel()
	tr := testTerritory()
	tests := []struct {
		name  string
		links []int64
		want  []int64
	}{
		// Itself, its département, région, EPCI and the EPCI's other
		// communes (including the one across the border).
		{"commune in an EPCI", []int64{3}, []int64{2, 3, 4, 5, 10, 20, 30}},
		{"commune alone", []int64{1}, []int64{1, 20, 30}},
		// Its communes, and the départements and région they lie in.
		{"EPCI", []int64{10}, []int64{2, 3, 4, 5, 10, 20, 21, 30}},
		{"département", []int64{21}, []int64{5, 10, 21, 30}},
		{"région", []int64{31}, []int64{6, 22, 31}},
		{"other collectivité", []int64{40}, []int64{40}},
		{"two links", []int64{1, 6}, []int64{1, 6, 20, 22, 30, 31}},
		{"unknown", []int64{99}, []int64{}},
	}
	for _, tt := range tests {
		if got := tr.zone(tt.links); !slices.Equal(got, tt.want) {
			t.Errorf("%s: zone %v, want %v", tt.name, got, tt.want)
		}
	}
	// The relation is symmetric on communes, EPCIs, départements and
	// régions: a is in b's zone if and only if b is in a's.
	ids := []int64{1, 2, 3, 4, 5, 6, 10, 20, 21, 22, 30, 31}
	for _, a := range ids {
		for _, b := range ids {
			ab := slices.Contains(tr.zone([]int64{a}), b)
			ba := slices.Contains(tr.zone([]int64{b}), a)
			if ab != ba {
				t.Errorf("%d in zone of %d: %v, but %d in zone of %d: %v", b, a, ab, a, b, ba)
			}
		}
	}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	tr := testTerritory()
	got, err := tr.resolve([]string{"01004", "200042935", " ", "departement:01", "REGION:84"})
	if err != nil || !slices.Equal(got, []int64{3, 10, 20, 30}) {
		t.Errorf("resolve %v %v", got, err)
	}
	if _, err := tr.resolve([]string{"84"}); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("an ambiguous code: %v", err)
	}
	if _, err := tr.resolve([]string{"99999"}); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("an unknown commune: %v", err)
	}
	if got, err := tr.resolve([]string{"commune:01004", "epci:200042935"}); err != nil || !slices.Equal(got, []int64{3, 10}) {
		t.Errorf("resolve with kinds %v %v", got, err)
	}
}
