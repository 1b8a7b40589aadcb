// Command whip-publish runs load publishers that cost almost nothing: many WHIP publishes from one
// process, each sending the same pre-encoded VP8 (IVF) and Opus (Ogg, one 20 ms packet per page)
// over real WebRTC, paced in real time, with no encoding. The clip is read once and shared.
//
//	whip-publish --video clip.ivf --audio clip.ogg [--max-seconds 3600]
//
// It reads commands on standard input, one a line:
//
//	start <name> <WHIP URL> [<bearer token>]
//	stop <name>
//
// and writes events on standard output, one JSON object a line: {"name", "event": "connected",
// "ms"} (POST to the peer connection's CONNECTED), {"name", "event": "stopped", "ms"[, "error"]}
// (the DELETE's round trip, or why it failed), {"name", "event": "failed", "error"}. At the end of input, or after
// --max-seconds, it stops every publish and exits: every run is bounded.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/pion/rtp"
	"github.com/pion/webrtc/v3"
	"github.com/pion/webrtc/v3/pkg/media"
	"github.com/pion/webrtc/v3/pkg/media/ivfreader"
	"github.com/pion/webrtc/v3/pkg/media/oggreader"
)

// sample is one frame or audio packet and when it is due, from the clip's start.
type sample struct {
	data []byte
	at   time.Duration
	dur  time.Duration
}

type clip struct {
	video, audio []sample
}

var (
	out   = json.NewEncoder(os.Stdout)
	outMu sync.Mutex
)

func emit(event map[string]any) {
	outMu.Lock()
	defer outMu.Unlock()
	_ = out.Encode(event)
}

func main() {
	videoPath := flag.String("video", "", "IVF file with VP8")
	audioPath := flag.String("audio", "", "Ogg file with Opus, one 20 ms packet per page")
	maxSeconds := flag.Int("max-seconds", 3600, "stop everything after this long")
	flag.Parse()
	if *videoPath == "" || *audioPath == "" || *maxSeconds < 1 || *maxSeconds > 7200 {
		fmt.Fprintln(os.Stderr, "usage: whip-publish --video clip.ivf --audio clip.ogg [--max-seconds 1-7200]")
		os.Exit(2)
	}
	c, err := load(*videoPath, *audioPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "whip-publish:", err)
		os.Exit(1)
	}

	publishers := map[string]*publisher{}
	var mu sync.Mutex
	stopAll := func() {
		mu.Lock()
		defer mu.Unlock()
		var wg sync.WaitGroup
		for _, p := range publishers {
			wg.Add(1)
			go func(p *publisher) { defer wg.Done(); p.stop() }(p)
		}
		wg.Wait()
		publishers = map[string]*publisher{}
	}
	time.AfterFunc(time.Duration(*maxSeconds)*time.Second, func() {
		stopAll()
		os.Exit(0)
	})

	lines := bufio.NewScanner(os.Stdin)
	for lines.Scan() {
		fields := strings.Fields(lines.Text())
		switch {
		case len(fields) >= 3 && fields[0] == "start":
			token := ""
			if len(fields) > 3 {
				token = fields[3]
			}
			p := &publisher{name: fields[1], url: fields[2], token: token, clip: c, done: make(chan struct{})}
			mu.Lock()
			publishers[p.name] = p
			mu.Unlock()
			go p.start()
		case len(fields) == 2 && fields[0] == "stop":
			mu.Lock()
			p := publishers[fields[1]]
			delete(publishers, fields[1])
			mu.Unlock()
			if p != nil {
				p.stop()
			}
		default:
			fmt.Fprintf(os.Stderr, "whip-publish: not a command: %q\n", lines.Text())
		}
	}
	stopAll()
}

// load reads the whole clip into memory, with each sample's time from the clip's start.
func load(videoPath, audioPath string) (*clip, error) {
	c := &clip{}
	vf, err := os.Open(videoPath)
	if err != nil {
		return nil, err
	}
	defer vf.Close()
	ivf, header, err := ivfreader.NewWith(vf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", videoPath, err)
	}
	if header.FourCC != "VP80" {
		return nil, fmt.Errorf("%s: VP8 expected, not %s", videoPath, header.FourCC)
	}
	tick := time.Second * time.Duration(header.TimebaseNumerator) / time.Duration(header.TimebaseDenominator)
	for {
		frame, fh, err := ivf.ParseNextFrame()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("%s: %w", videoPath, err)
		}
		c.video = append(c.video, sample{data: frame, at: time.Duration(fh.Timestamp) * tick})
	}
	af, err := os.Open(audioPath)
	if err != nil {
		return nil, err
	}
	defer af.Close()
	ogg, oggHeader, err := oggreader.NewWith(af)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", audioPath, err)
	}
	// Opus granules count 48 kHz samples whatever the input rate, from before the encoder's
	// pre-skip: the first packet's granule is pre-skip plus its own 20 ms.
	start := uint64(oggHeader.PreSkip)
	granule := start
	for {
		page, ph, err := ogg.ParseNextPage()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("%s: %w", audioPath, err)
		}
		if ph.GranulePosition <= granule {
			continue // the header pages, at granule 0
		}
		at := time.Duration(granule-start) * time.Second / 48000
		dur := time.Duration(ph.GranulePosition-granule) * time.Second / 48000
		granule = ph.GranulePosition
		c.audio = append(c.audio, sample{data: page, at: at, dur: dur})
	}
	for i := range c.video {
		if i+1 < len(c.video) {
			c.video[i].dur = c.video[i+1].at - c.video[i].at
		} else {
			c.video[i].dur = tick
		}
	}
	if len(c.video) == 0 || len(c.audio) == 0 {
		return nil, errors.New("the clip has no video or no audio")
	}
	return c, nil
}

type publisher struct {
	name, url, token string
	clip             *clip
	done             chan struct{}
	stopOnce         sync.Once
	// Set by start and read by stop, which may come while start is still at work.
	mu       sync.Mutex
	pc       *webrtc.PeerConnection
	location string
	stopped  bool
}

func (p *publisher) fail(err error) {
	emit(map[string]any{"name": p.name, "event": "failed", "error": err.Error()})
}

func (p *publisher) start() {
	pc, err := webrtc.NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		p.fail(err)
		return
	}
	p.mu.Lock()
	stopped := p.stopped
	p.pc = pc
	p.mu.Unlock()
	if stopped {
		_ = pc.Close()
		return
	}
	video, err := webrtc.NewTrackLocalStaticRTP(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeVP8}, "video", p.name)
	if err != nil {
		p.fail(err)
		return
	}
	audio, err := webrtc.NewTrackLocalStaticSample(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus}, "audio", p.name)
	if err != nil {
		p.fail(err)
		return
	}
	for _, track := range []webrtc.TrackLocal{video, audio} {
		sender, err := pc.AddTrack(track)
		if err != nil {
			p.fail(err)
			return
		}
		// RTCP must be read for the interceptors (NACK, reports) to work.
		go func() {
			buf := make([]byte, 1500)
			for {
				if _, _, err := sender.Read(buf); err != nil {
					return
				}
			}
		}()
	}
	connected := make(chan struct{})
	var connectedOnce sync.Once
	var posted time.Time
	pc.OnConnectionStateChange(func(state webrtc.PeerConnectionState) {
		switch state {
		case webrtc.PeerConnectionStateConnected:
			connectedOnce.Do(func() {
				emit(map[string]any{"name": p.name, "event": "connected", "ms": time.Since(posted).Milliseconds()})
				close(connected)
			})
		case webrtc.PeerConnectionStateFailed:
			p.fail(errors.New("the peer connection failed"))
		}
	})
	offer, err := pc.CreateOffer(nil)
	if err != nil {
		p.fail(err)
		return
	}
	gathered := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(offer); err != nil {
		p.fail(err)
		return
	}
	<-gathered
	posted = time.Now()
	answer, location, err := p.post(pc.LocalDescription().SDP)
	if err != nil {
		p.fail(err)
		return
	}
	p.mu.Lock()
	p.location = location
	stopped = p.stopped
	p.mu.Unlock()
	if stopped {
		_, _ = p.delete(location) // stopped while posting: the server's publish goes too
		return
	}
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: answer}); err != nil {
		p.fail(err)
		return
	}
	select {
	case <-connected:
	case <-p.done:
		return
	}
	began := time.Now()
	packetizer := rtp.NewPacketizer(1200, 0, 0, &vp8Payloader{}, rtp.NewRandomSequencer(), 90000)
	go p.send(p.clip.video, began, func(s sample) error {
		for _, packet := range packetizer.Packetize(s.data, uint32(s.dur*90000/time.Second)) {
			if err := video.WriteRTP(packet); err != nil {
				return err
			}
		}
		return nil
	})
	go p.send(p.clip.audio, began, func(s sample) error {
		return audio.WriteSample(media.Sample{Data: s.data, Duration: s.dur})
	})
}

// send writes each sample when it is due from began: absolute times, so pacing never drifts.
func (p *publisher) send(samples []sample, began time.Time, write func(sample) error) {
	for _, s := range samples {
		select {
		case <-p.done:
			return
		case <-time.After(time.Until(began.Add(s.at))):
		}
		if err := write(s); err != nil {
			return
		}
	}
}

// vp8Payloader packs VP8 frames (RFC 7741) with a 15-bit picture ID in every packet. Pion's own
// leaves the ID out of the frame whose ID is 0, the first key frame: webrtc then cannot tie the
// frames after it, which carry IDs, to it, and decodes nothing until the next key frame (measured:
// the first 2 s of every recording frozen).
type vp8Payloader struct {
	pictureID uint16
}

func (v *vp8Payloader) Payload(mtu uint16, frame []byte) [][]byte {
	const header = 4 // X|S, I, M + picture ID (15 bits)
	var payloads [][]byte
	for offset := 0; offset < len(frame); {
		size := len(frame) - offset
		if size > int(mtu)-header {
			size = int(mtu) - header
		}
		out := make([]byte, header+size)
		out[0] = 0x80 // X: extensions follow
		if offset == 0 {
			out[0] |= 0x10 // S: start of the frame's first partition
		}
		out[1] = 0x80 // I: picture ID present
		out[2] = 0x80 | byte(v.pictureID>>8)
		out[3] = byte(v.pictureID)
		copy(out[header:], frame[offset:offset+size])
		payloads = append(payloads, out)
		offset += size
	}
	v.pictureID = (v.pictureID + 1) & 0x7FFF
	return payloads
}

// post sends the offer; returns the answer and the WHIP resource's URL.
func (p *publisher) post(offer string) (string, string, error) {
	request, err := http.NewRequest(http.MethodPost, p.url, strings.NewReader(offer))
	if err != nil {
		return "", "", err
	}
	request.Header.Set("Content-Type", "application/sdp")
	if p.token != "" {
		request.Header.Set("Authorization", "Bearer "+p.token)
	}
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		return "", "", fmt.Errorf("POST failed: %w", err)
	}
	defer response.Body.Close()
	body, _ := io.ReadAll(response.Body)
	if response.StatusCode != http.StatusCreated {
		return "", "", fmt.Errorf("POST answered %d: %s", response.StatusCode, bytes.TrimSpace(body))
	}
	base, _ := url.Parse(p.url)
	location, err := base.Parse(response.Header.Get("Location"))
	if err != nil {
		return "", "", fmt.Errorf("POST answered an unusable Location: %w", err)
	}
	return string(body), location.String(), nil
}

// delete ends the WHIP resource; returns how long the server took to answer.
func (p *publisher) delete(location string) (time.Duration, error) {
	started := time.Now()
	request, err := http.NewRequest(http.MethodDelete, location, nil)
	if err != nil {
		return 0, err
	}
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		return 0, err
	}
	response.Body.Close()
	if response.StatusCode >= 300 {
		return 0, fmt.Errorf("answered %d", response.StatusCode)
	}
	return time.Since(started), nil
}

// stop ends the publish: DELETE of the WHIP resource (timed), then the peer connection. It answers
// with a "stopped" event (carrying the DELETE's failure, if any) even before there is a resource, so
// that a waiter is answered.
func (p *publisher) stop() {
	p.stopOnce.Do(func() {
		close(p.done)
		p.mu.Lock()
		p.stopped = true
		pc, location := p.pc, p.location
		p.mu.Unlock()
		var took time.Duration
		var err error
		if location != "" {
			took, err = p.delete(location)
		}
		stopped := map[string]any{"name": p.name, "event": "stopped", "ms": took.Milliseconds()}
		if err != nil {
			stopped["error"] = "DELETE failed: " + err.Error()
		}
		emit(stopped)
		if pc != nil {
			_ = pc.Close()
		}
	})
}
