/*
 * Stream Recorder browser library: publish a camera and microphone over WebRTC and have the server
 * record it. Shape follows the usual media-server SDKs:
 *
 *   const session = StreamRecorder.createSession({urlServer: 'wss://host/stream-recorder/signalling'})
 *       .on(SESSION_STATUS.ESTABLISHED, ...).on(SESSION_STATUS.DISCONNECTED, ...).on(SESSION_STATUS.FAILED, ...);
 *   const stream = session.createStream({name: 'cam1', display: videoElement, record: true})
 *       .on(STREAM_STATUS.PUBLISHING, ...).on(STREAM_STATUS.UNPUBLISHED, s => s.getRecordInfo())
 *       .on(STREAM_STATUS.FAILED, s => s.getInfo())
 *       .on(UPLOAD_STATUS.UPLOADING | UPLOADED | UPLOAD_FAILED, s => s.getUploadInfo());
 *   stream.publish();  ...  stream.stop();
 */
(function (global) {
    'use strict';

    const SESSION_STATUS = Object.freeze({
        PENDING: 'PENDING', ESTABLISHED: 'ESTABLISHED', DISCONNECTED: 'DISCONNECTED', FAILED: 'FAILED'
    });
    const STREAM_STATUS = Object.freeze({
        NEW: 'NEW', PENDING: 'PENDING', PUBLISHING: 'PUBLISHING', UNPUBLISHED: 'UNPUBLISHED', FAILED: 'FAILED'
    });
    /** After UNPUBLISHED the server reports the upload of the recording to S3. */
    const UPLOAD_STATUS = Object.freeze({
        UPLOADING: 'UPLOADING', UPLOADED: 'UPLOADED', UPLOAD_FAILED: 'UPLOAD_FAILED'
    });
    const DEFAULT_CONSTRAINTS = Object.freeze({audio: true, video: {width: 640, height: 480, frameRate: 30}});
    /** How long stop() waits for the server's UNPUBLISHED before giving up on it. */
    const STOP_TIMEOUT_MS = 30000;

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

    class Session extends Emitter {
        constructor(options) {
            super();
            this.urlServer = options.urlServer || defaultServerUrl();
            this.iceServers = options.iceServers || [];
            this.state = SESSION_STATUS.PENDING;
            this.streams = new Map();
            // Streams that ended with a recording, by file name, to route upload reports to.
            this.recorded = new Map();
            // Listeners are attached after createSession returns, so connect on the next turn.
            setTimeout(() => this.connect(), 0);
        }

        connect() {
            try {
                this.socket = new WebSocket(this.urlServer);
            } catch (e) {
                this.setState(SESSION_STATUS.FAILED, 'Cannot open ' + this.urlServer + ': ' + e.message);
                return;
            }
            this.socket.onopen = () => {
                this.setState(SESSION_STATUS.ESTABLISHED);
                this.streams.forEach(stream => stream.sessionReady());
            };
            this.socket.onmessage = event => this.receive(event.data);
            this.socket.onerror = () => {
                if (this.state === SESSION_STATUS.PENDING) {
                    this.setState(SESSION_STATUS.FAILED, 'Cannot connect to ' + this.urlServer);
                }
            };
            this.socket.onclose = event => {
                const reason = event.reason || 'Connection to the server closed (code ' + event.code + ')';
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

        status() {
            return this.state;
        }

        getInfo() {
            return this.info;
        }

        getStreams() {
            return Array.from(this.streams.values());
        }

        createStream(options) {
            const stream = new Stream(this, options || {});
            this.streams.set(stream.name, stream);
            return stream;
        }

        disconnect() {
            if (this.socket) {
                this.socket.close(1000, 'Client disconnected');
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
                console.error('StreamRecorder: server reports', message.reason);
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

        remember(stream) {
            this.recorded.set(stream.getRecordInfo().fileName, stream);
        }

        forget(stream) {
            if (this.streams.get(stream.name) === stream) {
                this.streams.delete(stream.name);
            }
        }
    }

    class Stream extends Emitter {
        constructor(session, options) {
            super();
            this.session = session;
            this.name = options.name === undefined || options.name === null ? '' : String(options.name);
            this.display = options.display || null;
            this.record = options.record !== false;
            this.constraints = options.constraints || DEFAULT_CONSTRAINTS;
            this.state = STREAM_STATUS.NEW;
            this.info = '';
            this.recordInfo = null;
            this.uploadInfo = null;
            this.remoteCandidates = [];
            this.answered = false;
        }

        status() {
            return this.state;
        }

        getInfo() {
            return this.info;
        }

        getRecordInfo() {
            return this.recordInfo;
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
            try {
                this.media = await navigator.mediaDevices.getUserMedia(this.constraints);
            } catch (e) {
                this.fail('Camera or microphone unavailable: ' + (e.message || e.name));
                return;
            }
            if (this.display) {
                this.display.muted = true;
                this.display.srcObject = this.media;
                this.display.play().catch(() => undefined);
            }
            if (this.session.status() === SESSION_STATUS.ESTABLISHED) {
                this.sessionReady();
            } else if (this.session.status() !== SESSION_STATUS.PENDING) {
                this.fail('Not connected to the server');
            }
        }

        async sessionReady() {
            if (this.state !== STREAM_STATUS.PENDING || !this.media || this.pc) {
                return;
            }
            const pc = new RTCPeerConnection({iceServers: this.session.iceServers});
            this.pc = pc;
            this.media.getTracks().forEach(track => {
                pc.addTransceiver(track, {direction: 'sendonly', streams: [this.media]});
            });
            pc.onicecandidate = event => {
                if (event.candidate && event.candidate.candidate) {
                    this.session.send({
                        type: 'ice', streamName: this.name, candidate: event.candidate.candidate,
                        sdpMid: event.candidate.sdpMid, sdpMLineIndex: event.candidate.sdpMLineIndex
                    });
                }
            };
            try {
                await this.keepResolution(pc);
                const offer = await pc.createOffer();
                await pc.setLocalDescription(offer);
                this.session.send({type: 'publish', streamName: this.name, record: this.record, sdp: offer.sdp});
            } catch (e) {
                this.fail('Could not prepare the connection: ' + e.message);
            }
        }

        /** Browsers lower the resolution under load by default; a recording should keep it. */
        async keepResolution(pc) {
            for (const sender of pc.getSenders()) {
                if (sender.track && sender.track.kind === 'video') {
                    const parameters = sender.getParameters();
                    parameters.degradationPreference = 'maintain-resolution';
                    try {
                        await sender.setParameters(parameters);
                    } catch (e) {
                        console.warn('StreamRecorder: cannot ask to keep the resolution', e);
                    }
                }
            }
        }

        async receive(message) {
            if (message.type === 'answer') {
                try {
                    await this.pc.setRemoteDescription({type: 'answer', sdp: message.sdp});
                    this.answered = true;
                    this.remoteCandidates.splice(0).forEach(c => this.pc.addIceCandidate(c).catch(() => undefined));
                } catch (e) {
                    this.fail('The server\'s answer was not accepted: ' + e.message);
                }
            } else if (message.type === 'ice') {
                const candidate = {candidate: message.candidate, sdpMid: message.sdpMid, sdpMLineIndex: message.sdpMLineIndex};
                if (this.answered) {
                    this.pc.addIceCandidate(candidate).catch(e => console.warn('StreamRecorder: bad candidate', e));
                } else {
                    this.remoteCandidates.push(candidate);
                }
            } else if (message.type === 'status') {
                this.onStatus(message);
            }
        }

        onStatus(message) {
            if (message.status === STREAM_STATUS.PUBLISHING) {
                this.setState(STREAM_STATUS.PUBLISHING);
            } else if (message.status === STREAM_STATUS.UNPUBLISHED) {
                this.recordInfo = message.record || null;
                if (this.recordInfo) {
                    this.session.remember(this);
                }
                this.finish(STREAM_STATUS.UNPUBLISHED, '');
            } else if (message.status === STREAM_STATUS.FAILED) {
                this.fail(message.reason || 'The server reported a failure');
            }
        }

        stop() {
            if (this.state !== STREAM_STATUS.PUBLISHING && this.state !== STREAM_STATUS.PENDING) {
                return;
            }
            this.releaseMedia();
            if (!this.session.send({type: 'stop', streamName: this.name})) {
                this.fail('Not connected to the server');
                return;
            }
            this.stopTimer = setTimeout(() => this.fail('The server did not confirm the stop'), STOP_TIMEOUT_MS);
        }

        sessionLost(reason) {
            if (this.state === STREAM_STATUS.PUBLISHING || this.state === STREAM_STATUS.PENDING) {
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
            this.releaseMedia();
            if (this.pc) {
                this.pc.close();
            }
            this.session.forget(this);
            this.setState(state, info);
        }

        releaseMedia() {
            if (this.media) {
                this.media.getTracks().forEach(track => track.stop());
            }
            if (this.display) {
                this.display.srcObject = null;
            }
        }

        setState(state, info) {
            this.state = state;
            this.info = info || '';
            this.emit(state, this);
        }
    }

    function defaultServerUrl() {
        const scheme = global.location && global.location.protocol === 'https:' ? 'wss://' : 'ws://';
        const host = global.location ? global.location.host : 'localhost:8080';
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
