-- Conflicts of interest declared by a juror (« je me déporte ») or set by
-- staff, and the record of every automatic assignment run: its parameters,
-- seed, figures and changes.

CREATE TABLE jury_conflicts (
    candidature_id bigint      NOT NULL REFERENCES candidatures (id) ON DELETE CASCADE,
    user_id        bigint      NOT NULL REFERENCES users (id),
    source         text        NOT NULL CHECK (source IN ('declare', 'equipe')),
    reason         text        NOT NULL DEFAULT '',
    created_by     bigint REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (candidature_id, user_id)
);

--bun:split

CREATE INDEX jury_conflicts_user ON jury_conflicts (user_id);

--bun:split

CREATE TABLE jury_runs (
    id          bigserial   PRIMARY KEY,
    campaign_id bigint      NOT NULL REFERENCES campaigns (id),
    parameters  text        NOT NULL,
    figures     text        NOT NULL,
    changes     text        NOT NULL,
    actor_label text        NOT NULL,
    created_at  timestamptz NOT NULL
);

--bun:split

CREATE INDEX jury_runs_campaign ON jury_runs (campaign_id, id);
