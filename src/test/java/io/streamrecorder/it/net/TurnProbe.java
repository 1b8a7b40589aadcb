package io.streamrecorder.it.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a TURN server for an allocation from inside a namespace, as a browser's ICE agent would
 * (RFC 5766 Allocate with the long-term credential mechanism: an unauthenticated request, the 401's
 * realm and nonce, the request again with MESSAGE-INTEGRITY and FINGERPRINT, then a Refresh with lifetime 0
 * that releases it), with a small Python script; the credentials reach it through its environment, not its
 * command line.
 */
public final class TurnProbe {

    private static final Pattern ALLOCATED = Pattern.compile("allocated relayed=(\\S+) mapped=(\\S+)");
    private static final Pattern ERROR = Pattern.compile("error (\\d+)");
    private static final String SCRIPT = """
            import hashlib, hmac, os, socket, struct, sys, zlib
            MAGIC = 0x2112A442
            server, port, transport = sys.argv[1], int(sys.argv[2]), sys.argv[3]
            username, password = os.environ['TURN_USERNAME'], os.environ['TURN_PASSWORD']

            def attribute(kind, value):
                return struct.pack('!HH', kind, len(value)) + value + b'\\0' * ((4 - len(value) % 4) % 4)

            def message(kind, attributes, key=None):
                txid, body = os.urandom(12), b''.join(attributes)
                if key is not None:
                    header = struct.pack('!HHI', kind, len(body) + 24, MAGIC) + txid
                    body += attribute(0x0008, hmac.new(key, header + body, hashlib.sha1).digest())
                header = struct.pack('!HHI', kind, len(body) + 8, MAGIC) + txid
                body += attribute(0x8028, struct.pack('!I', (zlib.crc32(header + body) ^ 0x5354554E) & 0xFFFFFFFF))
                return struct.pack('!HHI', kind, len(body), MAGIC) + txid + body

            def error(attributes):
                code = attributes.get(0x0009, bytes(4))
                return '%d %s' % (code[2] * 100 + code[3], code[4:].decode(errors='replace'))

            def parse(data):
                kind, length = struct.unpack('!HH', data[:4])
                attributes, i = {}, 20
                while i < 20 + length:
                    t, n = struct.unpack('!HH', data[i:i + 4])
                    attributes.setdefault(t, data[i + 4:i + 4 + n])
                    i += 4 + n + (4 - n % 4) % 4
                return kind, attributes

            def address(value):
                port = struct.unpack('!H', value[2:4])[0] ^ (MAGIC >> 16)
                ip = struct.unpack('!I', value[4:8])[0] ^ MAGIC
                return socket.inet_ntoa(struct.pack('!I', ip)) + ':' + str(port)

            def receive_exactly(sock, n):
                data = b''
                while len(data) < n:
                    chunk = sock.recv(n - len(data))
                    if not chunk:
                        raise socket.timeout('connection closed')
                    data += chunk
                return data

            def exchange(sock, request):
                for attempt in range(1 if transport == 'tcp' else 2):
                    sock.send(request)
                    try:
                        if transport == 'tcp':
                            header = receive_exactly(sock, 20)
                            return parse(header + receive_exactly(sock, struct.unpack('!H', header[2:4])[0]))
                        return parse(sock.recv(4096))
                    except socket.timeout:
                        pass
                print('timeout')
                sys.exit(0)

            try:
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM if transport == 'tcp' else socket.SOCK_DGRAM)
                sock.settimeout(1.0)
                sock.connect((server, port))
            except OSError as e:
                print('timeout' if isinstance(e, socket.timeout) else 'unreachable ' + str(e))
                sys.exit(0)
            transport_attribute = attribute(0x0019, struct.pack('!I', 17 << 24))
            kind, attributes = exchange(sock, message(0x0003, [transport_attribute]))
            if kind != 0x0113 or 0x0014 not in attributes or 0x0015 not in attributes:
                print('unexpected first answer 0x%04x %s' % (kind, error(attributes)))
                sys.exit(0)
            realm, nonce = attributes[0x0014], attributes[0x0015]
            key = hashlib.md5(username.encode() + b':' + realm + b':' + password.encode()).digest()
            credentials = [attribute(0x0006, username.encode()), attribute(0x0014, realm), attribute(0x0015, nonce)]
            kind, attributes = exchange(sock, message(0x0003, [transport_attribute] + credentials, key))
            if kind == 0x0103:
                allocated = 'allocated relayed=%s mapped=%s' % (address(attributes[0x0016]), address(attributes[0x0020]))
                # Released as a browser releases its own: coturn refuses an Allocate from a 5-tuple whose allocation
                # is still live with a 437, before any 401; left alone, it lives 10 minutes, released, a second.
                kind, attributes = exchange(sock, message(0x0004, [attribute(0x000D, struct.pack('!I', 0))] + credentials, key))
                print(allocated if kind == 0x0104 else 'not released 0x%04x %s' % (kind, error(attributes)))
            elif kind == 0x0113:
                print('error ' + error(attributes))
            else:
                print('unexpected answer 0x%04x' % kind)
            """;

    private TurnProbe() {
    }

    /**
     * Asks {@code server}'s port {@value TurnServer#PORT} over {@code transport} ({@code udp} or {@code tcp})
     * for a UDP relay, from {@code namespace}; the script goes in {@code directory}.
     */
    public static Outcome allocate(Namespace namespace, Path directory, String server, String transport,
            TurnCredentials credentials) {
        Path script = directory.resolve("turn-allocate.py");
        try {
            Files.createDirectories(directory);
            Files.writeString(script, SCRIPT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CommandResult result = CommandResult.run(Duration.ofSeconds(15),
                namespace.command(List.of(NetworkPrerequisites.python3(), script.toString(), server, Integer.toString(TurnServer.PORT), transport)),
                Map.of("TURN_USERNAME", credentials.username(), "TURN_PASSWORD", credentials.password()));
        return new Outcome(result.orThrow().strip());
    }

    /** What the server answered: {@code allocated relayed=<ip:port> mapped=<ip:port>}, {@code error <code> <reason>}, {@code timeout}. */
    public record Outcome(String line) {

        public boolean allocated() {
            return ALLOCATED.matcher(line).matches();
        }

        /** The relay address the server allocated. */
        public String relayedAddress() {
            return allocation().group(1);
        }

        /** The client's address as the server saw it (after its NAT). */
        public String mappedAddress() {
            return allocation().group(2);
        }

        /** The STUN error code of a refused allocation, e.g. 401; 0 if it was not refused. */
        public int errorCode() {
            Matcher matcher = ERROR.matcher(line);
            return matcher.lookingAt() ? Integer.parseInt(matcher.group(1)) : 0;
        }

        /** Nothing came back: the requests were dropped on the way. */
        public boolean timedOut() {
            return "timeout".equals(line);
        }

        private Matcher allocation() {
            Matcher matcher = ALLOCATED.matcher(line);
            if (!matcher.matches()) {
                throw new IllegalStateException("no allocation: " + line);
            }
            return matcher;
        }
    }
}
