// Package dossier builds the PDF documents of a candidature from the
// store — the dossier, the acknowledgement of receipt and the certificate —
// and exports every dossier of a campaign at once.
//
// It turns stored data into the plain views of internal/pdf: answers are
// formatted for reading by the campaign's pinned questionnaire
// (Question.Display), questions hidden by their display condition are left
// out, evidence files are listed with their size and SHA-256. Documents are
// deterministic: their dates come from the data (the last change of the
// candidature or of its answers, the submission, the publication), never
// from the clock, so the same candidature always gives the same bytes.
//
// Export renders a whole campaign in a bounded pipeline: pages of
// candidatures are loaded with a few queries each (store.DossierPage), a
// pool of workers renders them on every core, and a single writer stores
// them, in candidature id order, as files in a directory or entries of a
// zip archive. Memory depends on the page size and the number of workers,
// not on the number of dossiers.
package dossier
