/* The recording page: wires the form to the StreamRecorder library and shows what happens. */
(function () {
    'use strict';

    const {SESSION_STATUS, STREAM_STATUS, UPLOAD_STATUS} = StreamRecorder;
    const $ = id => document.getElementById(id);
    let session = null;
    let stream = null;

    $('url').value = StreamRecorder.defaultServerUrl();
    // A site that links here may hand over the stream name, its publish token and metadata for the
    // recording (meta.<key>=<value>, as WHIP clients give it).
    const given = new URLSearchParams(location.search);
    $('streamName').value = given.get('stream') || randomStreamName();
    $('token').value = given.get('token') || '';
    const metadata = {};
    given.forEach((value, key) => {
        if (key.startsWith('meta.')) {
            metadata[key.substring('meta.'.length)] = value;
        }
    });

    /** stream-xxxxxx from [a-z0-9]: valid for the server and unlikely to collide. */
    function randomStreamName() {
        const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
        const bytes = new Uint8Array(6);
        crypto.getRandomValues(bytes);
        return 'stream-' + Array.from(bytes, b => alphabet[b % alphabet.length]).join('');
    }

    function show(status, reason) {
        $('status').textContent = status;
        $('statusReason').textContent = reason || '';
    }

    /** The camera's preview shows while publishing, and only then. */
    function setPublishing(active) {
        $('startButton').disabled = active;
        $('stopButton').disabled = !active;
        $('localVideo').hidden = !active;
        if (!active) {
            setPausable(false, false);
        }
    }

    /** Pause while recording, Resume while paused; nothing before the media flows or after the end. */
    function setPausable(enabled, paused) {
        $('pauseButton').disabled = !enabled;
        $('pauseButton').textContent = paused ? 'Resume' : 'Pause';
    }

    /** After Stop the recording plays where the preview was; the download link's Range requests let it seek. */
    function showPlayer(record) {
        const player = $('player');
        player.src = record.downloadUrl;
        player.hidden = false;
    }

    function hidePlayer() {
        const player = $('player');
        player.pause();
        player.removeAttribute('src');
        player.load();
        player.hidden = true;
    }

    function showRecord(record, segments) {
        if (!record) {
            return;
        }
        const list = $('segmentList');
        list.replaceChildren(...segments.map(segment => {
            const link = document.createElement('a');
            link.href = segment.downloadUrl;
            link.textContent = segment.fileName;
            const item = document.createElement('li');
            item.append(link, ' (' + formatDuration(segment.durationMs) + ', ' + formatSize(segment.sizeBytes) + ')');
            return item;
        }));
        list.hidden = segments.length < 2;
        $('downloadLink').href = record.downloadUrl;
        $('downloadLink').setAttribute('download', record.fileName);
        $('recordDetails').textContent = '(' + record.fileName + ', ' + formatDuration(record.durationMs) + ', '
            + formatSize(record.sizeBytes) + ')';
        $('recordInfo').hidden = false;
        showPlayer(record);
    }

    function formatDuration(ms) {
        const seconds = Math.round(ms / 1000);
        return seconds < 60 ? (ms / 1000).toFixed(1) + ' s'
            : Math.floor(seconds / 60) + ' min ' + String(seconds % 60).padStart(2, '0') + ' s';
    }

    function formatSize(bytes) {
        return bytes < 1048576 ? Math.max(1, Math.round(bytes / 1024)) + ' KB' : (bytes / 1048576).toFixed(1) + ' MB';
    }

    function showUpload(upload) {
        $('uploadInfo').hidden = false;
        $('uploadStatus').textContent = upload.state;
        if (upload.state === UPLOAD_STATUS.UPLOADING) {
            $('uploadDetails').textContent = upload.percent + ' %';
        } else if (upload.state === UPLOAD_STATUS.UPLOADED) {
            $('uploadDetails').textContent = 's3://' + upload.bucket + '/' + upload.key;
            $('uploadLink').href = upload.url;
            $('uploadLink').hidden = false;
        } else {
            $('uploadDetails').textContent = upload.reason;
        }
    }

    function start() {
        hidePlayer();
        $('recordInfo').hidden = true;
        $('uploadInfo').hidden = true;
        $('segmentList').hidden = true;
        $('uploadLink').hidden = true;
        show('', '');
        setPublishing(true);
        if (!session || session.status() === SESSION_STATUS.DISCONNECTED || session.status() === SESSION_STATUS.FAILED
            || session.urlServer !== $('url').value) {
            if (session) {
                session.disconnect();
            }
            session = StreamRecorder.createSession({urlServer: $('url').value})
                .on(SESSION_STATUS.FAILED, s => {
                    show(SESSION_STATUS.FAILED, s.getInfo());
                    setPublishing(false);
                })
                .on(SESSION_STATUS.DISCONNECTED, s => {
                    if (!stream || stream.status() !== STREAM_STATUS.UNPUBLISHED) {
                        show(SESSION_STATUS.DISCONNECTED, s.getInfo());
                    }
                    setPublishing(false);
                });
        }
        stream = session.createStream({name: $('streamName').value, token: $('token').value || undefined,
            display: $('localVideo'), record: true, metadata: metadata})
            .on(STREAM_STATUS.PUBLISHING, () => {
                show(STREAM_STATUS.PUBLISHING);
                setPausable(true, false);
            })
            .on(STREAM_STATUS.PAUSED, () => {
                show(STREAM_STATUS.PAUSED);
                setPausable(true, true);
            })
            .on(STREAM_STATUS.UNPUBLISHED, s => {
                show(STREAM_STATUS.UNPUBLISHED);
                showRecord(s.getRecordInfo(), s.getSegments());
                setPublishing(false);
            })
            .on(STREAM_STATUS.FAILED, s => {
                show(STREAM_STATUS.FAILED, s.getInfo());
                setPublishing(false);
            })
            .on(UPLOAD_STATUS.UPLOADING, s => showUpload(s.getUploadInfo()))
            .on(UPLOAD_STATUS.UPLOADED, s => showUpload(s.getUploadInfo()))
            .on(UPLOAD_STATUS.UPLOAD_FAILED, s => showUpload(s.getUploadInfo()));
        stream.publish();
    }

    $('publishForm').addEventListener('submit', event => {
        event.preventDefault();
        start();
    });
    $('pauseButton').addEventListener('click', () => {
        if (stream && (stream.status() === STREAM_STATUS.PAUSED ? stream.resume() : stream.pause())) {
            $('pauseButton').disabled = true;
        }
    });
    $('stopButton').addEventListener('click', () => {
        $('stopButton').disabled = true;
        if (stream) {
            stream.stop();
        }
    });
})();
