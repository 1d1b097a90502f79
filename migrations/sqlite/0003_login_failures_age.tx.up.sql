-- A successful sign-in forgets the address's failures and every failure
-- older than a day (key = … OR failed_at < …): without an index on the
-- instant, that statement read the whole table at every sign-in.

CREATE INDEX login_failures_failed_at_idx ON login_failures (failed_at);
