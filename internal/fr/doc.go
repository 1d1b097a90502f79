// Package fr formats what French-speaking users read, the same way on web
// pages, in PDFs, in emails and at the command line: instants in Paris time
// (« 15 octobre 2026 à 23 h 59 »), numbers with a narrow no-break space
// between thousands (« 36 359 »), sizes (« 10,5 Mo »), counts with their
// noun in the right number (« 1 réponse », « 3 réponses », never
// « réponse(s) ») and the preposition « de » before a name, elided or
// contracted (« d’Ambronay », « du Mans », « de Lyon »).
package fr
