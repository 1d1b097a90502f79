package kit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Check returns every problem of a kit file (nil when it is valid).
func Check(data []byte, name string) Problems {
	_, ps := parse(data, name)
	return ps
}

// Load reads a kit file; its error is the Problems found.
func Load(data []byte, name string) (*Kit, error) {
	k, ps := parse(data, name)
	if len(ps) > 0 {
		return nil, ps
	}
	return k, nil
}

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

type reporter struct {
	file string
	ps   Problems
}

func (r *reporter) add(line int, format string, args ...any) {
	r.ps = append(r.ps, Problem{File: r.file, Line: line, Message: fmt.Sprintf(format, args...)})
}

func parse(data []byte, name string) (*Kit, Problems) {
	r := &reporter{file: name}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			r.add(0, "fichier vide : un kit donne au moins sa version, son titre et ses points à aborder")
		} else {
			r.add(0, "YAML illisible : %v", err)
		}
		return nil, r.ps
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		r.add(root.Line, "le kit doit être une table (version, titre, points, documents, logiciels)")
		return nil, r.ps
	}
	k := &Kit{Hash: hashOf(data)}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		if seen[key.Value] {
			r.add(key.Line, "« %s » est donné deux fois", key.Value)
			continue
		}
		seen[key.Value] = true
		switch key.Value {
		case "version":
			k.Version = r.text(val, "version")
		case "titre":
			k.Title = r.text(val, "titre")
		case "introduction":
			k.Intro = r.text(val, "introduction")
		case "points":
			k.Points = r.items(val, "points", false)
		case "documents":
			k.Documents = r.items(val, "documents", true)
		case "logiciels":
			k.Software = r.items(val, "logiciels", true)
		default:
			r.add(key.Line, "clé inconnue « %s » (attendu : version, titre, introduction, points, documents, logiciels)", key.Value)
		}
	}
	if strings.TrimSpace(k.Version) == "" {
		r.add(root.Line, "« version » manque : donnez une version au kit (par exemple « 2026-1 »), que chaque compte rendu retient")
	}
	if strings.TrimSpace(k.Title) == "" {
		r.add(root.Line, "« titre » manque")
	}
	if len(k.Points) == 0 {
		r.add(root.Line, "« points » manque ou est vide : un kit a au moins un point à aborder")
	}
	if len(r.ps) > 0 {
		return nil, r.ps
	}
	return k, nil
}

func (r *reporter) text(n *yaml.Node, what string) string {
	if n.Kind != yaml.ScalarNode {
		r.add(n.Line, "« %s » doit être un texte", what)
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// items reads a list of entries; withURL asks each for a link (lien).
func (r *reporter) items(n *yaml.Node, part string, withURL bool) []Item {
	if n.Kind != yaml.SequenceNode {
		r.add(n.Line, "« %s » doit être une liste", part)
		return nil
	}
	keys := map[string]int{}
	out := make([]Item, 0, len(n.Content))
	for i, e := range n.Content {
		where := fmt.Sprintf("%s, entrée n° %d", part, i+1)
		if e.Kind != yaml.MappingNode {
			r.add(e.Line, "%s : une table (cle, titre, aide%s) est attendue", where, map[bool]string{true: ", lien"}[withURL])
			continue
		}
		var it Item
		for j := 0; j+1 < len(e.Content); j += 2 {
			k, v := e.Content[j], e.Content[j+1]
			switch k.Value {
			case "cle":
				it.Key = r.text(v, "cle")
			case "titre":
				it.Title = r.text(v, "titre")
			case "aide":
				it.Help = r.text(v, "aide")
			case "lien":
				if !withURL {
					r.add(k.Line, "%s : un point à aborder n’a pas de lien", where)
					continue
				}
				it.URL = r.text(v, "lien")
				if u, err := url.Parse(it.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
					r.add(v.Line, "%s : lien « %s » invalide (une adresse https://… est attendue)", where, it.URL)
				}
			default:
				r.add(k.Line, "%s : clé inconnue « %s »", where, k.Value)
			}
		}
		switch {
		case it.Key == "":
			r.add(e.Line, "%s : « cle » manque", where)
		case !keyPattern.MatchString(it.Key):
			r.add(e.Line, "%s : clé « %s » invalide (minuscules, chiffres et _, 40 caractères au plus, commençant par une lettre)", where, it.Key)
		default:
			if prev, dup := keys[it.Key]; dup {
				r.add(e.Line, "%s : clé « %s » déjà employée (entrée n° %d)", where, it.Key, prev)
			}
			keys[it.Key] = i + 1
		}
		if it.Title == "" {
			r.add(e.Line, "%s : « titre » manque", where)
		}
		out = append(out, it)
	}
	return out
}
