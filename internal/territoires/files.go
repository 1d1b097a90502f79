// Package territoires imports the French collectivités from the official
// files published by etalab's decoupage-administratif (communes.json,
// epci.json, departements.json, regions.json).
package territoires

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// FileKind says which official file a path holds.
type FileKind int

// The four files, in the order they are read.
const (
	FileRegions FileKind = iota
	FileDepartements
	FileCommunes
	FileEPCI
)

var fileNames = map[FileKind]string{
	FileRegions:      "regions.json",
	FileDepartements: "departements.json",
	FileCommunes:     "communes.json",
	FileEPCI:         "epci.json",
}

// Source is one file to import.
type Source struct {
	Path string
	Kind FileKind
}

// Resolve turns command-line arguments (directories or files) into sources.
// A directory contributes whichever of the four official files it holds; a
// file is recognised by its name (communes*.json, epci*.json, …).
func Resolve(args []string) ([]Source, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("indiquez un dossier ou des fichiers à importer (communes.json, epci.json, departements.json, regions.json)")
	}
	seen := map[FileKind]string{}
	var out []Source
	add := func(path string, kind FileKind) error {
		if prev, dup := seen[kind]; dup {
			return fmt.Errorf("%s et %s contiennent le même type de données : n’en donnez qu’un", prev, path)
		}
		seen[kind] = path
		out = append(out, Source{Path: path, Kind: kind})
		return nil
	}
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil {
			return nil, fmt.Errorf("%s : fichier ou dossier introuvable", arg)
		}
		if info.IsDir() {
			found := 0
			for kind := FileRegions; kind <= FileEPCI; kind++ {
				p := filepath.Join(arg, fileNames[kind])
				if _, err := os.Stat(p); err == nil {
					if err := add(p, kind); err != nil {
						return nil, err
					}
					found++
				}
			}
			if found == 0 {
				return nil, fmt.Errorf("%s : aucun des fichiers attendus (communes.json, epci.json, departements.json, regions.json)", arg)
			}
			continue
		}
		kind, ok := kindOfName(filepath.Base(arg))
		if !ok {
			return nil, fmt.Errorf("%s : nom de fichier non reconnu (attendu : communes.json, epci.json, departements.json ou regions.json)", arg)
		}
		if err := add(arg, kind); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out, nil
}

func kindOfName(name string) (FileKind, bool) {
	name = strings.ToLower(name)
	if !strings.HasSuffix(name, ".json") {
		return 0, false
	}
	switch {
	case strings.HasPrefix(name, "communes"):
		return FileCommunes, true
	case strings.HasPrefix(name, "epci"):
		return FileEPCI, true
	case strings.HasPrefix(name, "departements"):
		return FileDepartements, true
	case strings.HasPrefix(name, "regions"):
		return FileRegions, true
	}
	return 0, false
}
