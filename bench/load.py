#!/usr/bin/python3
"""How many recordings a box holds: N cheap WHIP publishers (bench/whip-publish) against a
running server, for each N, measured on the server process from /proc, its metrics and ffprobe, beside
the whole machine's busy CPU and what the hypervisor took from it (steal).

    bench/load.py --counts 1,2,4,8,12 --seconds 60 [--soak-seconds 600] [--until-uploaded] [--out target/bench/load]

Against bin/run (no tokens needed) started with STREAMRECORDER_LIMITS_MAX_PUBLISHES_PER_ADDRESS at
least the largest N, as every publisher comes from this machine's address; against a server that wants
tokens, set ADMIN_USER and ADMIN_PASSWORD and pass --tokens. Prints a table and writes <out>/results.json and <out>/scaling.png.
Every run is bounded in count and time and stops by itself.
"""
import argparse
import base64
import glob
import json
import math
import os
import re
import subprocess
import sys
import time
import urllib.request

from publishers import PublisherProcess

BENCH = os.path.dirname(os.path.abspath(__file__))
PUBLISHER = os.path.join(BENCH, "..", "target", "bench", "whip-publish")
TICKS = os.sysconf("SC_CLK_TCK")
SSIM_SECONDS = 10
IDLE_SECONDS = 10
UPLOAD_WAIT_SECONDS = 600


def server_pid():
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if b"jboss-modules.jar" in f.read():
                        return int(entry)
            except OSError:
                pass
    sys.exit("no WildFly running: start bin/run first")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def machine_seconds():
    """(busy, stolen) CPU seconds of the whole machine so far: every process, the kernel, and what the
    hypervisor gave to other guests (steal), which this machine's figures vary with."""
    with open("/proc/stat") as f:
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in f.readline().split()[1:9])
    return (user + nice + system + irq + softirq) / TICKS, steal / TICKS


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024


def metric(url, name):
    """A counter or gauge from the server's Prometheus text, summed over its labels (None if absent)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            text = response.read().decode()
    except OSError:
        return None
    values = [float(m.group(1)) for m in re.finditer(rf"^{name}(?:{{[^}}]*}})? (\S+)$", text, re.M)]
    # A gauge whose object is gone reads NaN, which is no number JSON can carry.
    values = [v for v in values if not math.isnan(v)]
    return sum(values) if values else None


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else None


def finished_recording(records, name):
    """The stream's final MP4 once no recording of it is partial, else None. Only a recording's
    partial counts: the server writes its side files (<file>.upload.json) through a .part of their own."""
    files = glob.glob(os.path.join(records, glob.escape(name) + "-*"))
    finals = [f for f in files if f.endswith(".mp4")]
    return finals[0] if finals and not any(f.endswith(".mp4.part") for f in files) else None


def probe(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_packets", "-show_entries",
                          "stream=nb_read_packets:format=duration,bit_rate", "-of", "json", path],
                         capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    duration = float(data["format"]["duration"])
    frames = int(data["streams"][0]["nb_read_packets"])
    return {"durationS": round(duration, 3), "fps": round(frames / duration, 2),
            "bitrateKbps": round(int(data["format"]["bit_rate"]) / 1000)}


def source_filter():
    with open(os.path.join(BENCH, "source-filter")) as f:
        return re.search(r'SOURCE_FILTER="(.*)"', f.read()).group(1)


def frame_codes(path, frames):
    """The frame numbers coded in the top band of a recording's first frames (None where unreadable)."""
    # passthrough: one output frame per decoded frame, as trim counts them (no frame-rate conversion).
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-fps_mode", "passthrough", "-frames:v", str(frames), "-vf",
                          "crop=640:16:0:0,format=gray", "-f", "rawvideo", "-"], capture_output=True, check=True).stdout
    codes = []
    for i in range(len(raw) // (640 * 16)):
        row = raw[i * 640 * 16 + 8 * 640:i * 640 * 16 + 9 * 640]
        samples = [row[40 * k + 20] for k in range(16)]
        codes.append(None if any(40 < s < 200 for s in samples)
                     else sum(1 << k for k, s in enumerate(samples) if s >= 200))
    return codes


def longest_run(codes):
    """(first index, length) of the longest stretch of recorded frames showing consecutive source frames."""
    best, start = (0, 0), 0
    for i in range(1, len(codes) + 1):
        if i == len(codes) or codes[i] is None or codes[i - 1] is None or codes[i] != codes[i - 1] + 1:
            if i - start > best[1]:
                best = (start, i - start)
            start = i
    return best


def quality(path):
    """SSIM and PSNR of a recording against the source frames it shows: over the longest stretch (up to
    SSIM_SECONDS) of its first seconds where each recorded frame is the source's next one, so that a
    frame the recorder held or dropped (its constant frame rate) does not count as a coding loss."""
    codes = frame_codes(path, (SSIM_SECONDS + 10) * 30)
    first, length = longest_run(codes)
    length = min(length, SSIM_SECONDS * 30)
    if length < 30:
        return {"ssim": None, "psnr": None, "alignedFrames": length}
    # Both renumbered 0, 1, 2... at 30 fps: ssim and psnr pair frames by timestamp, and a recording's
    # timestamps keep their capture jitter.
    graph = (f"[0:v]trim=start_frame={first}:end_frame={first + length},settb=1/30,setpts=N,split[r1][r2];"
             f"[1:v]trim=start_frame={codes[first]}:end_frame={codes[first] + length},settb=1/30,setpts=N,split[s1][s2];"
             f"[r1][s1]ssim;[r2][s2]psnr")
    err = subprocess.run(["ffmpeg", "-hide_banner", "-i", path, "-f", "lavfi", "-i", source_filter(), "-lavfi", graph,
                          "-f", "null", "-"], capture_output=True, text=True).stderr
    ssim = re.search(r"SSIM .* All:([\d.]+)", err)
    psnr = re.search(r"PSNR .* average:([\d.inf]+)", err)
    return {"ssim": float(ssim.group(1)) if ssim else None, "psnr": float(psnr.group(1)) if psnr else None,
            "alignedFrames": length}


def mint(args, name):
    """A publish token for the stream, minted through the REST API (None without --tokens)."""
    if not args.tokens:
        return None
    user, password = os.environ["ADMIN_USER"], os.environ["ADMIN_PASSWORD"]
    request = urllib.request.Request(args.url + "api/tokens", json.dumps({"streamName": name, "lifetimeSeconds": 7200}).encode(), {
        "Content-Type": "application/json", "X-Requested-By": "bench",
        "Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["token"]


def run(args, count, seconds, label, sample_every=2.0):
    """One run of `count` publishers for `seconds`; returns its figures."""
    pid = args.pid or server_pid()
    # Long enough to outlast the staggered starts, the connections and the run; made once per length.
    clip_seconds = int(seconds + 16 * args.stagger + 40)
    clip = os.path.join(args.out, f"clip-{clip_seconds}")
    subprocess.run([os.path.join(BENCH, "make-clip"), str(clip_seconds), clip], check=True)
    process = PublisherProcess(PUBLISHER, clip, clip_seconds)
    dropped_before = metric(args.metrics_url, "streamrecorder_encoder_dropped_samples_total")
    rss_idle = rss_mib(pid)
    idle_cores = idle_cpu_cores(pid) if args.until_uploaded else 0.0
    whole0, whole_t0 = cpu_seconds(pid), time.monotonic()
    stamp = time.strftime("%H%M%S")
    publishers = []
    for i in range(count):
        name = f"bench-{label}-{stamp}-{i}"
        publishers.append(process.start(name, args.url + "whip/" + name, mint(args, name)))
        time.sleep(args.stagger)
    connect_deadline = time.monotonic() + 30
    while time.monotonic() < connect_deadline and not all(p.connected_ms is not None or p.error for p in publishers):
        time.sleep(0.1)
    settle = min(5.0, seconds / 4)
    time.sleep(settle)  # encoders and jitter buffers settle
    window = seconds - settle
    cpu0, pub0, machine0, t0 = cpu_seconds(pid), cpu_seconds(process.pid), machine_seconds(), time.monotonic()
    rss, queues = [], []
    while time.monotonic() - t0 < window:
        rss.append((round(time.monotonic() - t0, 1), rss_mib(pid)))
        queue = metric(args.metrics_url, "streamrecorder_encoder_queue_samples")
        if queue is not None:
            queues.append(queue)
        time.sleep(sample_every)
    cpu1, pub1, machine1, t1 = cpu_seconds(pid), cpu_seconds(process.pid), machine_seconds(), time.monotonic()

    stops = []
    for publisher in publishers:
        started = time.monotonic()
        publisher.stop()
        while finished_recording(args.records, publisher.name) is None and time.monotonic() - started < 30:
            time.sleep(0.01)
        stops.append(round((time.monotonic() - started) * 1000))
    process.close()
    dropped_after = metric(args.metrics_url, "streamrecorder_encoder_dropped_samples_total")

    files = [finished_recording(args.records, p.name) for p in publishers]
    uploaded = None
    if args.until_uploaded:
        uploaded = wait_for_uploads(files)
        whole_seconds = time.monotonic() - whole_t0
        whole_cpu = cpu_seconds(pid) - whole0 - idle_cores * whole_seconds
    probes = [probe(f) for f in files if f]
    result = {
        "label": label, "count": count, "seconds": seconds,
        "errors": [p.error for p in publishers if p.error],
        "cpuCoresPerRecording": round((cpu1 - cpu0) / (t1 - t0) / count, 3),
        "publishersCpuCores": round((pub1 - pub0) / (t1 - t0), 3),
        "machineBusyCores": round((machine1[0] - machine0[0]) / (t1 - t0), 2),
        "machineStolenCores": round((machine1[1] - machine0[1]) / (t1 - t0), 3),
        "rssIdleMiB": round(rss_idle), "rssLoadedMiB": round(max(r for _, r in rss)),
        "rssPerRecordingMiB": round((max(r for _, r in rss) - rss_idle) / count, 1),
        "maxQueuedSamples": max(queues) if queues else None,
        "droppedSamples": None if dropped_before is None or dropped_after is None else int(dropped_after - dropped_before),
        "startToPublishingMs": {"p50": percentile([p.connected_ms for p in publishers if p.connected_ms], 50),
                                "p95": percentile([p.connected_ms for p in publishers if p.connected_ms], 95)},
        "stopToPlayableMs": {"p50": percentile(stops, 50), "p95": percentile(stops, 95)},
        "recordings": probes,
        "minFps": min((p["fps"] for p in probes), default=None),
        "quality": quality(files[0]) if files and files[0] else None,
        "rssSamples": rss,
    }
    if args.until_uploaded:
        result["uploaded"] = uploaded
        result["wholeRunSeconds"] = round(whole_seconds)
        result["wholeRunCpuSecondsPerRecording"] = round(whole_cpu / count, 2)
    return result


def idle_cpu_cores(pid):
    """What the server spends with nothing to do (timers, GC), taken out of the whole-run figure."""
    cpu0, t0 = cpu_seconds(pid), time.monotonic()
    time.sleep(IDLE_SECONDS)
    return (cpu_seconds(pid) - cpu0) / (time.monotonic() - t0)


def wait_for_uploads(files):
    """How many of the recordings have a verified upload (<file>.upload.json), waiting for all of them
    for at most UPLOAD_WAIT_SECONDS."""
    deadline = time.monotonic() + UPLOAD_WAIT_SECONDS
    while True:
        done = sum(1 for f in files if f and os.path.exists(f + ".upload.json"))
        if done == len(files) or time.monotonic() > deadline:
            return done
        time.sleep(0.5)


def slope_mib_per_minute(samples):
    n = len(samples)
    if n < 2:
        return None
    mean_t = sum(t for t, _ in samples) / n
    mean_r = sum(r for _, r in samples) / n
    var = sum((t - mean_t) ** 2 for t, _ in samples)
    return round(sum((t - mean_t) * (r - mean_r) for t, r in samples) / var * 60, 2) if var else None


def plot(results, out):
    """Two panels: what each recording costs (and the whole server), and whether the outputs keep up."""
    data = os.path.join(out, "scaling.dat")
    with open(data, "w") as f:
        for r in results:
            f.write(f"{r['count']} {r['cpuCoresPerRecording']} {r['cpuCoresPerRecording'] * r['count']:.3f} "
                    f"{r['rssLoadedMiB']} {r['minFps'] or 0}\n")
    script = (f"set terminal png size 900,700; set output '{os.path.join(out, 'scaling.png')}'; set grid;"
              "set multiplot layout 2,1 title 'Stream Recorder: concurrent 640x480 30 fps recordings, 2 cores, server and publishers together' noenhanced;"
              "set xlabel 'concurrent recordings'; set ylabel 'server CPU, cores'; set key top left;"
              f"plot '{data}' using 1:2 with linespoints title 'per recording', '{data}' using 1:3 with linespoints title 'whole server';"
              "set ylabel 'lowest output fps'; set y2label 'server RSS, MiB'; set ytics nomirror; set y2tics; set yrange [0:32];"
              f"plot '{data}' using 1:5 with linespoints title 'lowest fps', '{data}' using 1:4 axes x1y2 with linespoints title 'RSS';"
              "unset multiplot")
    subprocess.run(["gnuplot", "-e", script], check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8080/stream-recorder/")
    parser.add_argument("--metrics-url", default="http://127.0.0.1:9990/metrics")
    parser.add_argument("--records", default="target/server/standalone/data/recordings")
    parser.add_argument("--pid", type=int, help="the server's process id (default: the one WildFly running)")
    parser.add_argument("--counts", default="1,2,4,8,12")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--soak-seconds", type=float, default=0, help="then a soak at N=4 for this long")
    parser.add_argument("--stagger", type=float, default=0.3)
    parser.add_argument("--tokens", action="store_true", help="mint publish tokens (ADMIN_USER, ADMIN_PASSWORD)")
    parser.add_argument("--out", default="target/bench/load")
    parser.add_argument("--until-uploaded", action="store_true",
                        help="also measure the server's CPU from the first start to the last verified upload")
    args = parser.parse_args()
    counts = [int(c) for c in args.counts.split(",")]
    if any(not 1 <= c <= 16 for c in counts) or not 5 <= args.seconds <= 600 or not 0 <= args.soak_seconds <= 1800:
        parser.error("counts 1-16, seconds 5-600, soak up to 1800: every run is bounded")
    os.makedirs(args.out, exist_ok=True)
    subprocess.run([os.path.join(BENCH, "build-publisher"), PUBLISHER], check=True)

    results = []
    for count in counts:
        result = run(args, count, args.seconds, f"n{count}")
        results.append(result)
        print(json.dumps({k: v for k, v in result.items() if k not in ("rssSamples", "recordings")}), flush=True)
        time.sleep(3)
    soak = None
    if args.soak_seconds:
        soak = run(args, 4, args.soak_seconds, "soak", sample_every=10)
        soak["rssSlopeMiBPerMinute"] = slope_mib_per_minute(soak["rssSamples"])
        print(json.dumps({k: v for k, v in soak.items() if k not in ("rssSamples", "recordings")}), flush=True)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"date": time.strftime("%Y-%m-%d %H:%M"), "commit": commit(), "runs": results, "soak": soak}, f, indent=2)
    plot(results, args.out)

    print("\n| N | server CPU / recording | publishers' CPU | machine busy / stolen | RSS idle / loaded | RSS / recording | min fps | "
          "dropped | max queue | Start→PUBLISHING p50/p95 | Stop→playable p50/p95 | SSIM | PSNR |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results + ([soak] if soak else []):
        q = r["quality"] or {}
        print(f"| {r['count']}{' (soak)' if r is soak else ''} | {r['cpuCoresPerRecording']} | {r['publishersCpuCores']} | "
              f"{r['machineBusyCores']} / {r['machineStolenCores']} | "
              f"{r['rssIdleMiB']} / {r['rssLoadedMiB']} MiB | {r['rssPerRecordingMiB']} MiB | {r['minFps']} | "
              f"{r['droppedSamples']} | {r['maxQueuedSamples']} | {r['startToPublishingMs']['p50']} / "
              f"{r['startToPublishingMs']['p95']} ms | {r['stopToPlayableMs']['p50']} / {r['stopToPlayableMs']['p95']} ms | "
              f"{q.get('ssim')} | {q.get('psnr')} |")
    if args.until_uploaded:
        print("\n| N | uploaded | whole run | server CPU seconds / recording, start to verified upload, idle taken out |")
        print("|---|---|---|---|")
        for r in results:
            print(f"| {r['count']} | {r['uploaded']} | {r['wholeRunSeconds']} s | {r['wholeRunCpuSecondsPerRecording']} |")
    if soak:
        print(f"\nSoak: RSS slope {soak['rssSlopeMiBPerMinute']} MiB/min over {args.soak_seconds:.0f} s at N=4")
    failed = [r for r in results + ([soak] if soak else []) if r["errors"] or len(r["recordings"]) != r["count"]
              or r.get("uploaded", r["count"]) != r["count"]]
    return 1 if failed else 0


def commit():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=BENCH).stdout.strip()
    except OSError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
