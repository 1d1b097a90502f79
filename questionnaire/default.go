package questionnaire

import (
	"bytes"
	_ "embed"
)

// DefaultName is the file name of the default questionnaire.
const DefaultName = "tnl-2026.yaml"

//go:embed default/tnl-2026.yaml
var defaultSource []byte

// DefaultSource returns a copy of the source of the default questionnaire,
// the one of the 2026 campaign.
func DefaultSource() []byte { return bytes.Clone(defaultSource) }

// Default loads the default questionnaire, the one of the 2026 campaign.
func Default() (*Questionnaire, error) { return Load(defaultSource, DefaultName) }
