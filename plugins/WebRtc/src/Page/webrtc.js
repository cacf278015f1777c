// The gateway's WebRTC page: publish the camera over WHIP, play the output over WHEP, show the stream's status.
// Plain browser JavaScript, no dependencies. window.lp exposes the actions (the browser tests drive them).
(() => {
  'use strict';
  const base = '/webrtc/';
  const path = location.pathname.startsWith(base) ? decodeURIComponent(location.pathname.slice(base.length)) : '';
  const $ = id => document.getElementById(id);

  function waitForIce(pc, ms) {
    if (pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise(resolve => {
      const done = () => { if (pc.iceGatheringState === 'complete') { pc.removeEventListener('icegatheringstatechange', done); resolve(); } };
      pc.addEventListener('icegatheringstatechange', done);
      setTimeout(resolve, ms);
    });
  }

  async function exchange(pc, url) {
    await pc.setLocalDescription(await pc.createOffer());
    await waitForIce(pc, 2000);
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`${url}: ${response.status} ${text}`);
    await pc.setRemoteDescription({ type: 'answer', sdp: text });
    return new URL(response.headers.get('Location'), location.href).toString();
  }

  const lp = {
    stream: path,
    publisher: null,
    publisherUrl: null,
    player: null,
    playerUrl: null,
    frames: 0,

    async publish(name) {
      name = name || lp.stream;
      await lp.unpublish();
      const media = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 }, audio: true });
      const pc = new RTCPeerConnection();
      media.getTracks().forEach(t => pc.addTransceiver(t, { direction: 'sendonly', streams: [media] }));
      lp.publisher = pc;
      if ($('local')) $('local').srcObject = media;
      lp.publisherUrl = await exchange(pc, `/whip/${encodeURIComponent(name)}`);
      return lp.publisherUrl;
    },

    async unpublish() {
      if (!lp.publisher) return;
      const pc = lp.publisher, url = lp.publisherUrl;
      lp.publisher = null; lp.publisherUrl = null;
      pc.getSenders().forEach(s => s.track && s.track.stop());
      pc.close();
      if (url) await fetch(url, { method: 'DELETE' }).catch(() => {});
    },

    async play(name) {
      name = name || lp.stream;
      await lp.unplay();
      const pc = new RTCPeerConnection();
      pc.addTransceiver('video', { direction: 'recvonly' });
      pc.addTransceiver('audio', { direction: 'recvonly' });
      const remote = new MediaStream();
      pc.ontrack = e => { remote.addTrack(e.track); if ($('remote')) $('remote').srcObject = remote; };
      lp.player = pc;
      lp.playerUrl = await exchange(pc, `/whep/${encodeURIComponent(name)}`);
      return lp.playerUrl;
    },

    async unplay() {
      if (!lp.player) return;
      const pc = lp.player, url = lp.playerUrl;
      lp.player = null; lp.playerUrl = null;
      pc.close();
      if (url) await fetch(url, { method: 'DELETE' }).catch(() => {});
    },

    // Inbound RTP counters of the player (getStats): what the browser tests check.
    async playerStats() {
      const result = { framesDecoded: 0, keyFramesDecoded: 0, framesDropped: 0, videoPackets: 0, audioPackets: 0, pliCount: 0, decoderImplementation: '', connection: lp.player ? lp.player.connectionState : 'none' };
      if (!lp.player) return result;
      (await lp.player.getStats()).forEach(r => {
        if (r.type !== 'inbound-rtp') return;
        if (r.kind === 'video') {
          result.framesDecoded = r.framesDecoded || 0; result.keyFramesDecoded = r.keyFramesDecoded || 0;
          result.framesDropped = r.framesDropped || 0; result.videoPackets = r.packetsReceived || 0;
          result.pliCount = r.pliCount || 0; result.decoderImplementation = r.decoderImplementation || '';
        } else if (r.kind === 'audio') {
          result.audioPackets = r.packetsReceived || 0;
        }
      });
      return result;
    },

    async publisherStats() {
      const result = { videoPacketsSent: 0, audioPacketsSent: 0, connection: lp.publisher ? lp.publisher.connectionState : 'none' };
      if (!lp.publisher) return result;
      (await lp.publisher.getStats()).forEach(r => {
        if (r.type === 'outbound-rtp') result[r.kind === 'video' ? 'videoPacketsSent' : 'audioPacketsSent'] = r.packetsSent || 0;
      });
      return result;
    },
  };
  window.lp = lp;

  function fail(e) { if ($('error')) $('error').textContent = String(e && e.message || e); }

  async function refresh() {
    try {
      const r = await fetch(`${base}status/${encodeURIComponent(lp.stream)}`);
      const status = await r.json();
      const player = await lp.playerStats();
      $('status').textContent = JSON.stringify({ server: status, player }, null, 2);
      $('state').textContent = `publisher: ${lp.publisher ? lp.publisher.connectionState : 'off'}, player: ${player.connection}, frames decoded: ${player.framesDecoded}`;
    } catch (e) { fail(e); }
  }

  async function listStreams() {
    try {
      const r = await fetch(`${base}status`);
      const status = await r.json();
      const list = $('streams');
      list.textContent = '';
      for (const s of status.streams) {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = base + encodeURIComponent(s.stream);
        a.textContent = `${s.stream} (${s.protocol})`;
        li.appendChild(a);
        list.appendChild(li);
      }
    } catch (e) { /* next round */ }
  }

  if (!lp.stream) {
    $('index').hidden = false;
    $('open').addEventListener('submit', e => { e.preventDefault(); location.href = base + encodeURIComponent($('name').value); });
    listStreams(); setInterval(listStreams, 2000);
  } else {
    $('stream').hidden = false;
    $('title').textContent = `Stream ${lp.stream}`;
    $('publish').onclick = () => lp.publish().catch(fail);
    $('unpublish').onclick = () => lp.unpublish().catch(fail);
    $('play').onclick = () => lp.play().catch(fail);
    $('unplay').onclick = () => lp.unplay().catch(fail);
    refresh(); setInterval(refresh, 1000);
  }
})();
