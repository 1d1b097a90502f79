package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// server is one run of `tnl serve` on a fixed address, its log in a file.
type server struct {
	cmd     *exec.Cmd
	log     *os.File
	logPath string
	exited  chan struct{}
}

// freeAddr picks a loopback port the system says is free: the server is
// restarted on it after every kill, so that the clients keep their address.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// startServer runs tnl serve and returns once it listens.
func startServer(ctx context.Context, bin, dbURL, addr, logPath string) (*server, error) {
	f, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve", "-addr", addr)
	cmd.Env = append(os.Environ(), "TNL_DATABASE_URL="+dbURL, "TNL_LOG_LEVEL=info", "TNL_SCHEDULER_INTERVAL=1s")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		f.Close()
		return nil, err
	}
	cmd.Stdout = f
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("tnl serve : %w", err)
	}
	s := &server{cmd: cmd, log: f, logPath: logPath, exited: make(chan struct{})}
	listening := make(chan struct{})
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 4<<20)
		seen := false
		for sc.Scan() {
			line := sc.Bytes()
			f.Write(line)         //nolint:errcheck // the log is evidence, best effort
			f.Write([]byte{'\n'}) //nolint:errcheck
			if !seen && bytes.Contains(line, []byte(`"tnl listening"`)) {
				seen = true
				close(listening)
			}
		}
		io.Copy(f, stderr) //nolint:errcheck
	}()
	go func() {
		<-copied
		cmd.Wait() //nolint:errcheck // killed on purpose
		close(s.exited)
	}()
	select {
	case <-listening:
		return s, nil
	case <-s.exited:
		f.Close()
		return nil, fmt.Errorf("tnl serve s’est arrêté au démarrage : voir %s", logPath)
	case <-time.After(60 * time.Second):
		s.kill()
		return nil, fmt.Errorf("tnl serve n’écoute pas après 60 s : voir %s", logPath)
	case <-ctx.Done():
		s.kill()
		return nil, ctx.Err()
	}
}

// kill sends SIGKILL and waits for the process to be gone.
func (s *server) kill() {
	s.cmd.Process.Signal(syscall.SIGKILL) //nolint:errcheck // it may have exited
	<-s.exited
	s.log.Close()
}

// stop interrupts the server and waits for its graceful end.
func (s *server) stop() error {
	s.cmd.Process.Signal(os.Interrupt) //nolint:errcheck
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		s.kill()
		return errors.New("tnl serve ne s’est pas arrêté en 30 s")
	}
	return s.log.Close()
}

// sentIDs reads, from a server log, the outbox ids the worker reported
// sent, in order.
func sentIDs(logPath string) ([]int64, error) {
	data, err := os.ReadFile(logPath)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.Contains(line, `"notify: email sent"`) {
			continue
		}
		var e struct {
			ID int64 `json:"id"`
		}
		if json.Unmarshal([]byte(line), &e) == nil && e.ID > 0 {
			ids = append(ids, e.ID)
		}
	}
	return ids, nil
}
