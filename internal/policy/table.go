package policy

// Tables returns tnl's policy tables, one per area (table_<area>.go);
// New merges them.
func Tables() []Table {
	return []Table{publicTable(), accountTable(), candidatureTable(), campagneTable(), staffTable(), ambassadeursTable(), juryTable(), deliberationTable(), palmaresTable()}
}

// Actions of the routes and services. Lifecycle events are actions too,
// named by Event (« candidature.deposer »); their rules are in the table of
// their lifecycle's area.
const (
	// Pages anybody may open: home, sign-in, sign-up, links sent by email.
	PublicPage Action = "public.page"

	// The person's own account and session.
	AccountUse Action = "account.use"

	CollectiviteSearch  Action = "collectivite.search"
	CandidatureList     Action = "candidature.list"
	CandidatureCreate   Action = "candidature.create"
	CandidatureRead     Action = "candidature.read"
	CandidatureEdit     Action = "candidature.edit"
	CandidatureAttest   Action = "candidature.attest"
	CandidatureSubmit   Action = "candidature.submit"
	CandidatureMembers  Action = "candidature.members"
	CandidatureReview   Action = "candidature.review"
	CandidatureDocument Action = "candidature.document"
	CandidatureMessage  Action = "candidature.message"
	// CandidatureAsk: asking to join a collectivité's candidature, or
	// reporting an error on it, from outside it.
	CandidatureAsk Action = "candidature.ask"

	CampagneList   Action = "campagne.list"
	CampagneRead   Action = "campagne.read"
	CampagneManage Action = "campagne.manage"

	OutboxRead Action = "staff.outbox"
	// OutboxRetry requeues a message given up or failed (« Renvoyer »).
	OutboxRetry Action = "staff.outbox.retry"
	// The staff's back office: dashboard, candidatures table and export,
	// accounts.
	BackOffice    Action = "staff.backoffice"
	StaffAccounts Action = "staff.accounts"
)

// FireEvent and ReadSubject stand, in a route table, for the action of the
// event the route names ({event}) and for reading the subject it names:
// the guard turns them into Event(type, event) and Read(type).
const (
	FireEvent   Action = "*event"
	ReadSubject Action = "*read"
)
