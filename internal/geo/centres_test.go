package geo

import (
	"math"
	"strings"
	"testing"
)

func TestLoadCentres2018(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		csv     string
		want    map[string]Point
		wantErr string
	}{
		{
			name: "well formed, columns in any order, BOM",
			csv:  "\ufeffnom,latitude,code,longitude\nLille,50.63178,59350,3.04706\nAjaccio,41.9,2A004,8.7\n",
			want: map[string]Point{"59350": {3.04706, 50.63178}, "2A004": {8.7, 41.9}},
		},
		{name: "empty", csv: "", wantErr: "fichier vide"},
		{name: "no latitude column", csv: "code,nom,longitude\n", wantErr: "ligne 1 : colonne « latitude » absente"},
		{
			name:    "unreadable longitude",
			csv:     "code,nom,longitude,latitude\n59350,Lille,3.04706,50.63178\n13055,Marseille,abc,43.29\n",
			wantErr: "ligne 3 : longitude illisible « abc »",
		},
		{
			name:    "latitude out of range",
			csv:     "code,nom,longitude,latitude\n59350,Lille,3.04706,150.6\n",
			wantErr: "ligne 2 : latitude hors limites « 150.6 »",
		},
		{
			name:    "NaN is out of range",
			csv:     "code,nom,longitude,latitude\n59350,Lille,NaN,50\n",
			wantErr: "ligne 2 : longitude hors limites « NaN »",
		},
		{
			name:    "bad code",
			csv:     "code,nom,longitude,latitude\n5935,Lille,3,50\n",
			wantErr: "ligne 2 : code commune illisible « 5935 »",
		},
		{
			name:    "duplicate code",
			csv:     "code,nom,longitude,latitude\n59350,Lille,3,50\n59350,Lille,3,50\n",
			wantErr: "ligne 3 : code « 59350 » en double (déjà ligne 2)",
		},
		{
			name:    "short line",
			csv:     "code,nom,longitude,latitude\n59350,Lille,3\n",
			wantErr: "ligne 2 : 3 colonnes, 4 attendues",
		},
		{
			name:    "broken quotes, line of a multi-line record",
			csv:     "code,nom,longitude,latitude\n59350,\"Lil\nle\",3,50\n13055,\"Mar\"seille,5,43\n",
			wantErr: "ligne 4 : CSV mal formé",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := LoadCentres2018(strings.NewReader(tt.csv))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Errorf("%d centres, want %d", len(got), len(tt.want))
			}
			for code, p := range tt.want {
				if got[code] != p {
					t.Errorf("centre of %s = %v, want %v", code, got[code], p)
				}
			}
		})
	}
}

func TestLoadCentres2018Real(t *testing.T) {
	t.Parallel()
	centres := realCentres2018(t)
	if len(centres) != 35357 {
		t.Errorf("%d centres, want the README's 35,357", len(centres))
	}
	paris := Point{2.35, 48.86}
	if d := Distance(centres["75056"], paris); d > 2 {
		t.Errorf("Paris centre %v is %.2f km from %v, want within 2 km", centres["75056"], d, paris)
	}
	if lille := centres["59350"]; math.Abs(lille.Lon-3.05) > 0.05 || math.Abs(lille.Lat-50.63) > 0.05 {
		t.Errorf("Lille centre %v, want about (3.05, 50.63)", lille)
	}
	if d := Distance(centres["59350"], centres["13055"]); math.Abs(d-835) > 5 {
		t.Errorf("Lille–Marseille between commune centres %.1f km, want about 835", d)
	}
	// Ranked among all communes, Lille comes first from its own centre,
	// then its neighbours.
	sites := make([]Site, 0, len(centres))
	for code, p := range centres {
		sites = append(sites, Site{ID: code, Point: p})
	}
	near := Nearest(centres["59350"], sites, 5)
	if len(near) != 5 || near[0].ID != "59350" || near[0].DistanceKm != 0 {
		t.Fatalf("nearest to Lille %v, want Lille first at 0 km", near)
	}
	for _, r := range near[1:] {
		if r.DistanceKm > 8 || r.ID[:2] != "59" {
			t.Errorf("neighbour %s of Lille at %.1f km, want a commune of the Nord within 8 km", r.ID, r.DistanceKm)
		}
	}
}

func BenchmarkNearestCommunes(b *testing.B) {
	centres := realCentres2018(b)
	sites := make([]Site, 0, len(centres))
	for code, p := range centres {
		sites = append(sites, Site{ID: code, Point: p})
	}
	b.ReportAllocs()
	for b.Loop() {
		if r := Nearest(Point{3.06, 50.63}, sites, 3); len(r) != 3 {
			b.Fatal(r)
		}
	}
}
