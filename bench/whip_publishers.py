#!/usr/bin/python3
"""Load publishers that cost almost nothing: N WHIP publishers in one process, each sending the same
pre-encoded VP8 + Opus file over real WebRTC (GStreamer's webrtcbin), paced in real time, with no
encoding per publisher.

    bench/whip_publishers.py --url http://127.0.0.1:8080/stream-recorder/whip/ --count 4 \
        --seconds 60 --clip target/bench/clip.webm [--token-url .../api/tokens] [--report out.json]

Stream names are <prefix>-<i>. With --token-url, a publish token is minted for each through the REST
API with ADMIN_USER / ADMIN_PASSWORD from the environment. Prints one JSON report: per publisher the
time from POST to the peer connection's CONNECTED, from DELETE to its answer, and failures.

It runs Debian's system Python (python3-gi) and talks HTTP with urllib, not libsoup: Debian 12's
simple-whip-client links libsoup 2 while webrtcbin's libnice links libsoup 3, and that process aborts.
"""
import argparse
import base64
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstSdp", "1.0")
gi.require_version("GstWebRTC", "1.0")
from gi.repository import GLib, Gst, GstSdp, GstWebRTC  # noqa: E402

PIPELINE = (
    "webrtcbin name=pc bundle-policy=max-bundle "
    "filesrc location={clip} ! matroskademux name=demux "
    "demux.video_0 ! queue ! clocksync ! rtpvp8pay pt=96 ! "
    "application/x-rtp,media=video,encoding-name=VP8,payload=96,clock-rate=90000 ! pc. "
    "demux.audio_0 ! queue ! clocksync ! rtpopuspay pt=111 ! "
    "application/x-rtp,media=audio,encoding-name=OPUS,payload=111,clock-rate=48000 ! pc."
)


class Publisher:
    """One WHIP publish: offer with every candidate (no trickle), POST, answer, DELETE at the end."""

    def __init__(self, name, url, clip, token):
        self.name = name
        self.url = url + name
        self.token = token
        self.pipeline = Gst.parse_launch(PIPELINE.format(clip=clip))
        self.pc = self.pipeline.get_by_name("pc")
        self.pc.connect("on-negotiation-needed", self._negotiate)
        self.pc.connect("notify::ice-gathering-state", self._gathering)
        self.pc.connect("notify::connection-state", self._connection)
        self.location = None
        self.offer_attempts = 0
        self.posted_at = None
        self.connected_ms = None
        self.delete_ms = None
        self.error = None
        self.ended = threading.Event()
        bus = self.pipeline.get_bus()
        bus.add_signal_watch()
        bus.connect("message::error", self._bus_error)
        bus.connect("message::eos", lambda *_: self.ended.set())

    def start(self):
        self.pipeline.set_state(Gst.State.PLAYING)

    def _negotiate(self, element):
        promise = Gst.Promise.new_with_change_func(self._offer_created, None)
        element.emit("create-offer", None, promise)

    def _offer_created(self, promise, _):
        reply = promise.get_reply()
        offer = reply.get_value("offer") if reply and reply.has_field("offer") else None
        if offer is None:
            # Asked before demux linked both tracks, webrtcbin answers with an error: ask again.
            self.offer_attempts += 1
            if self.offer_attempts >= 20:
                self.fail(f"webrtcbin made no offer: {reply.to_string() if reply else 'no reply'}")
            else:
                GLib.timeout_add(100, lambda: self._negotiate(self.pc) and False)
            return
        self.pc.emit("set-local-description", offer, Gst.Promise.new())

    def _gathering(self, element, _):
        if element.get_property("ice-gathering-state") == GstWebRTC.WebRTCICEGatheringState.COMPLETE \
                and self.posted_at is None:
            # HTTP off GLib's thread: the answer is applied from there when it comes.
            threading.Thread(target=self._post, daemon=True).start()

    def _post(self):
        offer = self.pc.get_property("local-description").sdp.as_text()
        headers = {"Content-Type": "application/sdp"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        self.posted_at = time.monotonic()
        try:
            with urllib.request.urlopen(urllib.request.Request(self.url, offer.encode(), headers, method="POST"),
                                        timeout=30) as response:
                self.location = urllib.parse.urljoin(self.url, response.headers["Location"])
                answer_sdp = response.read().decode()
        except urllib.error.HTTPError as e:
            self.fail(f"POST answered {e.code}: {e.read().decode().strip()}")
            return
        except OSError as e:
            self.fail(f"POST failed: {e}")
            return
        _, sdp = GstSdp.SDPMessage.new_from_text(answer_sdp)
        answer = GstWebRTC.WebRTCSessionDescription.new(GstWebRTC.WebRTCSDPType.ANSWER, sdp)
        GLib.idle_add(lambda: self.pc.emit("set-remote-description", answer, Gst.Promise.new()) and False)

    def _connection(self, element, _):
        state = element.get_property("connection-state")
        if state == GstWebRTC.WebRTCPeerConnectionState.CONNECTED and self.connected_ms is None:
            self.connected_ms = round((time.monotonic() - self.posted_at) * 1000)
        elif state == GstWebRTC.WebRTCPeerConnectionState.FAILED:
            self.fail("the peer connection failed")

    def _bus_error(self, _, message):
        error, _debug = message.parse_error()
        self.fail(f"pipeline: {error.message}")

    def fail(self, reason):
        if self.error is None:
            self.error = reason
        self.ended.set()

    def stop(self):
        if self.location:
            started = time.monotonic()
            try:
                urllib.request.urlopen(urllib.request.Request(self.location, method="DELETE"), timeout=30).close()
                self.delete_ms = round((time.monotonic() - started) * 1000)
            except OSError as e:
                self.fail(f"DELETE failed: {e}")
        self.pipeline.set_state(Gst.State.NULL)

    def report(self):
        return {"name": self.name, "connectedMs": self.connected_ms, "deleteMs": self.delete_ms, "error": self.error}


def mint(token_url, name):
    user, password = os.environ["ADMIN_USER"], os.environ["ADMIN_PASSWORD"]
    request = urllib.request.Request(token_url, json.dumps({"streamName": name, "lifetimeSeconds": 7200}).encode(), {
        "Content-Type": "application/json", "X-Requested-By": "bench",
        "Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["token"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="WHIP base URL, ending in /whip/")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clip", required=True, help="WebM with VP8 video and Opus audio, at least --seconds long")
    parser.add_argument("--prefix", default="bench")
    parser.add_argument("--token-url", help="REST URL to mint publish tokens (api/tokens)")
    parser.add_argument("--stagger", type=float, default=0.5, help="seconds between publishers' starts")
    args = parser.parse_args()
    if not 1 <= args.count <= 64 or not 1 <= args.seconds <= 3600:
        parser.error("count is 1-64 and seconds 1-3600: every run is bounded")

    Gst.init(None)
    loop = GLib.MainLoop()
    threading.Thread(target=loop.run, daemon=True).start()
    publishers = []
    for i in range(args.count):
        name = f"{args.prefix}-{i}"
        token = mint(args.token_url, name) if args.token_url else None
        publisher = Publisher(name, args.url, args.clip, token)
        publishers.append(publisher)
        GLib.idle_add(lambda p=publisher: p.start() and False)
        time.sleep(args.stagger)
    deadline = time.monotonic() + args.seconds
    for publisher in publishers:
        publisher.ended.wait(max(0, deadline - time.monotonic()))
    for publisher in publishers:
        publisher.stop()
    loop.quit()
    reports = [p.report() for p in publishers]
    json.dump({"count": args.count, "seconds": args.seconds, "publishers": reports}, sys.stdout, indent=2)
    print()
    return 1 if any(r["error"] or r["connectedMs"] is None for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
