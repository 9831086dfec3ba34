// Package otlptest is an OTLP/HTTP logs receiver on 127.0.0.1, the part of
// an OpenTelemetry Collector that the tests and the example talk to. It
// decodes every request with the OTLP protobuf definitions and keeps both
// the decoded records and the raw bytes, so that a test can search all that
// crossed the wire, not only the fields it thought of.
package otlptest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"

	collogpb "go.opentelemetry.io/proto/otlp/collector/logs/v1"
	logspb "go.opentelemetry.io/proto/otlp/logs/v1"
	"google.golang.org/protobuf/proto"
)

// Record is one log record as the receiver got it, with the names of the
// resource's service and of the instrumentation scope it came under.
type Record struct {
	*logspb.LogRecord
	Service string
	Scope   string
}

// Receiver accepts OTLP/HTTP protobuf log exports on 127.0.0.1.
type Receiver struct {
	// URL is the logs endpoint, for otlploghttp.WithEndpointURL.
	URL string

	srv  *http.Server
	ln   net.Listener
	done chan struct{} // closed when Serve has returned

	mu       sync.Mutex
	records  []Record
	raw      [][]byte
	requests int
	status   int           // answer with this status when not 0
	hold     chan struct{} // requests wait until it is closed, when not nil
}

// Start starts a receiver on a free port of 127.0.0.1.
func Start() (*Receiver, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("otlptest: listen on 127.0.0.1: %w", err)
	}
	r := &Receiver{URL: "http://" + ln.Addr().String() + "/v1/logs", ln: ln, done: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/logs", r.export)
	r.srv = &http.Server{Handler: mux}
	go func() {
		defer close(r.done)
		_ = r.srv.Serve(ln)
	}()
	return r, nil
}

// Close stops the receiver; requests held by Hold are released first.
func (r *Receiver) Close() error {
	r.mu.Lock()
	if r.hold != nil {
		close(r.hold)
		r.hold = nil
	}
	r.mu.Unlock()
	err := r.srv.Close()
	<-r.done
	return err
}

// Hold makes requests wait, as a collector that has stopped reading would,
// until the returned function is called.
func (r *Receiver) Hold() (release func()) {
	hold := make(chan struct{})
	r.mu.Lock()
	r.hold = hold
	r.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			r.mu.Lock()
			if r.hold == hold {
				r.hold = nil
			}
			r.mu.Unlock()
			close(hold)
		})
	}
}

// Refuse makes the receiver answer every request with status (400 is not
// retried by OTLP exporters); 0 goes back to accepting.
func (r *Receiver) Refuse(status int) {
	r.mu.Lock()
	r.status = status
	r.mu.Unlock()
}

// Records returns every record received so far, in order of arrival.
func (r *Receiver) Records() []Record {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Record(nil), r.records...)
}

// Raw returns the body of every request received, decompressed, including
// refused ones.
func (r *Receiver) Raw() [][]byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([][]byte(nil), r.raw...)
}

// Requests returns the number of export requests received.
func (r *Receiver) Requests() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.requests
}

func (r *Receiver) export(w http.ResponseWriter, req *http.Request) {
	body, err := readBody(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	r.mu.Lock()
	r.requests++
	r.raw = append(r.raw, body)
	hold, status := r.hold, r.status
	r.mu.Unlock()
	if hold != nil {
		select {
		case <-hold:
		case <-req.Context().Done():
			return
		}
	}
	if status != 0 {
		http.Error(w, "refused by the test receiver", status)
		return
	}
	var msg collogpb.ExportLogsServiceRequest
	if err := proto.Unmarshal(body, &msg); err != nil {
		http.Error(w, "otlptest: decode: "+err.Error(), http.StatusBadRequest)
		return
	}
	var got []Record
	for _, rl := range msg.GetResourceLogs() {
		service := ""
		for _, kv := range rl.GetResource().GetAttributes() {
			if kv.GetKey() == "service.name" {
				service = kv.GetValue().GetStringValue()
			}
		}
		for _, sl := range rl.GetScopeLogs() {
			for _, lr := range sl.GetLogRecords() {
				got = append(got, Record{LogRecord: lr, Service: service, Scope: sl.GetScope().GetName()})
			}
		}
	}
	r.mu.Lock()
	r.records = append(r.records, got...)
	r.mu.Unlock()
	out, err := proto.Marshal(&collogpb.ExportLogsServiceResponse{})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/x-protobuf")
	_, _ = w.Write(out)
}

func readBody(req *http.Request) ([]byte, error) {
	if ct := req.Header.Get("Content-Type"); ct != "application/x-protobuf" {
		return nil, fmt.Errorf("otlptest: content type %q: want application/x-protobuf", ct)
	}
	var src io.Reader = req.Body
	if req.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(req.Body)
		if err != nil {
			return nil, fmt.Errorf("otlptest: gzip: %w", err)
		}
		defer zr.Close()
		src = zr
	}
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, io.LimitReader(src, 64<<20)); err != nil {
		return nil, fmt.Errorf("otlptest: read body: %w", err)
	}
	return buf.Bytes(), nil
}
