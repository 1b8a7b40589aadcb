#!/usr/bin/env bash
# Example on-record hook, called after each recording as Flashphoner WCS calls on_record_hook.sh:
#   on_record_hook.sh <stream name> <absolute path of the MP4>
# Enable it with the setting streamrecorder.on-record-hook (or STREAMRECORDER_ON_RECORD_HOOK).
# Whatever it prints goes to the server log; its exit status is kept in <file>.hook.json.
# Stream Recorder already uploads to S3 itself; use the hook for anything else (transcode, notify...).
set -euo pipefail

stream_name="$1"
file="$2"
size=$(stat -c %s "$file")
echo "recorded stream ${stream_name}: ${file} (${size} bytes)"
