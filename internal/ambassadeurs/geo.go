package ambassadeurs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/geo"
	"github.com/adullact/tnl/internal/store"
)

// The files `tnl geo import` reads in its directory.
const (
	FileCentres      = "communes-centres-2018.csv"
	FileDepartements = "departements-simplifie-2018.geojson"
	FileRegions      = "regions-simplifie-2018.geojson"
)

// GeoReport says what an import of the geography did.
type GeoReport struct {
	Centres     int
	Centres2026 geo.Report
	HasCurrent  bool // the 2026 communes were given: centres carried over to them
	Departement int
	Regions     int
	Duration    time.Duration
}

// String is the report in French.
func (r GeoReport) String() string {
	var b strings.Builder
	if r.HasCurrent {
		fmt.Fprintf(&b, "Centres des communes : %s enregistrés pour %s actuelles.\n%s", fr.Int(r.Centres),
			fr.Count(r.Centres2026.Current, "commune", "communes"), r.Centres2026.String())
		if !strings.HasSuffix(b.String(), "\n") {
			b.WriteString("\n")
		}
	} else if r.Centres > 0 {
		fmt.Fprintf(&b, "Centres des communes : %s enregistrés (codes de 2018, sans le fichier des communes actuelles).\n", fr.Int(r.Centres))
	}
	fmt.Fprintf(&b, "Contours : %s, %s.\n", fr.Count(r.Departement, "département", "départements"), fr.Count(r.Regions, "région", "régions"))
	fmt.Fprintf(&b, "Durée : %s\n", r.Duration.Round(time.Millisecond))
	return b.String()
}

// ImportGeography reads the commune centres and the outlines of a
// directory (../shared/data/geo) and stores them, replacing the previous
// import. communes, when not empty, is etalab's communes.json of the
// current communes: the 2018 centres are then carried over to the 2026
// codes (geo.Centres2026). A missing file is skipped; none at all is an
// error.
func (s *Service) ImportGeography(ctx context.Context, dir, communes string) (*GeoReport, error) {
	start := time.Now()
	rep := &GeoReport{}
	read := func(name string) ([]byte, bool, error) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false, nil
		}
		return data, err == nil, err
	}
	var centres []store.CommuneCentre
	if data, ok, err := read(FileCentres); err != nil {
		return nil, err
	} else if ok {
		c2018, err := geo.LoadCentres2018(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s : %w", FileCentres, err)
		}
		points := c2018
		approx := map[string]bool{}
		if communes != "" {
			f, err := os.Open(communes)
			if err != nil {
				return nil, fmt.Errorf("communes actuelles : %w", err)
			}
			points, rep.Centres2026, err = geo.Centres2026(c2018, f)
			f.Close()
			if err != nil {
				return nil, fmt.Errorf("%s : %w", communes, err)
			}
			rep.HasCurrent = true
			for _, c := range rep.Centres2026.ApproximateCodes {
				approx[c] = true
			}
		}
		centres = make([]store.CommuneCentre, 0, len(points))
		for code, p := range points {
			centres = append(centres, store.CommuneCentre{Code: code, Lon: p.Lon, Lat: p.Lat, Approximate: approx[code]})
		}
		rep.Centres = len(centres)
	}
	var outlines []store.Outline
	for _, f := range []struct{ name, kind string }{{FileDepartements, "departement"}, {FileRegions, "region"}} {
		data, ok, err := read(f.name)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		areas, err := geo.LoadOutlines(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s : %w", f.name, err)
		}
		if outlines == nil {
			outlines = []store.Outline{}
		}
		for _, a := range areas {
			g, err := json.Marshal(polygonsJSON(a.Polygons))
			if err != nil {
				return nil, err
			}
			outlines = append(outlines, store.Outline{Kind: f.kind, Code: a.Code, Name: a.Name, Geometry: string(g)})
		}
		if f.kind == "departement" {
			rep.Departement = len(areas)
		} else {
			rep.Regions = len(areas)
		}
	}
	if centres == nil && outlines == nil {
		return nil, fmt.Errorf("%s : aucun des fichiers attendus (%s, %s, %s)", dir, FileCentres, FileDepartements, FileRegions)
	}
	if err := s.store.ReplaceGeography(ctx, centres, outlines); err != nil {
		return nil, err
	}
	rep.Duration = time.Since(start)
	return rep, nil
}

func polygonsJSON(polys []geo.Polygon) [][][][2]float64 {
	out := make([][][][2]float64, len(polys))
	for i, p := range polys {
		out[i] = make([][][2]float64, len(p))
		for j, ring := range p {
			out[i][j] = make([][2]float64, len(ring))
			for k, pt := range ring {
				out[i][j][k] = [2]float64{pt.Lon, pt.Lat}
			}
		}
	}
	return out
}

// areaOutline is an outline read back from the database.
type areaOutline = geo.Area

// outlines returns the imported outlines of a kind ("departement",
// "region"), from the cache while no new import happened.
func (s *Service) outlines(ctx context.Context, kind string) ([]geo.Area, error) {
	counts, err := s.store.CountGeography(ctx)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("%d/%d/%d", counts.Departements, counts.Regions, counts.ImportedAt.UnixNano())
	c := s.maps
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.key != key {
		c.deps, c.regs, c.key = nil, nil, key
	}
	cached := &c.deps
	if kind == "region" {
		cached = &c.regs
	}
	if *cached != nil {
		return *cached, nil
	}
	rows, err := s.store.Outlines(ctx, kind)
	if err != nil {
		return nil, err
	}
	areas := make([]geo.Area, 0, len(rows))
	for _, r := range rows {
		var coords [][][][2]float64
		if err := json.Unmarshal([]byte(r.Geometry), &coords); err != nil {
			return nil, fmt.Errorf("contour %s %s illisible : %w", kind, r.Code, err)
		}
		a := geo.Area{Code: r.Code, Name: r.Name}
		for _, p := range coords {
			var poly geo.Polygon
			for _, ring := range p {
				rg := make(geo.Ring, len(ring))
				for k, pt := range ring {
					rg[k] = geo.Point{Lon: pt[0], Lat: pt[1]}
				}
				poly = append(poly, rg)
			}
			a.Polygons = append(a.Polygons, poly)
		}
		areas = append(areas, a)
	}
	*cached = areas
	return areas, nil
}
