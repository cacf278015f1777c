// werift as an independent WHIP publisher and WHEP player for plugins/WebRtc's tests.
//   node client.mjs offer                              print a WHIP offer (H.264 + Opus) and exit
//   node client.mjs whip <url> <seconds> [dropEvery]   publish ffmpeg's test pattern (H.264 baseline + Opus over RTP) for
//                                                      <seconds>; with dropEvery, the first transmission of every
//                                                      dropEvery-th video packet is not sent (a NACK gets it resent)
//   node client.mjs whep <url> <seconds> [file.h264]   play for <seconds>: depacketize the H.264 access units (written
//                                                      as Annex B to file.h264), count Opus packets, check the sender
//                                                      reports, send one PLI halfway and time the next keyframe
// The last line printed is a JSON summary; exit code 0 on success.
import { RTCPeerConnection, MediaStreamTrack, RTCRtpCodecParameters, dePacketizeRtpPackets } from "werift";
import { spawn } from "node:child_process";
import dgram from "node:dgram";
import fs from "node:fs";

const [mode, url, secondsText, extra] = process.argv.slice(2);
const seconds = Number(secondsText || "3");

const codecs = {
  video: [new RTCRtpCodecParameters({
    mimeType: "video/H264", clockRate: 90000, payloadType: 102,
    rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }, { type: "ccm", parameter: "fir" }],
    parameters: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
  })],
  audio: [new RTCRtpCodecParameters({ mimeType: "audio/opus", clockRate: 48000, channels: 2, payloadType: 111 })],
};

// Loopback only (tests never reach another address): werift leaves internal interfaces out when it gathers, so the
// loopback address is added, its sockets are bound to it and pairs from other host candidates are dropped. No STUN
// server (werift's default is Google's, unreachable here).
const config = {
  codecs, bundlePolicy: "max-bundle", iceServers: [], iceUseIpv6: false,
  iceInterfaceAddresses: { udp4: "127.0.0.1" }, iceAdditionalHostAddresses: ["127.0.0.1"],
  iceFilterCandidatePair: pair => pair.localCandidate.host === "127.0.0.1",
};

const sleep = ms => new Promise(r => setTimeout(r, ms));
const now = () => Date.now();
// RFC 3550 §4: NTP time (seconds since 1900) as a 64-bit fixed-point number → Unix milliseconds.
const ntpToUnixMs = ntp => Number(BigInt.asUintN(64, BigInt(ntp)) >> 32n) * 1000 - 2208988800000
  + Number(BigInt.asUintN(64, BigInt(ntp)) & 0xffffffffn) * 1000 / 4294967296;

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
  const dropEvery = Number(extra || "0");
  const pc = new RTCPeerConnection(config);
  const video = new MediaStreamTrack({ kind: "video" });
  const audio = new MediaStreamTrack({ kind: "audio" });
  const { sender } = pc.addTransceiver(video, { direction: "sendonly" });
  const audioSender = pc.addTransceiver(audio, { direction: "sendonly" }).sender;
  const feedback = { pli: 0, nack: 0, nackedPackets: 0, receiverReports: 0, audioReceiverReports: 0, dropped: 0, resent: 0 };
  sender.onPictureLossIndication.subscribe(() => feedback.pli++);
  sender.onGenericNack.subscribe(nack => { feedback.nack++; feedback.nackedPackets += nack.lost.length; });
  sender.onRtcp.subscribe(p => { if (p.type === 201 && p.reports.some(r => r.ssrc === sender.ssrc)) feedback.receiverReports++; });
  audioSender.onRtcp.subscribe(p => { if (p.type === 201 && p.reports.some(r => r.ssrc === audioSender.ssrc)) feedback.audioReceiverReports++; });
  const location = await exchange(pc, url);
  const state = await waitConnected(pc, 5000);

  if (dropEvery > 0) {
    // Loss after werift's retransmission cache: the first send of every dropEvery-th video packet goes nowhere.
    const transport = sender.dtlsTransport;
    const send = transport.sendRtp.bind(transport);
    const seen = new Set();
    transport.sendRtp = (payload, header) => {
      if (header.payloadType === 102 && header.sequenceNumber % dropEvery === 0) {
        if (!seen.has(header.sequenceNumber)) { seen.add(header.sequenceNumber); feedback.dropped++; return Promise.resolve(0); }
        feedback.resent++;
      }
      return send(payload, header);
    };
  }

  const sockets = [dgram.createSocket("udp4"), dgram.createSocket("udp4")];
  const counts = { video: 0, audio: 0 };
  sockets[0].on("message", m => { counts.video++; video.writeRtp(m); });
  sockets[1].on("message", m => { counts.audio++; audio.writeRtp(m); });
  await Promise.all(sockets.map(s => new Promise(r => s.bind(0, "127.0.0.1", r))));
  const [vp, ap] = sockets.map(s => s.address().port);
  const ffmpeg = spawn("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-re",
    // Both sources end after <seconds> (an output's -t would bound only the first output, and ffmpeg would not exit).
    "-f", "lavfi", "-i", `testsrc=size=320x240:rate=30:duration=${seconds}`,
    "-f", "lavfi", "-i", `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    "-map", "0:v", "-c:v", "libx264", "-profile:v", "baseline", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
    "-g", "30", "-bsf:v", "h264_mp4toannexb", "-payload_type", "102", "-ssrc", "1111", "-f", "rtp", `rtp://127.0.0.1:${vp}?pkt_size=1200`,
    "-map", "1:a", "-c:a", "libopus", "-ar", "48000", "-ac", "2", "-payload_type", "111", "-ssrc", "2222", "-f", "rtp", `rtp://127.0.0.1:${ap}`],
    { stdio: ["ignore", "ignore", "pipe"] });
  ffmpeg.stderr.on("data", d => process.stderr.write(d));
  const exitCode = await new Promise(r => ffmpeg.on("exit", r));
  await sleep(1500); // the last NACKs and receiver reports
  const deleted = (await fetch(location, { method: "DELETE" })).status;
  sockets.forEach(s => s.close());
  const rttSeconds = sender.rtt ?? null; // from our receiver reports' LSR/DLSR (RFC 3550 §6.4.1)
  await pc.close();
  console.log(JSON.stringify({ location, state, ffmpeg: exitCode, sent: counts, feedback, rttSeconds, deleted }));
}

async function whep() {
  const file = extra ? fs.openSync(extra, "w") : undefined;
  const pc = new RTCPeerConnection(config);
  const videoReceiver = pc.addTransceiver("video", { direction: "recvonly" }).receiver;
  const audioReceiver = pc.addTransceiver("audio", { direction: "recvonly" }).receiver;
  const counts = { video: 0, audio: 0, frames: 0, keyframes: 0, brokenFrames: 0 };
  const last = { video: undefined, audio: undefined };
  let unit = [];
  let lastSeq;
  let broken = false;
  let videoSsrc;
  let pliSentAt;
  let keyframeAfterPliMs = null;

  // Access units by marker bit (RFC 6184 §5.1); a sequence gap spoils the unit it falls in.
  const onVideo = rtp => {
    videoSsrc = rtp.header.ssrc;
    if (lastSeq !== undefined && ((lastSeq + 1) & 0xffff) !== rtp.header.sequenceNumber) broken = true;
    lastSeq = rtp.header.sequenceNumber;
    unit.push(rtp);
    if (!rtp.header.marker) return;
    const { data, isKeyframe } = dePacketizeRtpPackets("MPEG4/ISO/AVC", unit);
    unit = [];
    if (broken) { counts.brokenFrames++; broken = false; return; }
    counts.frames++;
    if (isKeyframe) {
      counts.keyframes++;
      if (pliSentAt !== undefined && keyframeAfterPliMs === null) keyframeAfterPliMs = now() - pliSentAt;
    }
    if (file !== undefined) fs.writeSync(file, data);
  };
  pc.onTrack.subscribe(track => track.onReceiveRtp.subscribe(rtp => {
    counts[track.kind]++;
    last[track.kind] = { at: now(), timestamp: rtp.header.timestamp, ssrc: rtp.header.ssrc, received: counts[track.kind] };
    if (track.kind === "video") onVideo(rtp);
  }));

  // Sender reports (RFC 3550 §6.4.1): NTP time near our clock, the RTP time near the newest packet's (both streams are
  // paced in real time), and counts no higher than what arrived plus what is in flight.
  const reports = { video: [], audio: [] };
  const onReport = kind => p => {
    if (p.type !== 200 || !last[kind] || p.ssrc !== last[kind].ssrc) return;
    const rate = kind === "video" ? 90000 : 48000;
    const arrived = now();
    const { senderInfo } = p;
    const rtpAhead = ((senderInfo.rtpTimestamp - last[kind].timestamp) | 0) / rate * 1000 - (arrived - last[kind].at);
    reports[kind].push({
      ntpSkewMs: Math.round(ntpToUnixMs(senderInfo.ntpTimestamp) - arrived),
      rtpSkewMs: Math.round(rtpAhead),
      packetCount: senderInfo.packetCount, received: last[kind].received, octetCount: senderInfo.octetCount,
    });
  };
  videoReceiver.onRtcp.subscribe(onReport("video"));
  audioReceiver.onRtcp.subscribe(onReport("audio"));

  const location = await exchange(pc, url);
  const state = await waitConnected(pc, 5000);
  await sleep(seconds * 500);
  if (videoSsrc !== undefined) {
    pliSentAt = now();
    await videoReceiver.sendRtcpPLI(videoSsrc);
  }
  await sleep(seconds * 500);
  const deleted = (await fetch(location, { method: "DELETE" })).status;
  await pc.close();
  if (file !== undefined) fs.closeSync(file);
  console.log(JSON.stringify({ location, state, received: counts, keyframeAfterPliMs, senderReports: reports, deleted }));
}

async function offer() {
  const pc = new RTCPeerConnection(config);
  pc.addTransceiver(new MediaStreamTrack({ kind: "video" }), { direction: "sendonly" });
  pc.addTransceiver(new MediaStreamTrack({ kind: "audio" }), { direction: "sendonly" });
  await pc.setLocalDescription(await pc.createOffer());
  for (let i = 0; i < 50 && pc.iceGatheringState !== "complete"; i++) await sleep(20);
  console.log(pc.localDescription.sdp);
  await pc.close();
}

const run = { whip, whep, offer }[mode];
if (!run) { console.error("usage: node client.mjs offer | whip <url> <seconds> [dropEvery] | whep <url> <seconds> [file.h264]"); process.exit(2); }
const watchdog = setTimeout(() => { console.error("werift client: timed out"); process.exit(3); }, (seconds + 20) * 1000);
run().then(() => { clearTimeout(watchdog); process.exit(0); }, e => { console.error(String(e && e.stack || e)); process.exit(1); });
