-- Requests about a candidature from someone outside it, after « Cette
-- collectivité a déjà une candidature »: to join it, or to report an error
-- (the wrong élu référent). Staff decide: transfer the élu référent role,
-- add as accompagnateur, or refuse.
CREATE TABLE candidature_requests (
    id             bigserial PRIMARY KEY,
    candidature_id bigint      NOT NULL REFERENCES candidatures (id) ON DELETE CASCADE,
    user_id        bigint      NOT NULL REFERENCES users (id),
    kind           text        NOT NULL CHECK (kind IN ('rejoindre', 'erreur')),
    message        text        NOT NULL DEFAULT '',
    decision       text        NOT NULL DEFAULT '' CHECK (decision IN ('', 'transferer', 'ajouter', 'refuser')),
    decided_by     bigint      REFERENCES users (id),
    decided_at     timestamptz,
    created_at     timestamptz NOT NULL
);

--bun:split

CREATE INDEX candidature_requests_pending ON candidature_requests (created_at) WHERE decision = '';
