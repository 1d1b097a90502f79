// Package e2e holds tnl's end-to-end tests: they build the tnl binary, run
// "tnl serve" on a free port against SQLite and PostgreSQL, and drive it with
// headless Chromium (Debian's chromium package), curl and HTTP clients.
package e2e
