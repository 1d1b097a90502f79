package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progress prints a status line during a long phase: rewritten in place
// every second on a terminal, a new line every few seconds otherwise.
type progress struct {
	w     io.Writer
	tty   bool
	quiet bool
}

// every returns the interval between two lines.
func (p *progress) every() time.Duration {
	if p.tty {
		return time.Second
	}
	return 5 * time.Second
}

// run prints line() until the returned stop is called; stop prints the
// final state and ends the line.
func (p *progress) run(line func(elapsed time.Duration) string) (stop func()) {
	if p.quiet {
		return func() {}
	}
	start := time.Now()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(p.every())
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				p.print(line(time.Since(start)), false)
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		p.print(line(time.Since(start)), true)
	}
}

func (p *progress) print(s string, final bool) {
	switch {
	case p.tty && final:
		fmt.Fprintf(p.w, "\r\033[K  %s\n", s)
	case p.tty:
		fmt.Fprintf(p.w, "\r\033[K  %s", s)
	case !final:
		fmt.Fprintf(p.w, "  %s\n", s)
	}
}

// step prints the start of a phase and returns a function that prints its
// outcome with its duration.
func (p *progress) step(what string) func(result string) {
	if !p.quiet {
		fmt.Fprintf(p.w, "- %s…\n", what)
	}
	start := time.Now()
	return func(result string) {
		if p.quiet {
			return
		}
		took := time.Since(start)
		if result != "" {
			result = " — " + result
		}
		fmt.Fprintf(p.w, "  → %s%s\n", seconds(took), result)
	}
}

// seconds formats a duration the French way: « 1,25 s ».
func seconds(d time.Duration) string {
	return strings.Replace(fmt.Sprintf("%.2f s", d.Seconds()), ".", ",", 1)
}
