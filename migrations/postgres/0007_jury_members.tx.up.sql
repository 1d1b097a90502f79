-- The jury becomes a membership per campaign (no longer an account role),
-- with the assignments of jurors to candidatures. Existing jury accounts
-- become members of the current campaign's jury (the latest one not
-- archived), charter taken as accepted, so that they keep working.

CREATE TABLE jury_members (
    campaign_id         bigint      NOT NULL REFERENCES campaigns (id),
    user_id             bigint      NOT NULL REFERENCES users (id),
    seat                text        NOT NULL DEFAULT 'membre' CHECK (seat IN ('membre', 'president')),
    organisation        text        NOT NULL DEFAULT '',
    charter_accepted_at timestamptz,
    created_at          timestamptz NOT NULL,
    PRIMARY KEY (campaign_id, user_id)
);

--bun:split

CREATE INDEX jury_members_user ON jury_members (user_id);

--bun:split

CREATE UNIQUE INDEX jury_members_one_president ON jury_members (campaign_id) WHERE seat = 'president';

--bun:split

CREATE TABLE jury_assignments (
    candidature_id bigint      NOT NULL REFERENCES candidatures (id),
    user_id        bigint      NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (candidature_id, user_id)
);

--bun:split

CREATE INDEX jury_assignments_user ON jury_assignments (user_id);

--bun:split

INSERT INTO jury_members (campaign_id, user_id, seat, charter_accepted_at, created_at)
SELECT c.id, u.id, 'membre', now(), now()
FROM users AS u
CROSS JOIN (SELECT id FROM campaigns ORDER BY (state <> 'archivee') DESC, year DESC LIMIT 1) AS c
WHERE u.role = 'jury';

--bun:split

UPDATE users SET role = 'membre', version = version + 1 WHERE role = 'jury';
