/*
 * Stream Recorder browser library: publish a camera and microphone over WebRTC and have the server
 * record it. Plain ES2017, no dependencies. Shape follows the usual media-server SDKs:
 *
 *   const {SESSION_STATUS, STREAM_STATUS, UPLOAD_STATUS} = StreamRecorder;
 *   const session = StreamRecorder.createSession({urlServer: 'wss://host/stream-recorder/signalling'})
 *       .on(SESSION_STATUS.ESTABLISHED, ...).on(SESSION_STATUS.DISCONNECTED, ...).on(SESSION_STATUS.FAILED, ...);
 *   const stream = session.createStream({name: 'cam1', token: publishToken, display: videoElement, record: true,
 *           metadata: {customer: 'acme', 'case-id': '42'}})   // kept with the recording and on its S3 object
 *       .on(STREAM_STATUS.PUBLISHING, ...).on(STREAM_STATUS.UNPUBLISHED, s => s.getRecordInfo())
 *       .on(STREAM_STATUS.FAILED, s => s.getInfo())
 *       .on(UPLOAD_STATUS.UPLOADING | UPLOADED | UPLOAD_FAILED, s => s.getUploadInfo());
 *   stream.publish();  ...  stream.pause();  ...  stream.resume();  ...  stream.stop();
 *   (PAUSED: the connection stays up, what the camera sees meanwhile is left out of the recording)
 *
 * Wire protocol (JSON text frames): ice-servers / publish / ice / stop from here; ice-servers / answer /
 * ice / status / error / upload from the server. See the README's "Signalling protocol". The STUN/TURN
 * servers come from the server (TURN credentials minted per publish) unless createSession is given
 * its own {iceServers: [...]}.
 */
(function (global) {
    'use strict';

    const SESSION_STATUS = Object.freeze({
        PENDING: 'PENDING', ESTABLISHED: 'ESTABLISHED', DISCONNECTED: 'DISCONNECTED', FAILED: 'FAILED'
    });
    const STREAM_STATUS = Object.freeze({
        NEW: 'NEW', PENDING: 'PENDING', PUBLISHING: 'PUBLISHING', PAUSED: 'PAUSED', UNPUBLISHED: 'UNPUBLISHED',
        FAILED: 'FAILED'
    });
    /** After UNPUBLISHED the server reports the upload of the recording to S3. */
    const UPLOAD_STATUS = Object.freeze({
        UPLOADING: 'UPLOADING', UPLOADED: 'UPLOADED', UPLOAD_FAILED: 'UPLOAD_FAILED'
    });
    const DEFAULT_CONSTRAINTS = Object.freeze({audio: true, video: {width: 640, height: 480, frameRate: 30}});
    /** How long stop() waits for the server's UNPUBLISHED before giving up on it. */
    const DEFAULT_STOP_TIMEOUT_MS = 30000;
    /** How long a publish may stay unanswered after an error before that error counts as its reply. */
    const REFUSAL_GRACE_MS = 5000;
    /** FAILED's reason when the server is being taken out of service: a new connection may reach another. */
    const DRAINING = 'server draining';

    class Emitter {
        constructor() {
            this.handlers = {};
        }

        on(event, handler) {
            (this.handlers[event] = this.handlers[event] || []).push(handler);
            return this;
        }

        emit(event, argument) {
            (this.handlers[event] || []).forEach(handler => {
                try {
                    handler(argument);
                } catch (e) {
                    console.error('StreamRecorder: a ' + event + ' handler failed', e);
                }
            });
        }
    }

    /** One WebSocket to the server, carrying any number of streams told apart by name. */
    class Session extends Emitter {
        constructor(options) {
            super();
            this.urlServer = options.urlServer || defaultServerUrl();
            this.iceServers = options.iceServers || null; // null: ask the server for each stream
            this.stopTimeoutMs = options.stopTimeoutMs || DEFAULT_STOP_TIMEOUT_MS;
            this.state = SESSION_STATUS.PENDING;
            this.info = '';
            this.closing = false; // disconnect() was called
            this.streams = new Map();
            // Streams that ended with a recording, by file name, to route upload reports to.
            this.recorded = new Map();
            // Listeners are attached after createSession returns, so connect on the next turn.
            setTimeout(() => this.connect(), 0);
        }

        connect() {
            if (this.state !== SESSION_STATUS.PENDING) {
                return; // disconnect() came first
            }
            let socket;
            try {
                socket = new WebSocket(this.urlServer);
                this.socket = socket;
            } catch (e) {
                this.setState(SESSION_STATUS.FAILED, 'Cannot open ' + this.urlServer + ': ' + e.message);
                this.streams.forEach(stream => stream.sessionLost(this.info));
                return;
            }
            // A socket given up for another (reconnect) says nothing more.
            socket.onopen = () => {
                if (socket !== this.socket) {
                    return;
                }
                this.setState(SESSION_STATUS.ESTABLISHED);
                this.streams.forEach(stream => stream.sessionReady());
            };
            socket.onmessage = event => {
                if (socket === this.socket) {
                    this.receive(event.data);
                }
            };
            socket.onerror = () => {
                if (socket === this.socket && this.state === SESSION_STATUS.PENDING) {
                    this.setState(SESSION_STATUS.FAILED, 'Cannot connect to ' + this.urlServer
                        + '; check the server address and that the server is running');
                }
            };
            socket.onclose = event => {
                if (socket !== this.socket) {
                    return;
                }
                const reason = this.state === SESSION_STATUS.FAILED ? this.info
                    : this.closing ? 'Client disconnected'
                    : event.reason || (event.code === 1000 ? 'The server closed the connection'
                        : 'Lost the connection to the server (code ' + event.code + ')');
                this.streams.forEach(stream => stream.sessionLost(reason));
                if (this.state !== SESSION_STATUS.FAILED) {
                    this.setState(SESSION_STATUS.DISCONNECTED, reason);
                }
            };
        }

        setState(state, info) {
            this.state = state;
            this.info = info || '';
            this.emit(state, this);
        }

        /**
         * Opens a new connection to the same URL for a stream a draining server refused, so that a
         * front door can send it to another server; false when other streams still use this one.
         */
        reconnect(stream) {
            if (this.closing || this.getStreams().some(other => other !== stream && (other.published || other.preparing))) {
                return false;
            }
            const old = this.socket;
            this.socket = null;
            this.state = SESSION_STATUS.PENDING;
            if (old) {
                old.close(1000, 'Publishing elsewhere');
            }
            this.connect();
            return true;
        }

        status() {
            return this.state;
        }

        /** Why the session failed or disconnected; empty otherwise. */
        getInfo() {
            return this.info;
        }

        /** The streams that have not finished yet. */
        getStreams() {
            return Array.from(this.streams.values());
        }

        createStream(options) {
            const stream = new Stream(this, options || {});
            // Server messages name their stream, so one session publishes a name once at a time;
            // publish() fails a second stream of a name still in use here.
            if (!this.streams.has(stream.name)) {
                this.streams.set(stream.name, stream);
            }
            return stream;
        }

        disconnect() {
            this.closing = true;
            if (this.socket) {
                this.socket.close(1000, 'Client disconnected');
            } else if (this.state === SESSION_STATUS.PENDING) {
                this.streams.forEach(stream => stream.sessionLost('Client disconnected'));
                this.setState(SESSION_STATUS.DISCONNECTED, 'Client disconnected');
            }
        }

        send(message) {
            if (this.socket && this.socket.readyState === WebSocket.OPEN) {
                this.socket.send(JSON.stringify(message));
                return true;
            }
            return false;
        }

        receive(text) {
            let message;
            try {
                message = JSON.parse(text);
            } catch (e) {
                console.error('StreamRecorder: unreadable message from server', text);
                return;
            }
            if (message.type === 'error') {
                this.refused(message.reason || 'The server refused a message');
                return;
            }
            if (message.type === 'upload') {
                const recorded = this.recorded.get(message.fileName);
                if (recorded) {
                    recorded.onUpload(message);
                }
                return;
            }
            const stream = this.streams.get(message.streamName);
            if (stream) {
                stream.receive(message);
            }
        }

        /**
         * An error names no stream. Usually it answers a late message about a stream that has already
         * ended, and is harmless. But a publish the server cannot even read (a name too long, say) is
         * answered by an error alone: a publish still unanswered a while after an error is refused.
         */
        refused(reason) {
            console.warn('StreamRecorder: the server reports', reason);
            this.getStreams().filter(stream => stream.awaitingReply).forEach(stream => {
                setTimeout(() => {
                    if (stream.awaitingReply) {
                        stream.fail('The server refused to publish: ' + reason);
                    }
                }, REFUSAL_GRACE_MS);
            });
        }

        remember(stream) {
            this.recorded.set(stream.getRecordInfo().fileName, stream);
        }

        forget(stream) {
            if (this.streams.get(stream.name) === stream) {
                this.streams.delete(stream.name);
            }
        }
    }

    /** One published camera and microphone: NEW → PENDING → PUBLISHING (⇄ PAUSED) → UNPUBLISHED, or FAILED. */
    class Stream extends Emitter {
        constructor(session, options) {
            super();
            this.session = session;
            this.name = options.name === undefined || options.name === null ? '' : String(options.name);
            this.display = options.display || null;
            this.record = options.record !== false;
            this.token = options.token || null; // a publish token, when the server requires one
            // Keys a-z, 0-9 and '-', values printable ASCII; the server says what it refuses (README, "Metadata").
            this.metadata = options.metadata || null;
            this.constraints = options.constraints || DEFAULT_CONSTRAINTS;
            this.state = STREAM_STATUS.NEW;
            this.info = '';
            this.recordInfo = null;
            this.segments = [];
            this.uploadInfo = null;
            this.media = null;
            this.pc = null;
            this.published = false;     // the publish message went out
            this.stopSent = false;
            this.ended = false;         // the server said UNPUBLISHED or FAILED
            this.awaitingReply = false; // ... and neither answer nor status came back yet
            this.answered = false;      // the answer is applied, remote candidates can go in
            this.localCandidates = [];
            this.remoteCandidates = [];
            this.preparing = false;      // sessionReady began (it may wait for the ICE servers)
            this.iceServersReply = null; // resolves the request for ICE servers
            this.iceErrors = [];         // what STUN/TURN servers refused, to explain a failure
            this.retried = false;        // published again once after a draining server refused it
        }

        status() {
            return this.state;
        }

        /** Why the stream failed; empty otherwise. */
        getInfo() {
            return this.info;
        }

        /** {fileName, downloadUrl, durationMs, sizeBytes} once UNPUBLISHED with a recording; else null. */
        getRecordInfo() {
            return this.recordInfo;
        }

        /**
         * Every file the recording produced, in order, each like getRecordInfo(); more than one
         * when the server rotates recordings into segments.
         */
        getSegments() {
            return this.segments;
        }

        /** The last upload report: {state, percent, bucket, key, url} or {state, reason}; null before one. */
        getUploadInfo() {
            return this.uploadInfo;
        }

        onUpload(message) {
            this.uploadInfo = message;
            this.emit(message.state, this);
            if (message.state !== UPLOAD_STATUS.UPLOADING) {
                this.session.recorded.delete(message.fileName);
            }
        }

        async publish() {
            if (this.state !== STREAM_STATUS.NEW) {
                throw new Error('A stream publishes once; create a new stream to publish again');
            }
            this.state = STREAM_STATUS.PENDING;
            if (this.session.streams.get(this.name) !== this) {
                this.fail('A stream named \'' + this.name + '\' is already publishing on this connection');
                return;
            }
            let media;
            try {
                if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
                    throw new Error('this page needs https (or localhost) to use the camera');
                }
                media = await navigator.mediaDevices.getUserMedia(this.constraints);
            } catch (e) {
                this.fail(describeMediaError(e));
                return;
            }
            if (this.state !== STREAM_STATUS.PENDING) {
                // Stopped or failed while the browser asked for the camera.
                media.getTracks().forEach(track => track.stop());
                return;
            }
            this.media = media;
            if (this.display) {
                this.display.muted = true;
                this.display.srcObject = media;
                const playing = this.display.play();
                if (playing && playing.catch) {
                    playing.catch(() => undefined);
                }
            }
            if (this.session.status() === SESSION_STATUS.ESTABLISHED) {
                this.sessionReady();
            } else if (this.session.status() !== SESSION_STATUS.PENDING) {
                this.fail(this.session.getInfo() || 'Not connected to the server');
            }
        }

        async sessionReady() {
            if (this.state !== STREAM_STATUS.PENDING || !this.media || this.preparing) {
                return;
            }
            this.preparing = true;
            const iceServers = this.session.iceServers || await this.askIceServers();
            if (iceServers === null || this.state !== STREAM_STATUS.PENDING) {
                return;
            }
            const pc = new RTCPeerConnection({iceServers: iceServers});
            this.pc = pc;
            this.media.getTracks().forEach(track => {
                pc.addTransceiver(track, {direction: 'sendonly', streams: [this.media]});
            });
            pc.onicecandidate = event => {
                // A null candidate (or an empty one) marks the end of gathering: nothing to send.
                if (event.candidate && event.candidate.candidate) {
                    this.sendCandidate(event.candidate);
                }
            };
            pc.onicecandidateerror = event => {
                // 300-699 are STUN/TURN error responses (401: credentials refused); 701, a server
                // not reached from one of the interfaces, is common and says little.
                if (event.errorCode >= 300 && event.errorCode < 700) {
                    this.iceErrors.push(event.url + ' answered ' + event.errorCode + ' ' + event.errorText);
                }
            };
            pc.onconnectionstatechange = () => {
                if (pc.connectionState === 'failed') {
                    this.fail(this.withIceErrors('The media connection to the server failed; check that UDP can reach the server'));
                }
            };
            try {
                await this.keepResolution(pc);
                const offer = await pc.createOffer();
                await pc.setLocalDescription(offer);
                if (this.state !== STREAM_STATUS.PENDING) {
                    return;
                }
                const publish = {type: 'publish', streamName: this.name, record: this.record, sdp: offer.sdp};
                if (this.token) {
                    publish.token = this.token;
                }
                if (this.metadata) {
                    publish.metadata = this.metadata;
                }
                if (!this.session.send(publish)) {
                    this.fail(this.session.getInfo() || 'Not connected to the server');
                    return;
                }
                this.published = true;
                this.awaitingReply = true;
                this.localCandidates.splice(0).forEach(candidate => this.sendCandidate(candidate));
            } catch (e) {
                this.fail('Could not prepare the connection: ' + e.message);
            }
        }

        /** The servers to gather candidates with, or null when the stream ended meanwhile. */
        askIceServers() {
            return new Promise(resolve => {
                const request = {type: 'ice-servers', streamName: this.name};
                if (this.token) {
                    request.token = this.token;
                }
                this.iceServersReply = resolve;
                this.awaitingReply = true;
                if (!this.session.send(request)) {
                    this.fail(this.session.getInfo() || 'Not connected to the server');
                }
            });
        }

        /** A failure to connect explained by what the STUN/TURN servers said, when they refused something. */
        withIceErrors(reason) {
            return this.iceErrors.length === 0 || this.state !== STREAM_STATUS.PENDING ? reason
                : reason + '. STUN/TURN: ' + Array.from(new Set(this.iceErrors)).join('; ');
        }

        sendCandidate(candidate) {
            if (!this.published) {
                this.localCandidates.push(candidate); // the server learns of the stream from publish
                return;
            }
            this.session.send({
                type: 'ice', streamName: this.name, candidate: candidate.candidate,
                sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex
            });
        }

        /** Chrome lowers the resolution (to 320x240 at first) unless told to keep it; a recording should. */
        async keepResolution(pc) {
            for (const sender of pc.getSenders()) {
                if (sender.track && sender.track.kind === 'video' && sender.getParameters) {
                    try {
                        const parameters = sender.getParameters();
                        parameters.degradationPreference = 'maintain-resolution';
                        await sender.setParameters(parameters);
                    } catch (e) {
                        console.warn('StreamRecorder: cannot ask to keep the resolution', e);
                    }
                }
            }
        }

        receive(message) {
            if (message.type === 'answer' || message.type === 'status' || message.type === 'ice-servers') {
                this.awaitingReply = false;
            }
            if (message.type === 'ice-servers') {
                this.answerIceServers(message.iceServers || []);
                return;
            }
            if (message.type === 'status' && message.status !== STREAM_STATUS.PUBLISHING
                && message.status !== STREAM_STATUS.PAUSED) {
                this.ended = true;
            }
            if (message.type === 'answer') {
                this.applyAnswer(message.sdp);
            } else if (message.type === 'ice') {
                const candidate = {candidate: message.candidate, sdpMid: message.sdpMid, sdpMLineIndex: message.sdpMLineIndex};
                if (this.answered) {
                    this.addRemoteCandidate(candidate);
                } else {
                    this.remoteCandidates.push(candidate);
                }
            } else if (message.type === 'status') {
                this.onStatus(message);
            }
        }

        async applyAnswer(sdp) {
            if (!this.pc || this.state === STREAM_STATUS.UNPUBLISHED || this.state === STREAM_STATUS.FAILED) {
                return;
            }
            try {
                await this.pc.setRemoteDescription({type: 'answer', sdp: sdp});
            } catch (e) {
                this.fail('The server\'s answer was not accepted: ' + e.message);
                return;
            }
            this.answered = true;
            this.remoteCandidates.splice(0).forEach(candidate => this.addRemoteCandidate(candidate));
        }

        addRemoteCandidate(candidate) {
            if (this.pc && this.pc.signalingState !== 'closed') {
                this.pc.addIceCandidate(candidate).catch(e => console.warn('StreamRecorder: bad candidate', candidate, e));
            }
        }

        onStatus(message) {
            if (message.status === STREAM_STATUS.PUBLISHING) {
                if (this.state === STREAM_STATUS.PENDING || this.state === STREAM_STATUS.PAUSED) {
                    this.setState(STREAM_STATUS.PUBLISHING);
                }
            } else if (message.status === STREAM_STATUS.PAUSED) {
                if (this.state === STREAM_STATUS.PUBLISHING) {
                    this.setState(STREAM_STATUS.PAUSED);
                }
            } else if (message.status === STREAM_STATUS.UNPUBLISHED) {
                this.recordInfo = message.record || null;
                this.segments = message.segments || [];
                if (this.recordInfo) {
                    this.session.remember(this);
                }
                this.finish(STREAM_STATUS.UNPUBLISHED, '');
            } else if (message.status === STREAM_STATUS.FAILED) {
                if (message.reason === DRAINING && this.retryElsewhere()) {
                    return;
                }
                this.fail(this.withIceErrors(message.reason || 'The server reported a failure'));
            }
        }

        /**
         * A draining server refused this stream before it started: once, start over on a new
         * connection. Nothing was claimed on the refusing server, so there is nothing to stop there.
         */
        retryElsewhere() {
            if (this.retried || this.state !== STREAM_STATUS.PENDING || !this.media) {
                return false;
            }
            this.answerIceServers(null);
            if (!this.session.reconnect(this)) {
                return false;
            }
            this.retried = true;
            if (this.pc) {
                this.pc.close();
                this.pc = null;
            }
            this.published = false;
            this.stopSent = false;
            this.ended = false;
            this.awaitingReply = false;
            this.answered = false;
            this.localCandidates = [];
            this.remoteCandidates = [];
            this.preparing = false;
            this.iceErrors = [];
            return true;
        }

        /**
         * Pauses the recording, the connection staying up; PAUSED follows when the server has paused it.
         * Returns false when the stream is not publishing or the message could not be sent.
         */
        pause() {
            return this.state === STREAM_STATUS.PUBLISHING && this.session.send({type: 'pause', streamName: this.name});
        }

        /** Records again where the file stopped; PUBLISHING follows. Returns false when not paused. */
        resume() {
            return this.state === STREAM_STATUS.PAUSED && this.session.send({type: 'resume', streamName: this.name});
        }

        /** Ends publishing; UNPUBLISHED follows when the server has finished the recording. */
        stop() {
            if (this.state === STREAM_STATUS.NEW) {
                this.finish(STREAM_STATUS.UNPUBLISHED, '');
                return;
            }
            if (this.state !== STREAM_STATUS.PUBLISHING && this.state !== STREAM_STATUS.PAUSED
                && this.state !== STREAM_STATUS.PENDING) {
                return;
            }
            this.releaseMedia();
            if (!this.published) {
                // The server never heard of this stream: nothing to stop there.
                this.finish(STREAM_STATUS.UNPUBLISHED, '');
                return;
            }
            if (!this.sendStop()) {
                this.fail(this.session.getInfo() || 'Not connected to the server');
                return;
            }
            if (!this.stopTimer) {
                this.stopTimer = setTimeout(() => this.fail('The server did not confirm the stop within '
                    + Math.round(this.session.stopTimeoutMs / 1000) + ' s'), this.session.stopTimeoutMs);
            }
        }

        sendStop() {
            if (!this.stopSent) {
                this.stopSent = this.session.send({type: 'stop', streamName: this.name});
            }
            return this.stopSent;
        }

        sessionLost(reason) {
            if (this.state !== STREAM_STATUS.UNPUBLISHED && this.state !== STREAM_STATUS.FAILED) {
                this.fail(reason);
            }
        }

        fail(reason) {
            this.finish(STREAM_STATUS.FAILED, reason);
        }

        finish(state, info) {
            if (this.state === STREAM_STATUS.UNPUBLISHED || this.state === STREAM_STATUS.FAILED) {
                return;
            }
            clearTimeout(this.stopTimer);
            this.awaitingReply = false;
            this.answerIceServers(null);
            if (this.published && !this.ended) {
                this.sendStop(); // failed here (media connection, timeout): free the name on the server
            }
            this.releaseMedia();
            if (this.pc) {
                this.pc.close();
            }
            this.session.forget(this);
            this.setState(state, info);
        }

        answerIceServers(servers) {
            const reply = this.iceServersReply;
            this.iceServersReply = null;
            if (reply) {
                reply(servers);
            }
        }

        releaseMedia() {
            if (this.media) {
                this.media.getTracks().forEach(track => track.stop());
            }
            if (this.display && this.display.srcObject === this.media) {
                this.display.srcObject = null;
            }
        }

        setState(state, info) {
            this.state = state;
            this.info = info || '';
            this.emit(state, this);
        }
    }

    /** getUserMedia's errors say little to a user; say what to do. */
    function describeMediaError(e) {
        switch (e && e.name) {
            case 'NotAllowedError':
            case 'SecurityError':
                return 'Camera or microphone access was denied; allow it for this page and press Start again';
            case 'NotFoundError':
            case 'OverconstrainedError':
                return 'No camera or microphone found that can deliver the requested video; connect one and press Start again';
            case 'NotReadableError':
            case 'AbortError':
                return 'The camera or microphone is in use by another application or cannot be opened';
            default:
                return 'Camera or microphone unavailable: ' + ((e && (e.message || e.name)) || e);
        }
    }

    /** ws(s)://<this page's host>/stream-recorder/signalling, wss when the page came over https. */
    function defaultServerUrl() {
        const location = global.location;
        const scheme = location && location.protocol === 'https:' ? 'wss://' : 'ws://';
        const host = location && location.host ? location.host : 'localhost:8080';
        return scheme + host + '/stream-recorder/signalling';
    }

    global.StreamRecorder = Object.freeze({
        SESSION_STATUS,
        STREAM_STATUS,
        UPLOAD_STATUS,
        defaultServerUrl,
        createSession: options => new Session(options || {})
    });
})(window);
