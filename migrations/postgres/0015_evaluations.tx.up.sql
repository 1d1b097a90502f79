-- A juror's evaluation of a candidature (the « evaluation » lifecycle:
-- assignee → en_cours → remise, rouverte by the president): one per
-- assignment. scores and comments are JSON by theme; theme_scores and
-- overall are written on submission for the aggregation. draft_version
-- counts the autosaved drafts (conflicts between two tabs), version the
-- lifecycle's transitions.

CREATE TABLE evaluations (
    id             bigserial   PRIMARY KEY,
    candidature_id bigint      NOT NULL REFERENCES candidatures (id) ON DELETE CASCADE,
    user_id        bigint      NOT NULL REFERENCES users (id),
    campaign_id    bigint      NOT NULL REFERENCES campaigns (id),
    state          text        NOT NULL,
    scores         text        NOT NULL DEFAULT '{}',
    comments       text        NOT NULL DEFAULT '{}',
    level          integer,
    confidence     text        NOT NULL DEFAULT '',
    private_note   text        NOT NULL DEFAULT '',
    remark         text        NOT NULL DEFAULT '',
    remark_kept    boolean     NOT NULL DEFAULT false,
    theme_scores   text        NOT NULL DEFAULT '',
    overall        double precision,
    draft_version  integer     NOT NULL DEFAULT 0,
    submitted_at   timestamptz,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        integer     NOT NULL DEFAULT 1,
    UNIQUE (candidature_id, user_id)
);

--bun:split

CREATE INDEX evaluations_user ON evaluations (user_id, campaign_id);

--bun:split

CREATE INDEX evaluations_campaign_state ON evaluations (campaign_id, state);
