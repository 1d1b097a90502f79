-- The links sent to an address are looked up by address (one email of a
-- kind at a time, see account.LinkInterval).

CREATE INDEX auth_links_email_idx ON auth_links (email, kind, created_at);
