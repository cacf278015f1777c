#!/bin/sh
# Regenerates the captured vectors (ffmpeg with libx264 + native aac/libopus). Each output stays well under 200 KB.
set -e
cd "$(dirname "$0")"
# H.264 (4 slices per frame, like x264 zerolatency) + AAC in MPEG-TS, 2 s, GOP 30.
ffmpeg -y -loglevel error -f lavfi -i testsrc=size=160x120:rate=30 -f lavfi -i sine=frequency=440:sample_rate=44100 -t 2 \
  -c:v libx264 -preset ultrafast -tune zerolatency -x264-params slices=4 -g 30 -b:v 100k -c:a aac -b:a 32k -ac 2 -f mpegts h264-aac.ts
# H.264 with B-frames (PTS != DTS), odd size with cropping, 25 fps.
ffmpeg -y -loglevel error -f lavfi -i testsrc=size=174x98:rate=25 -t 1 -c:v libx264 -preset fast -bf 2 -g 25 -b:v 80k -f mpegts h264-bframes.ts
# Opus in MPEG-TS (stream_type 0x06 + registration descriptor 'Opus').
ffmpeg -y -loglevel error -f lavfi -i sine=frequency=440:sample_rate=48000 -t 1 -c:a libopus -b:a 24k -ac 2 -f mpegts opus.ts
# Raw streams for the bitstream helpers.
ffmpeg -y -loglevel error -f lavfi -i testsrc=size=320x240:rate=30 -t 0.2 -c:v libx264 -preset ultrafast -g 30 -f h264 h264.264
ffmpeg -y -loglevel error -f lavfi -i sine=frequency=440:sample_rate=48000 -t 0.2 -c:a aac -b:a 64k -ac 2 -f adts aac.adts
