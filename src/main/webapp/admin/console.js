/*
 * The operations console: live streams, recordings and upload jobs from the REST API, refreshed
 * when the server reports an upload or a finished recording (server-sent events) and every few
 * seconds for the live streams' counters. Plain ES2017, no dependencies.
 */
(function () {
    'use strict';

    // Absolute, from the origin: the page may have been opened with credentials in its URL, and
    // fetch and images refuse URLs resolved against one.
    const ROOT = location.origin + location.pathname.replace(/admin\/[^/]*$/, '');
    const API = ROOT + 'api/';
    const PAGE = 10;
    const $ = id => document.getElementById(id);
    let jobsStart = 0;
    let refreshing = null;

    async function call(method, path) {
        const response = await fetch(API + path, {
            method,
            headers: method === 'GET' ? {} : {'X-Requested-By': 'stream-recorder-console'},
            credentials: 'same-origin'
        });
        const text = await response.text();
        const body = text ? JSON.parse(text) : null;
        if (!response.ok) {
            throw new Error(body && body.message ? body.message : method + ' ' + path + ': HTTP ' + response.status);
        }
        return body;
    }

    function act(method, path, done) {
        $('message').textContent = '';
        call(method, path).then(done || refresh).catch(e => { $('message').textContent = e.message; });
    }

    function cell(row, content, className) {
        const td = row.insertCell();
        if (content instanceof Node) {
            td.append(content);
        } else {
            td.textContent = content === undefined || content === null ? '' : String(content);
        }
        if (className) {
            td.className = className;
        }
        return td;
    }

    function element(tag, text, className) {
        const node = document.createElement(tag);
        if (text !== undefined) {
            node.textContent = text;
        }
        if (className) {
            node.className = className;
        }
        return node;
    }

    function button(label, onClick, className) {
        const node = element('button', label, className);
        node.type = 'button';
        node.addEventListener('click', onClick);
        return node;
    }

    function badge(state) {
        return element('span', state.replace('_', ' ').toLowerCase(), 'badge ' + state);
    }

    function time(iso) {
        return iso ? new Date(iso).toLocaleString() : '';
    }

    function size(bytes) {
        if (bytes === undefined) {
            return '';
        }
        return bytes < 1024 * 1024 ? (bytes / 1024).toFixed(0) + ' KiB' : (bytes / 1024 / 1024).toFixed(1) + ' MiB';
    }

    function duration(ms) {
        if (ms === undefined) {
            return '';
        }
        const seconds = Math.round(ms / 1000);
        return Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
    }

    function fill(tableId, rows, render) {
        const body = $(tableId).tBodies[0];
        body.replaceChildren();
        rows.forEach(item => render(body.insertRow(), item));
        $(tableId + 'Empty').hidden = rows.length > 0;
        $(tableId).hidden = rows.length === 0;
    }

    function renderStream(row, stream) {
        row.dataset.name = stream.name;
        const name = cell(row, stream.name);
        if (stream.paused) {
            name.append(element('span', 'paused since ' + time(stream.pausedSince), 'detail'));
        }
        cell(row, stream.clientAddress || '—');
        cell(row, time(stream.since));
        cell(row, stream.width ? stream.width + '×' + stream.height + ' at ' + stream.framesPerSecond + ' fps' : 'no video');
        cell(row, (stream.recordingBitsPerSecond / 1000).toFixed(0) + ' kbit/s, ' + size(stream.recordedBytes), 'number');
        cell(row, stream.recordingFile || '—');
        cell(row, stream.droppedSamples, 'number');
        const path = 'streams/' + encodeURIComponent(stream.name);
        const actions = element('span');
        if (stream.publishing) {
            actions.append(stream.paused ? button('Resume', () => act('POST', path + '/resume'))
                : button('Pause', () => act('POST', path + '/pause')), ' ');
        }
        actions.append(button('Stop', () => act('POST', path + '/stop'), 'danger'));
        cell(row, actions, 'actions');
    }

    function renderRecording(row, recording) {
        row.dataset.file = recording.fileName;
        row.dataset.state = recording.state;
        const poster = recording.posterPath ? Object.assign(element('img', undefined, 'poster'),
            {src: ROOT + recording.posterPath, alt: ''}) : element('span');
        cell(row, poster);
        const name = cell(row, recording.fileName);
        if (recording.recovered) {
            name.append(element('span', 'recovered after a crash', 'detail'));
        }
        Object.entries(recording.metadata || {}).forEach(([key, value]) =>
            name.append(element('span', key + ': ' + value, 'detail metadata')));
        if (recording.metadataError) {
            name.append(element('span', recording.metadataError, 'detail reason'));
        }
        cell(row, recording.node);
        cell(row, size(recording.sizeBytes), 'number');
        cell(row, duration(recording.durationMs), 'number');
        const state = cell(row, badge(recording.state));
        state.className = 'state';
        if (recording.state === 'UPLOADING') {
            state.append(' ', Object.assign(element('progress'), {max: 100, value: recording.percent || 0}));
        } else if (recording.state === 'UPLOADED' && recording.upload) {
            state.append(element('span', 's3://' + recording.upload.bucket + '/' + recording.upload.key, 'detail'));
        } else if (recording.state === 'UPLOAD_FAILED' && recording.reason) {
            state.append(element('span', recording.reason, 'detail reason'));
        }
        const actions = element('span');
        if (recording.state !== 'RECORDING') {
            const download = Object.assign(element('a', 'Download'), {href: ROOT + recording.downloadPath});
            download.setAttribute('download', recording.fileName);
            actions.append(download, ' ');
            if (recording.state !== 'UPLOADING') {
                actions.append(button('Upload again', () => act('POST',
                    'recordings/' + encodeURIComponent(recording.fileName) + '/upload')));
                actions.append(button('Delete local file', () => {
                    if (confirm('Delete ' + recording.fileName + ' from the server?')) {
                        act('DELETE', 'recordings/' + encodeURIComponent(recording.fileName));
                    }
                }, 'danger'));
            }
        }
        cell(row, actions, 'actions');
    }

    // Jobs of every node sharing the job repository are listed; only the node holding a job's file acts on it.
    function renderJob(row, job, thisNode) {
        row.dataset.execution = job.executionId;
        row.dataset.status = job.batchStatus;
        row.dataset.node = job.node;
        cell(row, job.executionId, 'number');
        cell(row, job.file.replace(/^.*\//, ''));
        cell(row, job.node || '—');
        cell(row, badge(job.batchStatus)).className = 'status';
        cell(row, time(job.startedAt));
        cell(row, time(job.endedAt));
        // The last step uploads; the first only picks the mode.
        const metrics = job.steps.length ? job.steps[job.steps.length - 1].metrics : {};
        cell(row, metrics.WRITE_COUNT === undefined ? '' : metrics.WRITE_COUNT, 'number');
        cell(row, job.exitStatus === 'null' ? '' : job.exitStatus, 'exit');
        const actions = element('span');
        const restartable = job.batchStatus === 'FAILED' || job.batchStatus === 'STOPPED';
        const unfinished = job.batchStatus !== 'COMPLETED' && job.batchStatus !== 'ABANDONED';
        if (job.whileRecording && unfinished && job.node && job.node !== thisNode) {
            // Only for a node lost for good: the object is completed from the parts it had sent.
            actions.append(button('Rescue', () => act('POST', 'jobs/' + job.executionId + '/rescue'), 'danger'));
        } else if (restartable && job.node && job.node !== thisNode) {
            actions.append(element('span', 'on node ' + job.node, 'detail'));
        } else if (restartable) {
            actions.append(button('Restart', () => act('POST', 'jobs/' + job.executionId + '/restart')));
            actions.append(button('Abandon', () => act('POST', 'jobs/' + job.executionId + '/abandon'), 'danger'));
        }
        cell(row, actions, 'actions');
    }

    async function refresh() {
        if (refreshing) {
            return refreshing;
        }
        refreshing = (async () => {
            try {
                const [streams, recordings, jobs] = await Promise.all([call('GET', 'streams'), call('GET', 'recordings'),
                    call('GET', 'jobs?start=' + jobsStart + '&count=' + PAGE)]);
                fill('streams', streams, renderStream);
                // Being written first, then the most recently finished.
                fill('recordings', recordings.slice().sort((a, b) => (b.finishedAt || '9').localeCompare(a.finishedAt || '9')),
                    renderRecording);
                fill('jobs', jobs.jobs, (row, job) => renderJob(row, job, jobs.node));
                $('node').textContent = 'node ' + jobs.node;
                $('jobsPage').textContent = jobs.total ? (jobsStart + 1) + '–' + Math.min(jobsStart + PAGE, jobs.total)
                    + ' of ' + jobs.total : '';
                $('newerJobs').disabled = jobsStart === 0;
                $('olderJobs').disabled = jobsStart + PAGE >= jobs.total;
            } catch (e) {
                $('message').textContent = e.message;
            } finally {
                refreshing = null;
            }
        })();
        return refreshing;
    }

    function listen() {
        const events = new EventSource(API + 'events');
        events.addEventListener('hello', () => {
            $('connection').textContent = 'live';
            $('connection').classList.add('live');
            refresh();
        });
        ['upload', 'recording'].forEach(type => events.addEventListener(type, refresh));
        events.onerror = () => {
            $('connection').textContent = 'reconnecting…';
            $('connection').classList.remove('live');
        };
    }

    $('newerJobs').addEventListener('click', () => { jobsStart = Math.max(0, jobsStart - PAGE); refresh(); });
    $('olderJobs').addEventListener('click', () => { jobsStart += PAGE; refresh(); });
    refresh();
    listen();
    setInterval(refresh, 3000);
}());
