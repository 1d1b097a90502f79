package territoires

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-playground/validator/v10"
)

// FileError is a problem in one import file. Entry is the 1-based position of
// the faulty entry in the file's array (0 when the file as a whole is wrong).
type FileError struct {
	File  string
	Entry int
	Code  string
	Line  int
	Msg   string
}

func (e *FileError) Error() string {
	where := filepath.Base(e.File)
	if e.Entry > 0 {
		where += fmt.Sprintf(", entrée n° %d", e.Entry)
		if e.Code != "" {
			where += fmt.Sprintf(" (code « %s »)", e.Code)
		}
	}
	if e.Line > 0 {
		where += fmt.Sprintf(", ligne %d", e.Line)
	}
	return where + " : " + e.Msg
}

// dataset is the content of the files given to one import.
type dataset struct {
	has          map[FileKind]bool
	regions      []regionEntry
	departements []departementEntry
	communes     []communeEntry // current communes only
	mergedInto   map[string]string
	epci         []epciEntry
}

// parse reads and checks every source. It stops at the first faulty file
// and returns its error: nothing is imported unless every file is sound.
func parse(sources []Source) (*dataset, error) {
	v := newValidator()
	ds := &dataset{has: map[FileKind]bool{}, mergedInto: map[string]string{}}
	for _, src := range sources {
		data, err := os.ReadFile(src.Path)
		if err != nil {
			return nil, &FileError{File: src.Path, Msg: readProblem(err)}
		}
		ds.has[src.Kind] = true
		switch src.Kind {
		case FileRegions:
			ds.regions, err = decodeArray[regionEntry](src.Path, data, v)
		case FileDepartements:
			ds.departements, err = decodeArray[departementEntry](src.Path, data, v)
		case FileCommunes:
			var all []communeEntry
			all, err = decodeArray[communeEntry](src.Path, data, v)
			for _, c := range all {
				switch c.Type {
				case "commune-actuelle":
					ds.communes = append(ds.communes, c)
				case "commune-deleguee", "commune-associee":
					if c.ChefLieu != "" && c.ChefLieu != c.Code {
						ds.mergedInto[c.Code] = c.ChefLieu
					}
				}
			}
			if err == nil && len(ds.communes) == 0 {
				// Importing it would retire every commune of the database.
				err = &FileError{File: src.Path, Msg: "aucune commune actuelle (type « commune-actuelle ») dans ce fichier : est-ce bien communes.json de decoupage-administratif ?"}
			}
		case FileEPCI:
			ds.epci, err = decodeArray[epciEntry](src.Path, data, v)
		}
		if err != nil {
			return nil, err
		}
	}
	return ds, nil
}

// decodeArray decodes a JSON array of T, validating each entry and refusing
// duplicate codes.
func decodeArray[T any](path string, data []byte, v *validator.Validate) ([]T, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, syntaxError(path, data, 0, 0, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil, &FileError{File: path, Line: 1, Msg: "le fichier doit contenir une liste JSON ([ … ])"}
	}
	var out []T
	seen := map[string]int{}
	for i := 1; dec.More(); i++ {
		var e T
		start := skipSeparators(data, dec.InputOffset())
		if err := dec.Decode(&e); err != nil {
			return nil, syntaxError(path, data, i, start, err)
		}
		code := entryCode(&e)
		if err := v.Struct(&e); err != nil {
			return nil, &FileError{File: path, Entry: i, Code: code, Msg: describe(err)}
		}
		key := entryKey(&e)
		if prev, dup := seen[key]; dup {
			return nil, &FileError{File: path, Entry: i, Code: code, Msg: fmt.Sprintf("code déjà présent à l’entrée n° %d", prev)}
		}
		seen[key] = i
		out = append(out, e)
	}
	if _, err := dec.Token(); err != nil {
		return nil, syntaxError(path, data, len(out)+1, dec.InputOffset(), err)
	}
	if len(out) == 0 {
		return nil, &FileError{File: path, Msg: "le fichier ne contient aucune entrée"}
	}
	return out, nil
}

// syntaxError describes a decoding error of the entry starting at offset start.
func syntaxError(path string, data []byte, entry int, start int64, err error) error {
	fe := &FileError{File: path, Entry: entry, Line: lineAt(data, start)}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		fe.Line = lineAt(data, se.Offset)
		fe.Msg = fmt.Sprintf("JSON mal formé à l’octet %d : vérifiez les guillemets, virgules, crochets et accolades", se.Offset)
	case errors.As(err, &te):
		fe.Msg = fmt.Sprintf("le champ « %s » doit être de type %s (reçu : %s)", te.Field, frenchType(te.Type.Kind().String()), jsonValue(te.Value))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		fe.Msg = "le fichier s’arrête au milieu d’une entrée (JSON incomplet)"
	default:
		fe.Msg = "JSON illisible : une liste JSON d’objets est attendue"
	}
	return fe
}

// readProblem says in French why a file could not be read.
func readProblem(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "fichier introuvable"
	case errors.Is(err, fs.ErrPermission):
		return "lecture refusée (droits du fichier)"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Err != nil && strings.Contains(pe.Err.Error(), "is a directory") {
		return "c’est un dossier, pas un fichier"
	}
	return "lecture impossible"
}

// jsonValue names what json.UnmarshalTypeError found: « texte », « nombre
// 12.5 »…
func jsonValue(v string) string {
	if n, ok := strings.CutPrefix(v, "number "); ok {
		return "nombre " + n
	}
	return frenchType(v)
}

func frenchType(kind string) string {
	switch kind {
	case "string":
		return "texte"
	case "int", "int64", "float64", "number":
		return "nombre"
	case "bool":
		return "booléen (true ou false)"
	case "array":
		return "liste"
	case "object":
		return "objet"
	case "slice":
		return "liste"
	case "struct":
		return "objet"
	}
	return kind
}

func lineAt(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return bytes.Count(data[:offset], []byte{'\n'}) + 1
}

// skipSeparators moves past the white space and comma before an entry.
func skipSeparators(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
		default:
			return off
		}
	}
	return off
}
