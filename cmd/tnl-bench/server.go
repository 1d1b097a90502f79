package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"time"
)

// serverProc is a running `tnl serve` process.
type serverProc struct {
	cmd       *exec.Cmd
	Pid       int
	BaseURL   string // http://127.0.0.1:port
	DebugURL  string // its profiling listener
	exited    chan struct{}
	exitErr   error
	logFile   *os.File
	stopGrace time.Duration
	stopOnce  sync.Once
	stopErr   error
}

// startServer starts `tnl serve` on a loopback port chosen by the system,
// with its profiling listener on, and returns once it listens. Its log goes
// to logPath.
func startServer(ctx context.Context, bin, dbURL, logPath string) (*serverProc, error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "TNL_DATABASE_URL="+dbURL, "TNL_LOG_LEVEL=info", "TNL_PPROF_ADDR=127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		logFile.Close()
		return nil, err
	}
	cmd.Stdout = logFile
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("tnl serve : %w", err)
	}
	p := &serverProc{cmd: cmd, Pid: cmd.Process.Pid, exited: make(chan struct{}), logFile: logFile, stopGrace: 30 * time.Second}
	addrs := make(chan [2]string, 1)
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		readServerLog(stderr, logFile, addrs)
	}()
	go func() {
		<-copied
		p.exitErr = cmd.Wait()
		close(p.exited)
	}()
	select {
	case a := <-addrs:
		p.BaseURL, p.DebugURL = "http://"+a[0], "http://"+a[1]
		return p, nil
	case <-p.exited:
		logFile.Close()
		return nil, fmt.Errorf("tnl serve s’est arrêté au démarrage (%v) : voir %s", p.exitErr, logPath)
	case <-time.After(2 * time.Minute):
		p.stop()
		return nil, fmt.Errorf("tnl serve n’écoute toujours pas après 2 minutes : voir %s", logPath)
	case <-ctx.Done():
		p.stop()
		return nil, ctx.Err()
	}
}

// readServerLog copies the server's JSON log to w and sends the addresses
// of its two listeners once both are known.
func readServerLog(r io.Reader, w io.Writer, addrs chan<- [2]string) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	var app, debug string
	sent := false
	for sc.Scan() {
		line := sc.Bytes()
		w.Write(line)         //nolint:errcheck // best effort: the log is for diagnosis
		w.Write([]byte{'\n'}) //nolint:errcheck
		if sent {
			continue
		}
		var entry struct{ Msg, Addr string }
		if json.Unmarshal(line, &entry) != nil {
			continue
		}
		switch entry.Msg {
		case "pprof listening":
			debug = entry.Addr
		case "tnl listening":
			app = entry.Addr
		}
		if app != "" && debug != "" {
			addrs <- [2]string{app, debug}
			sent = true
		}
	}
	io.Copy(w, r) //nolint:errcheck // drain whatever remains
}

// stop interrupts the server and waits for it to end; it may be called
// more than once.
func (p *serverProc) stop() error {
	p.stopOnce.Do(func() { p.stopErr = p.interrupt() })
	return p.stopErr
}

func (p *serverProc) interrupt() error {
	defer p.logFile.Close()
	select {
	case <-p.exited:
		return p.exitErr
	default:
	}
	p.cmd.Process.Signal(os.Interrupt) //nolint:errcheck // it may have exited meanwhile
	select {
	case <-p.exited:
	case <-time.After(p.stopGrace):
		p.cmd.Process.Kill() //nolint:errcheck
		<-p.exited
		return errors.New("tnl serve ne s’est pas arrêté dans les 30 s : tué")
	}
	var exit *exec.ExitError
	if errors.As(p.exitErr, &exit) && !exit.Exited() {
		return nil // ended by the signal
	}
	return p.exitErr
}

// storeStats reads the server's store counters from its profiling listener.
func (p *serverProc) storeStats(ctx context.Context) (storeStats, error) {
	var s storeStats
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.DebugURL+"/debug/store", nil)
	if err != nil {
		return s, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return s, fmt.Errorf("compteurs du serveur : %w", err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		return s, fmt.Errorf("compteurs du serveur : %w", err)
	}
	return s, nil
}

// storeStats mirrors store.Stats, as /debug/store sends it.
type storeStats struct {
	Queries      int64 `json:"queries"`
	MaxOpen      int   `json:"max_open_connections"`
	WaitCount    int64 `json:"wait_count"`
	WaitDuration int64 `json:"wait_duration_ns"`
}

// saveProfile fetches one pprof profile of the server into a file.
func (p *serverProc) saveProfile(ctx context.Context, path, file string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.DebugURL+path, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("profil %s : %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("profil %s : statut %d", path, resp.StatusCode)
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return fmt.Errorf("profil %s : %w", path, err)
	}
	return f.Close()
}
