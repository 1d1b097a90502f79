package main

import "testing"

func TestParseProcStat(t *testing.T) {
	line := "4242 (postgres) S 1 4242 4242 0 -1 4194560 500 0 0 0 250 50 1000 200 20 0 1 0 100 1000 10 0\n"
	got, err := parseProcStat([]byte(line))
	if err != nil || got.comm != "postgres" || got.own != 3 || got.children != 12 {
		t.Errorf("parseProcStat = %+v, %v; want 3 s own, 12 s children", got, err)
	}
	if _, err := parseProcStat([]byte("garbage")); err == nil {
		t.Error("garbage: no error")
	}
}

func TestPostgresBackend(t *testing.T) {
	for _, c := range []struct {
		cmdline string
		backend bool
		db      string
	}{
		{"postgres: 15/main: postgres tnl_bench_1_2 127.0.0.1(53654) idle in transaction", true, "tnl_bench_1_2"},
		{"postgres: tnl tnl_bench_1_2 [local] SELECT", true, "tnl_bench_1_2"},
		{"postgres: 15/main: checkpointer", false, ""},
		{"postgres: 15/main: autovacuum worker tnl_bench_1_2", false, ""},
		{"/usr/lib/postgresql/15/bin/postgres\x00-D\x00/var/lib/postgresql/15/main", false, ""},
	} {
		backend, db := postgresBackend(c.cmdline)
		if backend != c.backend || db != c.db {
			t.Errorf("postgresBackend(%q) = %v, %q", c.cmdline, backend, db)
		}
	}
}
