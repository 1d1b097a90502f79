-- Deliberation and publication (issue 13): a candidature's track (the
-- Badge answers only the questionnaire's Badge questions) and the jury's
-- private note; a campaign's scheduled publication instant; whether the
-- jury's members read the deliberation table.

ALTER TABLE candidatures ADD COLUMN track text NOT NULL DEFAULT 'label' CHECK (track IN ('label', 'badge'));

--bun:split

ALTER TABLE candidatures ADD COLUMN private_note text NOT NULL DEFAULT '';

--bun:split

ALTER TABLE campaigns ADD COLUMN publish_at timestamptz;

--bun:split

ALTER TABLE jury_settings ADD COLUMN deliberation_jurors boolean NOT NULL DEFAULT false;
