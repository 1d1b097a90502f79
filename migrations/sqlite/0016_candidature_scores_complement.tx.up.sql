-- The questionnaire's automatic score of a deposited candidature, written
-- with the deposit and with the answer to a complement, so that the jury's
-- ranking and the assignment's profiles do not score every dossier again;
-- and the reply deadline of a complement request, after which the
-- candidature returns to instruction by itself.

CREATE TABLE candidature_scores (
    candidature_id integer           PRIMARY KEY REFERENCES candidatures (id) ON DELETE CASCADE,
    total          real NOT NULL,
    max            real NOT NULL,
    level          integer          NOT NULL,
    themes         text             NOT NULL,
    lead_theme     text             NOT NULL,
    computed_at    text      NOT NULL
);

--bun:split

ALTER TABLE candidatures ADD COLUMN complement_due_at text;

--bun:split

CREATE INDEX candidatures_complement_due ON candidatures (complement_due_at) WHERE complement_due_at IS NOT NULL;
