package geo

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// LoadCentres2018 reads communes-centres-2018.csv: a header naming at least
// the columns code, longitude and latitude (WGS 84 degrees), then one commune
// a line. It returns the centre of each code; a faulty line stops the load
// with a French error naming it (« ligne 12 : longitude illisible « abc » »).
func LoadCentres2018(r io.Reader) (map[string]Point, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("fichier vide : une ligne d’en-tête (code, longitude, latitude) est attendue")
	} else if err != nil {
		return nil, csvError(err)
	}
	col := map[string]int{}
	for i, name := range header {
		name = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")))
		if _, dup := col[name]; !dup {
			col[name] = i
		}
	}
	for _, name := range []string{"code", "longitude", "latitude"} {
		if _, ok := col[name]; !ok {
			return nil, fmt.Errorf("ligne 1 : colonne « %s » absente de l’en-tête", name)
		}
	}
	iCode, iLon, iLat := col["code"], col["longitude"], col["latitude"]
	width := max(iCode, iLon, iLat) + 1

	centres := make(map[string]Point, 36000)
	firstLine := make(map[string]int, 36000)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) < width {
			return nil, fmt.Errorf("ligne %d : %d colonnes, %d attendues", line, len(rec), len(header))
		}
		code := strings.TrimSpace(rec[iCode])
		if !validCommuneCode(code) {
			return nil, fmt.Errorf("ligne %d : code commune illisible « %s » (5 caractères attendus, comme « 59350 » ou « 2A004 »)", line, code)
		}
		if prev, dup := firstLine[code]; dup {
			return nil, fmt.Errorf("ligne %d : code « %s » en double (déjà ligne %d)", line, code, prev)
		}
		lon, err := parseDegrees(rec[iLon], 180)
		if err != nil {
			return nil, fmt.Errorf("ligne %d : longitude %s « %s »", line, err.Error(), rec[iLon])
		}
		lat, err := parseDegrees(rec[iLat], 90)
		if err != nil {
			return nil, fmt.Errorf("ligne %d : latitude %s « %s »", line, err.Error(), rec[iLat])
		}
		centres[code] = Point{Lon: lon, Lat: lat}
		firstLine[code] = line
	}
	return centres, nil
}

// parseDegrees reads a decimal number of degrees within ±limit; its error
// is the French adjective that completes « longitude … ».
func parseDegrees(s string, limit float64) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, errors.New("illisible")
	}
	if !(v >= -limit && v <= limit) { // also catches NaN
		return 0, errors.New("hors limites")
	}
	return v, nil
}

// validCommuneCode accepts INSEE commune codes: five digits, or 2A/2B and
// three digits for Corsica.
func validCommuneCode(code string) bool {
	if len(code) != 5 {
		return false
	}
	for i := range len(code) {
		c := code[i]
		if c >= '0' && c <= '9' || i == 1 && (c == 'A' || c == 'B') {
			continue
		}
		return false
	}
	return true
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("ligne %d : CSV mal formé : %w", pe.Line, pe.Err)
	}
	return fmt.Errorf("lecture du CSV : %w", err)
}
