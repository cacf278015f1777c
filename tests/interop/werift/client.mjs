// werift as an independent WHIP publisher and WHEP player for plugins/WebRtc's tests.
//   node client.mjs offer                     print a WHIP offer (H.264 + Opus) and exit
//   node client.mjs whip <url> <seconds>      publish ffmpeg's test pattern (H.264 baseline + Opus over RTP) for <seconds>
//   node client.mjs whep <url> <seconds>      play for <seconds>
// The last line printed is a JSON summary; exit code 0 on success.
import { RTCPeerConnection, MediaStreamTrack, RTCRtpCodecParameters } from "werift";
import { spawn } from "node:child_process";
import dgram from "node:dgram";

const [mode, url, secondsText] = process.argv.slice(2);
const seconds = Number(secondsText || "3");

const codecs = {
  video: [new RTCRtpCodecParameters({
    mimeType: "video/H264", clockRate: 90000, payloadType: 102,
    rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }, { type: "ccm", parameter: "fir" }],
    parameters: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
  })],
  audio: [new RTCRtpCodecParameters({ mimeType: "audio/opus", clockRate: 48000, channels: 2, payloadType: 111 })],
};

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function exchange(pc, target) {
  await pc.setLocalDescription(await pc.createOffer());
  for (let i = 0; i < 50 && pc.iceGatheringState !== "complete"; i++) await sleep(20);
  const response = await fetch(target, { method: "POST", headers: { "Content-Type": "application/sdp" }, body: pc.localDescription.sdp });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST ${target}: ${response.status} ${text}`);
  await pc.setRemoteDescription({ type: "answer", sdp: text });
  return new URL(response.headers.get("location"), target).toString();
}

async function waitConnected(pc, ms) {
  for (let i = 0; i < ms / 20 && pc.connectionState !== "connected"; i++) await sleep(20);
  return pc.connectionState;
}

async function whip() {
  const pc = new RTCPeerConnection({ codecs, bundlePolicy: "max-bundle", iceUseIpv6: false });
  const video = new MediaStreamTrack({ kind: "video" });
  const audio = new MediaStreamTrack({ kind: "audio" });
  pc.addTransceiver(video, { direction: "sendonly" });
  pc.addTransceiver(audio, { direction: "sendonly" });
  const location = await exchange(pc, url);
  const state = await waitConnected(pc, 5000);
  const sockets = [dgram.createSocket("udp4"), dgram.createSocket("udp4")];
  const counts = { video: 0, audio: 0 };
  sockets[0].on("message", m => { counts.video++; video.writeRtp(m); });
  sockets[1].on("message", m => { counts.audio++; audio.writeRtp(m); });
  await Promise.all(sockets.map(s => new Promise(r => s.bind(0, "127.0.0.1", r))));
  const [vp, ap] = sockets.map(s => s.address().port);
  const ffmpeg = spawn("ffmpeg", ["-hide_banner", "-loglevel", "error", "-re",
    "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
    "-t", String(seconds),
    "-map", "0:v", "-c:v", "libx264", "-profile:v", "baseline", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
    "-g", "30", "-bsf:v", "h264_mp4toannexb", "-payload_type", "102", "-ssrc", "1111", "-f", "rtp", `rtp://127.0.0.1:${vp}?pkt_size=1200`,
    "-map", "1:a", "-c:a", "libopus", "-ar", "48000", "-ac", "2", "-payload_type", "111", "-ssrc", "2222", "-f", "rtp", `rtp://127.0.0.1:${ap}`]);
  ffmpeg.stderr.on("data", d => process.stderr.write(d));
  await new Promise(r => ffmpeg.on("exit", r));
  await sleep(300);
  const deleted = (await fetch(location, { method: "DELETE" })).status;
  sockets.forEach(s => s.close());
  await pc.close();
  console.log(JSON.stringify({ location, state, sent: counts, deleted }));
}

async function whep() {
  const pc = new RTCPeerConnection({ codecs, bundlePolicy: "max-bundle", iceUseIpv6: false });
  pc.addTransceiver("video", { direction: "recvonly" });
  pc.addTransceiver("audio", { direction: "recvonly" });
  const counts = { video: 0, audio: 0, keyframes: 0, nalTypes: {} };
  pc.onTrack.subscribe(track => track.onReceiveRtp.subscribe(rtp => {
    counts[track.kind]++;
    if (track.kind === "video" && rtp.payload.length > 0) {
      let type = rtp.payload[0] & 0x1f;
      if (type === 28) type = rtp.payload[1] & 0x1f;       // FU-A: the fragmented unit's type
      if (type === 24) type = rtp.payload[3] & 0x1f;       // STAP-A: the first aggregated unit's type
      counts.nalTypes[type] = (counts.nalTypes[type] || 0) + 1;
      if (type === 5 || type === 7) counts.keyframes++;
    }
  }));
  const location = await exchange(pc, url);
  const state = await waitConnected(pc, 5000);
  await sleep(seconds * 1000);
  const deleted = (await fetch(location, { method: "DELETE" })).status;
  await pc.close();
  console.log(JSON.stringify({ location, state, received: counts, deleted }));
}

async function offer() {
  const pc = new RTCPeerConnection({ codecs, bundlePolicy: "max-bundle", iceUseIpv6: false });
  pc.addTransceiver(new MediaStreamTrack({ kind: "video" }), { direction: "sendonly" });
  pc.addTransceiver(new MediaStreamTrack({ kind: "audio" }), { direction: "sendonly" });
  await pc.setLocalDescription(await pc.createOffer());
  for (let i = 0; i < 50 && pc.iceGatheringState !== "complete"; i++) await sleep(20);
  console.log(pc.localDescription.sdp);
  await pc.close();
}

const run = { whip, whep, offer }[mode];
if (!run) { console.error("usage: node client.mjs offer|whip|whep <url> <seconds>"); process.exit(2); }
const watchdog = setTimeout(() => { console.error("werift client: timed out"); process.exit(3); }, (seconds + 20) * 1000);
run().then(() => { clearTimeout(watchdog); process.exit(0); }, e => { console.error(String(e && e.stack || e)); process.exit(1); });
