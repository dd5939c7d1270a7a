// The visitor's side of a call: the clerk offers, we answer (docs/protocol.md, Signalling).
// A restart offer replaces the peer connection with a fresh one.

const STATS_EVERY_MS = 500;

export class Call {
  /**
   * @param {object} options
   * @param {() => RTCConfiguration} options.configuration  ICE servers and transport policy from
   *   the server's latest `assigned` message, read for each fresh peer connection
   * @param {(message: object) => void} options.send
   * @param {HTMLVideoElement} options.remoteVideo
   * @param {() => {audio: MediaStreamTrack|null, video: MediaStreamTrack|null}} options.localTracks
   */
  constructor({ configuration, send, remoteVideo, localTracks }) {
    Object.assign(this, { configuration, send, remoteVideo, localTracks });
    this.pc = null;
    this.pending = [];
    window.videoclerkStats = { framesDecoded: 0 };
    this.statsTimer = setInterval(() => this.#stats(), STATS_EVERY_MS);
  }

  async answer({ sdp, restart }) {
    if (restart || !this.pc) this.#fresh();
    const pc = this.pc;
    await pc.setRemoteDescription({ type: 'offer', sdp });
    const tracks = this.localTracks();
    for (const transceiver of pc.getTransceivers()) {
      const kind = transceiver.receiver.track.kind;
      transceiver.direction = 'sendrecv';
      await transceiver.sender.replaceTrack(tracks[kind] || null);
    }
    for (const candidate of this.pending.splice(0)) await this.#add(candidate);
    await pc.setLocalDescription(await pc.createAnswer());
    this.send({ type: 'answer', sdp: pc.localDescription.sdp });
  }

  async candidate(candidate) {
    if (!this.pc?.remoteDescription) {
      this.pending.push(candidate);
      return;
    }
    await this.#add(candidate);
  }

  /** Send a different track of one kind (camera back on, or null for off) without renegotiating. */
  async replaceTrack(kind, track) {
    for (const transceiver of this.pc?.getTransceivers() || []) {
      if (transceiver.receiver.track.kind === kind) await transceiver.sender.replaceTrack(track);
    }
  }

  close() {
    clearInterval(this.statsTimer);
    this.pc?.close();
    this.pc = null;
    this.remoteVideo.srcObject = null;
  }

  #fresh() {
    this.pc?.close();
    this.pending = [];
    const pc = new RTCPeerConnection(this.configuration());
    const remote = new MediaStream();
    this.remoteVideo.srcObject = remote;
    pc.ontrack = (event) => remote.addTrack(event.track);
    pc.onicecandidate = (event) => {
      const c = event.candidate;
      this.send({
        type: 'candidate',
        candidate: c ? { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex } : null,
      });
    };
    this.pc = pc;
  }

  async #add(candidate) {
    try {
      await this.pc.addIceCandidate(candidate || undefined);
    } catch (error) {
      console.warn('videoclerk: ICE candidate refused', error);
    }
  }

  async #stats() {
    if (!this.pc) return;
    const report = await this.pc.getStats();
    const stats = { framesDecoded: 0, frameWidth: 0, frameHeight: 0, audioEnergy: 0, localCandidateType: null };
    report.forEach((entry) => {
      if (entry.type === 'transport' && entry.selectedCandidatePairId) {
        // Which way the media goes: 'relay' when it passes through the TURN server.
        const pair = report.get(entry.selectedCandidatePairId);
        stats.localCandidateType = report.get(pair?.localCandidateId)?.candidateType || null;
      } else if (entry.type === 'inbound-rtp' && entry.kind === 'video') {
        stats.framesDecoded = entry.framesDecoded || 0;
        stats.frameWidth = entry.frameWidth || 0;
        stats.frameHeight = entry.frameHeight || 0;
      } else if (entry.type === 'inbound-rtp' && entry.kind === 'audio') {
        stats.audioEnergy = entry.totalAudioEnergy || 0;
      }
    });
    window.videoclerkStats = stats;
  }
}
