"""The load publishers from Python: one bench/whip-publish process (Go, Pion WebRTC) sends every
publish of a run, driven over its standard input; its events come back on its standard output."""
import json
import subprocess
import threading


class PublisherProcess:
    """One publisher process for a run (its pid, for its CPU time): start publishes, stop them, close it."""

    def __init__(self, binary, clip, max_seconds):
        self.process = subprocess.Popen(
            [binary, "--video", clip + ".ivf", "--audio", clip + ".ogg", "--max-seconds", str(int(max_seconds))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.publishers = {}
        self.lock = threading.Lock()
        threading.Thread(target=self._read_events, daemon=True).start()

    def start(self, name, url, token=None):
        publisher = Publisher(self, name)
        self.publishers[name] = publisher
        self.send(f"start {name} {url}" + (f" {token}" if token else ""))
        return publisher

    def send(self, line):
        with self.lock:
            self.process.stdin.write(line + "\n")
            self.process.stdin.flush()

    @property
    def pid(self):
        return self.process.pid

    def close(self):
        """Stops what is still publishing (DELETE) and waits for the process to end."""
        self.process.stdin.close()
        self.process.wait(timeout=60)

    def _read_events(self):
        for line in self.process.stdout:
            event = json.loads(line)
            publisher = self.publishers.get(event["name"])
            if publisher:
                publisher.on(event)


class Publisher:
    """One publish: POST to CONNECTED and DELETE times, and its first failure."""

    def __init__(self, process, name):
        self.process = process
        self.name = name
        self.connected_ms = None
        self.delete_ms = None
        self.error = None
        self.ended = threading.Event()

    def on(self, event):
        if event["event"] == "connected":
            self.connected_ms = event["ms"]
        elif event["event"] == "stopped":
            if "error" in event:
                self.error = self.error or event["error"]
            else:
                self.delete_ms = event["ms"]
            self.ended.set()
        elif event["event"] == "failed":
            self.error = self.error or event["error"]
            if self.connected_ms is None:
                self.ended.set()

    def stop(self):
        """DELETE of the WHIP resource; returns once it was answered (or failed)."""
        self.process.send(f"stop {self.name}")
        self.ended.wait(30)
