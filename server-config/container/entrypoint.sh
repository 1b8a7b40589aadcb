#!/bin/bash
# The container image's entrypoint (Containerfile): prepares what the environment asks for and runs
# WildFly in the foreground, relaying SIGTERM to it (LAUNCH_JBOSS_IN_BACKGROUND), so that a stop drains
# the node (README, "Health and draining"). Arguments go to standalone.sh.
#
# From the environment, beside the recorder's own settings (README, "Settings"):
#   STREAMRECORDER_ADMIN_USER, STREAMRECORDER_ADMIN_PASSWORD  an operator with the role recorder-admin
#       (REST API, console), written into the container's application realm at each start; the
#       password is not handed on to the server's environment.
#   STREAMRECORDER_TLS_KEYSTORE, STREAMRECORDER_TLS_KEYSTORE_PASSWORD  HTTPS's key store (a mounted
#       file). Unset: a self-signed certificate for localhost, 127.0.0.1 and the container's host name,
#       made once into the data volume (tls/, with its generated password, mode 600).
#   STREAMRECORDER_MANAGEMENT_BIND_ADDRESS  where the management interface (health at :9990/health/ready
#       and /health/live, metrics at /metrics) listens: 0.0.0.0 (default) so that an orchestrator's
#       probes reach it; the image publishes no port for it.
#   JBOSS_JAVA_SIZING  heap options, bin/run's by default; JAVA_OPTS replaces all of WildFly's JVM options.
set -euo pipefail

home=/opt/stream-recorder/server
data=/var/lib/stream-recorder/data
configuration=$home/standalone/configuration

if [ -n "${STREAMRECORDER_ADMIN_USER:-}" ]; then
    if [ -z "${STREAMRECORDER_ADMIN_PASSWORD:-}" ] || ! [[ $STREAMRECORDER_ADMIN_USER =~ ^[A-Za-z0-9._@-]+$ ]]; then
        echo "STREAMRECORDER_ADMIN_USER needs STREAMRECORDER_ADMIN_PASSWORD, and a name of A-Z a-z 0-9 . _ @ -" >&2
        exit 1
    fi
    # WildFly's properties realm: HEX(MD5(user:realm:password)), as add-user.sh writes it; printf is
    # bash's own, so the password is on no command line.
    hash=$(printf '%s' "$STREAMRECORDER_ADMIN_USER:ApplicationRealm:$STREAMRECORDER_ADMIN_PASSWORD" | md5sum | cut -d' ' -f1)
    for file in application-users.properties application-roles.properties; do
        grep -v "^$STREAMRECORDER_ADMIN_USER=" "$configuration/$file" > "$configuration/$file.new" || true
        mv "$configuration/$file.new" "$configuration/$file"
    done
    echo "$STREAMRECORDER_ADMIN_USER=$hash" >> "$configuration/application-users.properties"
    echo "$STREAMRECORDER_ADMIN_USER=recorder-admin" >> "$configuration/application-roles.properties"
    echo "Operator $STREAMRECORDER_ADMIN_USER (role recorder-admin) from STREAMRECORDER_ADMIN_USER"
fi
unset STREAMRECORDER_ADMIN_PASSWORD

if [ -z "${STREAMRECORDER_TLS_KEYSTORE:-}" ]; then
    tls=$data/tls
    (umask 077 && mkdir -p "$tls")
    if [ ! -s "$tls/keystore-password" ]; then
        (umask 077 && head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$tls/keystore-password")
        rm -f "$tls/self-signed.p12"
    fi
    STREAMRECORDER_TLS_KEYSTORE_PASSWORD=$(cat "$tls/keystore-password")
    export STREAMRECORDER_TLS_KEYSTORE_PASSWORD
    if [ ! -f "$tls/self-signed.p12" ]; then
        (umask 077 && keytool -genkeypair -alias stream-recorder -keyalg EC -groupname secp256r1 -validity 825 \
            -dname CN=localhost -ext "san=dns:localhost,ip:127.0.0.1,dns:$HOSTNAME" -storetype PKCS12 \
            -keystore "$tls/self-signed.p12" -storepass:env STREAMRECORDER_TLS_KEYSTORE_PASSWORD)
    fi
    export STREAMRECORDER_TLS_KEYSTORE=$tls/self-signed.p12
    echo "HTTPS with a self-signed certificate for localhost (browsers warn); give yours with STREAMRECORDER_TLS_KEYSTORE"
fi

# bin/run's defaults (ContainerFilesTest keeps them equal): G1 gives back the heap an idle server does
# not use, and the JVM has glibc give back what native media code freed (docs/BENCHMARKS.md).
export JBOSS_JAVA_SIZING="${JBOSS_JAVA_SIZING:--Xms64m -Xmx512m -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:G1PeriodicGCInterval=10000 -XX:TrimNativeHeapInterval=5000}"
exec "$home/bin/standalone.sh" -Djboss.bind.address=0.0.0.0 \
    -Djboss.bind.address.management="${STREAMRECORDER_MANAGEMENT_BIND_ADDRESS:-0.0.0.0}" \
    -Djboss.server.data.dir="$data" "$@"
