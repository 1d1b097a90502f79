-- A withdrawn candidature frees its collectivité: another one may be
-- created in the same campaign (the withdrawn one stays, with its
-- history). SQLite cannot drop the table's UNIQUE (campaign_id,
-- collectivite_id): the store rebuilds the table after the migrations
-- (store.freeWithdrawnCollectivites, from the table's own definition,
-- whatever migrations added columns to it), with foreign keys off on its
-- own connection as SQLite's documentation says.

-- How many candidatures of a campaign a person may be élu référent of,
-- when staff lifted the platform's limit for them (NULL: the limit).
ALTER TABLE users ADD COLUMN elu_limit integer;
