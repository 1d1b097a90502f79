package pdf

import (
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/fr"
)

func (e *Engine) receiptInfo(r *Receipt) docInfo {
	title := "Accusé de réception"
	if ref := strings.TrimSpace(e.clean(r.Reference)); ref != "" {
		title += " — " + ref
	}
	return docInfo{
		title:   title,
		subject: orDefault(e.clean(r.Label), defaultLabel) + campaignSuffix(r.Year),
		created: documentDate(r.Year, r.SubmittedAt),
	}
}

// layoutReceipt lays out the one-page acknowledgement of receipt.
func (e *Engine) layoutReceipt(r *Receipt) *canvas {
	c := newCanvas(false)
	f := &flow{c: c, e: e, left: marginX, right: c.width - marginX, top: contentTop, bottom: contentBelow}
	f.newPage()
	label := orDefault(e.clean(r.Label), defaultLabel)
	ref := strings.TrimSpace(e.clean(r.Reference))
	collectivite := strings.TrimSpace(e.clean(r.Collectivite))
	by := strings.TrimSpace(e.clean(r.SubmittedBy))

	c.fillRect(0, 0, c.width, 110, hexColor(colorPrimary))
	band := textStyle{style: bold, size: 20, leading: 26, color: hexColor(colorWhite)}
	e.text(c, f.left, 30, band, f.face(bold).truncate(label, band.size, f.width()))
	sub := textStyle{style: regular, size: 13, leading: 18, color: hexColor(colorBandText)}
	e.text(c, f.left, 64, sub, "Accusé de réception"+campaignSuffix(r.Year))

	f.y = 140
	f.paragraph("Accusé de réception de candidature", headingStyle(18), 0)
	if ref != "" {
		f.paragraph("Référence : "+ref, textStyle{style: bold, size: 12, leading: 17, color: hexColor(colorText)}, 0)
	}
	f.y += 14
	f.paragraph(e.receiptStatement(r, label, collectivite, by), textStyle{style: regular, size: 11, leading: 16, color: hexColor(colorText)}, 0)

	f.y += 18
	ts := headingStyle(11)
	e.text(c, f.left, f.y, ts, "Détails du dépôt")
	f.y += ts.leading + 1
	c.line(f.left, f.y, f.right, f.y, 0.6, hexColor(colorRule))
	f.y += 8
	const keyWidth = 150
	body := bodyStyle()
	row := func(key, value string) {
		if strings.TrimSpace(value) == "" {
			f.keyValue(key, unanswered, mutedStyle(), keyWidth)
		} else {
			f.keyValue(key, value, body, keyWidth)
		}
		f.y += 5
	}
	row("Référence", ref)
	row("Collectivité", collectivite)
	if r.Year > 0 {
		row("Campagne", strconv.Itoa(r.Year))
	} else {
		row("Campagne", "")
	}
	if r.SubmittedAt.IsZero() {
		row("Date du dépôt", "")
	} else {
		row("Date du dépôt", fr.DateTime(r.SubmittedAt))
	}
	row("Déposé par", by)
	row(orDefault(e.clean(r.Elu.Title), "Élu référent"), e.personLines(r.Elu))
	row("Réponses", countOf(r.AnswersCount, "réponse", "réponses"))
	row("Pièces justificatives", countOf(r.EvidenceCount, "pièce justificative", "pièces justificatives"))
	row("Empreinte des réponses (SHA-256)", strings.TrimSpace(e.clean(r.Hash)))

	f.y += 16
	f.paragraph("L’empreinte SHA-256 identifie les réponses telles qu’elles ont été déposées : "+
		"toute modification ultérieure la changerait. Ce document atteste le dépôt de la candidature ; "+
		"il ne préjuge pas de la décision du jury.", smallStyle(), 0)

	footer := "Accusé de réception"
	if ref != "" {
		footer += " · réf. " + ref
	}
	n := c.page()
	for p := 1; p <= n; p++ {
		c.drawOn(p, func() {
			ss := smallStyle()
			c.line(f.left, 790, f.right, 790, 0.5, hexColor(colorRule))
			e.text(c, f.left, 795, ss, f.face(regular).truncate(footer, ss.size, f.width()*0.7))
			e.textRight(c, f.right, 795, ss, pageOf(p, n))
		})
	}
	return c
}

// receiptStatement is the sentence attesting the submission.
func (e *Engine) receiptStatement(r *Receipt, label, collectivite, by string) string {
	var b strings.Builder
	b.WriteString("La plateforme du label " + label + " atteste avoir reçu le dossier de candidature")
	if collectivite != "" {
		b.WriteString(" de la collectivité « " + collectivite + " »")
	}
	if r.Year > 0 {
		b.WriteString(" pour la campagne " + strconv.Itoa(r.Year))
	}
	if !r.SubmittedAt.IsZero() {
		b.WriteString(", déposé le " + fr.DateTime(r.SubmittedAt))
	}
	if by != "" {
		b.WriteString(" par " + by)
	}
	b.WriteString(".")
	return b.String()
}

// personLines formats a person on up to three lines.
func (e *Engine) personLines(p Person) string {
	var lines []string
	for _, s := range []string{p.Name, p.Mandate, p.Email} {
		if s = strings.TrimSpace(e.clean(s)); s != "" {
			lines = append(lines, s)
		}
	}
	return strings.Join(lines, "\n")
}
