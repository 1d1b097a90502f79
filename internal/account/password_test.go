package account

import (
	"strings"
	"testing"
)

func TestPasswordHashing(t *testing.T) {
	t.Parallel()
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("unexpected hash format %q", h)
	}
	if !VerifyPassword(h, "correct horse battery") {
		t.Error("right password refused")
	}
	if VerifyPassword(h, "correct horse batterie") {
		t.Error("wrong password accepted")
	}
	h2, _ := HashPassword("correct horse battery")
	if h == h2 {
		t.Error("two hashes of the same password are equal: no salt?")
	}
	for _, bad := range []string{"", "$argon2id$", "$bcrypt$x$y$z$w", "$argon2id$v=19$m=99999999,t=2,p=1$AAAA$AAAA", h[:len(h)-3] + "!!!"} {
		if VerifyPassword(bad, "correct horse battery") {
			t.Errorf("malformed hash %q accepted", bad)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	t.Parallel()
	if err := CheckPassword("court"); err == nil || !strings.Contains(err.Error(), "au moins 10 caractères") {
		t.Errorf("short password: %v", err)
	}
	if err := CheckPassword("éééééééééé"); err != nil {
		t.Errorf("10 accented letters refused: %v", err)
	}
}
