// Package lsp is a small Language Server Protocol client: it starts a
// language server as a child process and speaks JSON-RPC to it over stdio,
// as an editor does. It knows just enough of the protocol to open and edit
// buffers, receive their diagnostics and ask for code actions, for
// gopls-etcdlint's integration test and its benchmark.
package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is a running language server.
type Server struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *logBuffer
	done   chan struct{} // closed when the server's stdout ends

	writeMu sync.Mutex

	mu       sync.Mutex
	nextID   int
	pending  map[int]chan response
	diags    map[string][]Diagnostic // latest published, by URI
	changed  chan struct{}           // closed and replaced on every publish
	settings map[string]any
	readErr  error
	working  map[string]bool // $/progress tokens begun and not ended
	idleAt   time.Time       // when the last of them ended
}

type response struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// message is any JSON-RPC message the server sends.
type message struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	response
}

// Start runs bin (with args) in dir and performs the initialize handshake
// for the workspace folder root. settings is what the server gets for its
// "gopls" configuration section until SetSettings changes it.
func Start(ctx context.Context, bin string, args []string, dir, root string, env []string, settings map[string]any) (*Server, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	s := &Server{
		cmd:      cmd,
		stdin:    stdin,
		stderr:   new(logBuffer),
		done:     make(chan struct{}),
		pending:  make(map[int]chan response),
		diags:    make(map[string][]Diagnostic),
		changed:  make(chan struct{}),
		settings: settings,
		working:  make(map[string]bool),
		idleAt:   time.Now(),
	}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go s.read(bufio.NewReader(stdout))

	init := map[string]any{
		"processId": os.Getpid(),
		"rootUri":   URI(root),
		"workspaceFolders": []map[string]string{
			{"uri": URI(root), "name": "workspace"},
		},
		"initializationOptions": settings,
		"capabilities": map[string]any{
			"workspace": map[string]any{
				"configuration":          true,
				"didChangeConfiguration": map[string]any{"dynamicRegistration": true},
				"workspaceFolders":       true,
			},
			"textDocument": map[string]any{
				"publishDiagnostics": map[string]any{
					"codeDescriptionSupport": true,
					"versionSupport":         true,
				},
				"codeAction": map[string]any{
					"codeActionLiteralSupport": map[string]any{
						"codeActionKind": map[string]any{"valueSet": []string{"quickfix", "refactor", "source"}},
					},
				},
				"diagnostic": map[string]any{},
			},
			"window": map[string]any{"workDoneProgress": true},
		},
	}
	if err := s.Call(ctx, "initialize", init, nil); err != nil {
		s.Kill()
		return nil, err
	}
	if err := s.Notify("initialized", map[string]any{}); err != nil {
		s.Kill()
		return nil, err
	}
	return s, nil
}

// Pid is the server's process ID.
func (s *Server) Pid() int { return s.cmd.Process.Pid }

// Stderr is what the server has logged so far: its standard error and
// its window/logMessage and window/showMessage notifications.
func (s *Server) Stderr() string { return s.stderr.String() }

// SetSettings replaces the "gopls" configuration section and tells the
// server, which then asks for it again (workspace/configuration), as VS
// Code does when the user edits settings.json.
func (s *Server) SetSettings(settings map[string]any) error {
	s.mu.Lock()
	s.settings = settings
	s.mu.Unlock()
	return s.Notify("workspace/didChangeConfiguration", map[string]any{"settings": nil})
}

// Call sends a request and decodes its result into result (if not nil).
func (s *Server) Call(ctx context.Context, method string, params, result any) error {
	s.mu.Lock()
	if s.readErr != nil {
		s.mu.Unlock()
		return s.readErr
	}
	s.nextID++
	id := s.nextID
	ch := make(chan response, 1)
	s.pending[id] = ch
	s.mu.Unlock()
	if err := s.write(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params}); err != nil {
		return err
	}
	select {
	case r := <-ch:
		if r.Error != nil {
			return fmt.Errorf("%s: %s (code %d)", method, r.Error.Message, r.Error.Code)
		}
		if result != nil {
			return json.Unmarshal(r.Result, result)
		}
		return nil
	case <-s.done:
		return fmt.Errorf("%s: server exited: %v\n%s", method, s.err(), s.Stderr())
	case <-ctx.Done():
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// Notify sends a notification.
func (s *Server) Notify(method string, params any) error {
	return s.write(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// Diagnostics returns the diagnostics last published for uri.
func (s *Server) Diagnostics(uri string) []Diagnostic {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.diags[uri]
}

// WaitDiagnostics waits until the diagnostics published for uri satisfy
// ready, and returns them. The server may publish a file's diagnostics
// several times as its analyses finish, so callers say what they wait for.
func (s *Server) WaitDiagnostics(ctx context.Context, uri string, ready func([]Diagnostic) bool) ([]Diagnostic, error) {
	for {
		s.mu.Lock()
		diags, changed := s.diags[uri], s.changed
		s.mu.Unlock()
		if ready(diags) {
			return diags, nil
		}
		select {
		case <-changed:
		case <-s.done:
			return diags, fmt.Errorf("server exited: %v\n%s", s.err(), s.Stderr())
		case <-ctx.Done():
			return diags, fmt.Errorf("waiting for the diagnostics of %s: %w; last published:\n%s", uri, ctx.Err(), Format(diags))
		}
	}
}

// WaitIdle waits until the server has reported no work in progress
// ($/progress) for quiet, so that what it began (loading the workspace,
// diagnosing it) has finished. With "verboseWorkDoneProgress" on, gopls
// reports each diagnosis pass too.
func (s *Server) WaitIdle(ctx context.Context, quiet time.Duration) error {
	for {
		s.mu.Lock()
		busy, idleFor := len(s.working) > 0, time.Since(s.idleAt)
		s.mu.Unlock()
		if !busy && idleFor >= quiet {
			return nil
		}
		select {
		case <-time.After(50 * time.Millisecond):
		case <-s.done:
			return fmt.Errorf("server exited: %v", s.err())
		case <-ctx.Done():
			return fmt.Errorf("waiting for the server to finish its work: %w", ctx.Err())
		}
	}
}

// Shutdown asks the server to exit, as an editor does when it closes.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.Call(ctx, "shutdown", nil, nil)
	if nerr := s.Notify("exit", nil); err == nil {
		err = nerr
	}
	s.stdin.Close()
	select {
	case <-s.done:
	case <-ctx.Done():
		s.Kill()
		return ctx.Err()
	}
	if werr := s.cmd.Wait(); err == nil {
		err = werr
	}
	return err
}

// Kill ends the server without a handshake.
func (s *Server) Kill() {
	s.cmd.Process.Kill()
	s.cmd.Wait()
}

func (s *Server) err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.readErr
}

func (s *Server) write(msg any) error {
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if _, err := fmt.Fprintf(s.stdin, "Content-Length: %d\r\n\r\n", len(data)); err != nil {
		return err
	}
	_, err = s.stdin.Write(data)
	return err
}

// read handles every message the server sends until its stdout ends.
func (s *Server) read(r *bufio.Reader) {
	defer close(s.done)
	tp := textproto.NewReader(r)
	for {
		header, err := tp.ReadMIMEHeader()
		if err != nil {
			s.fail(err)
			return
		}
		n, err := strconv.Atoi(header.Get("Content-Length"))
		if err != nil {
			s.fail(fmt.Errorf("bad Content-Length %q", header.Get("Content-Length")))
			return
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			s.fail(err)
			return
		}
		var msg message
		if err := json.Unmarshal(body, &msg); err != nil {
			s.fail(fmt.Errorf("bad message %s: %v", body, err))
			return
		}
		switch {
		case msg.Method == "" && msg.ID != nil:
			s.answered(msg)
		case msg.Method != "" && msg.ID != nil:
			s.serve(msg)
		case msg.Method == "textDocument/publishDiagnostics":
			s.published(msg.Params)
		case msg.Method == "$/progress":
			s.progressed(msg.Params)
		case msg.Method == "window/logMessage" || msg.Method == "window/showMessage":
			var m struct {
				Message string `json:"message"`
			}
			json.Unmarshal(msg.Params, &m)
			fmt.Fprintf(s.stderr, "%s: %s\n", msg.Method, m.Message)
		}
	}
}

func (s *Server) fail(err error) {
	if errors.Is(err, io.EOF) {
		err = errors.New("server closed its output")
	}
	s.mu.Lock()
	s.readErr = err
	s.mu.Unlock()
}

func (s *Server) answered(msg message) {
	id, err := strconv.Atoi(string(msg.ID))
	if err != nil {
		return
	}
	s.mu.Lock()
	ch := s.pending[id]
	delete(s.pending, id)
	s.mu.Unlock()
	if ch != nil {
		ch <- msg.response
	}
}

// serve answers the requests a server sends its client.
func (s *Server) serve(msg message) {
	fmt.Fprintf(s.stderr, "request from the server: %s\n", msg.Method)
	var result any
	switch msg.Method {
	case "workspace/configuration":
		var params struct {
			Items []struct {
				Section string `json:"section"`
			} `json:"items"`
		}
		json.Unmarshal(msg.Params, &params)
		s.mu.Lock()
		settings := s.settings
		s.mu.Unlock()
		items := make([]any, len(params.Items))
		for i := range items {
			items[i] = settings
		}
		result = items
	case "workspace/applyEdit":
		result = map[string]bool{"applied": false}
	}
	// window/workDoneProgress/create, client/registerCapability and the
	// rest need no more than an answer.
	go s.write(map[string]any{"jsonrpc": "2.0", "id": msg.ID, "result": result})
}

func (s *Server) progressed(raw json.RawMessage) {
	var params struct {
		Token any `json:"token"`
		Value struct {
			Kind string `json:"kind"`
		} `json:"value"`
	}
	if json.Unmarshal(raw, &params) != nil {
		return
	}
	token := fmt.Sprint(params.Token)
	s.mu.Lock()
	defer s.mu.Unlock()
	switch params.Value.Kind {
	case "begin":
		s.working[token] = true
	case "end":
		delete(s.working, token)
		if len(s.working) == 0 {
			s.idleAt = time.Now()
		}
	}
}

func (s *Server) published(raw json.RawMessage) {
	var params struct {
		URI         string       `json:"uri"`
		Diagnostics []Diagnostic `json:"diagnostics"`
	}
	if json.Unmarshal(raw, &params) != nil {
		return
	}
	s.mu.Lock()
	s.diags[params.URI] = params.Diagnostics
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

// logBuffer holds the child's stderr, readable while it is written.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
