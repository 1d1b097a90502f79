package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// buildTNL compiles the tnl binary of this module into dir.
func buildTNL(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "tnl")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/adullact/tnl/cmd/tnl")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build ./cmd/tnl : %w\n%s", err, out.String())
	}
	return bin, nil
}

// tnlCLI runs tnl subcommands against one database.
type tnlCLI struct {
	bin   string
	dbURL string
}

// run runs one subcommand and returns its standard output and how long it
// took; a failure carries its standard error.
func (t *tnlCLI) run(ctx context.Context, stdin string, args ...string) (string, time.Duration, error) {
	cmd := exec.CommandContext(ctx, t.bin, args...)
	cmd.Env = append(os.Environ(), "TNL_DATABASE_URL="+t.dbURL, "TNL_LOG_LEVEL=warn")
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if err != nil {
		return stdout.String(), took, fmt.Errorf("tnl %s : %w\n%s%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String(), took, nil
}
