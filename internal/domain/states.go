package domain

// The states a candidature and a campaign are stored in. Their labels, the
// events between them and who fires them are the lifecycle definitions'
// (internal/lifecycle/…); the names are shared vocabulary.
const (
	Brouillon         = "brouillon"
	Deposee           = "deposee"
	Recevable         = "recevable"
	Irrecevable       = "irrecevable"
	EnInstruction     = "en_instruction"
	ComplementDemande = "complement_demande"
	Evaluee           = "evaluee"
	Deliberee         = "deliberee"
	Publiee           = "publiee"
	Retiree           = "retiree"
)

// Campaign states.
const (
	CampagnePreparation      = "en_preparation"
	CampagneOuverte          = "ouverte"
	CampagneClose            = "close"
	CampagneInstruction      = "en_instruction"
	CampagneDeliberation     = "en_deliberation"
	CampagneResultatsPublies = "resultats_publies"
	CampagneArchivee         = "archivee"
)

// Editable reports whether a candidature's answers may change in this
// state: the draft, and while the jury waits for a complement.
func Editable(state string) bool { return state == Brouillon || state == ComplementDemande }

// EditableStates lists the states in which answers may change (see Editable).
func EditableStates() []string { return []string{Brouillon, ComplementDemande} }

// PendingStates are the candidature states that still await a decision:
// results cannot be published while one remains.
func PendingStates() []string {
	return []string{Deposee, Recevable, EnInstruction, ComplementDemande, Evaluee}
}
