// The visitor's camera and microphone: open, switch, turn the camera off and on, list devices.

/** Outcome of opening devices: 'ok', 'no-camera' (sound only), 'denied' or 'no-devices'. */
export class Devices {
  constructor() {
    this.stream = new MediaStream();
    this.cameraId = '';
    this.microphoneId = '';
  }

  get videoTrack() {
    return this.stream.getVideoTracks()[0] || null;
  }

  get audioTrack() {
    return this.stream.getAudioTracks()[0] || null;
  }

  async open({ camera }) {
    this.stop();
    if (!navigator.mediaDevices?.getUserMedia) return 'no-devices';
    const audio = this.microphoneId ? { deviceId: { exact: this.microphoneId } } : true;
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio, video: camera && this.#video() });
      return 'ok';
    } catch (error) {
      if (isDenied(error)) return 'denied';
      if (!camera) return 'no-devices';
    }
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio });
      return 'no-camera';
    } catch (error) {
      return isDenied(error) ? 'denied' : 'no-devices';
    }
  }

  /** Start the camera alone (after it was off); the new track, or null when that fails. */
  async startCamera() {
    this.stopCamera();
    try {
      const got = await navigator.mediaDevices.getUserMedia({ video: this.#video() });
      const track = got.getVideoTracks()[0];
      this.stream.addTrack(track);
      return track;
    } catch {
      return null;
    }
  }

  /** Stop the camera so its light goes off; the microphone keeps running. */
  stopCamera() {
    for (const track of this.stream.getVideoTracks()) {
      track.stop();
      this.stream.removeTrack(track);
    }
  }

  stop() {
    for (const track of this.stream.getTracks()) track.stop();
    this.stream = new MediaStream();
  }

  /** Cameras and microphones with the ones in use marked; labels appear once access is granted. */
  async list() {
    const all = navigator.mediaDevices?.enumerateDevices ? await navigator.mediaDevices.enumerateDevices() : [];
    const inUse = (track) => track?.getSettings().deviceId || '';
    return {
      cameras: all.filter((d) => d.kind === 'videoinput' && d.deviceId),
      microphones: all.filter((d) => d.kind === 'audioinput' && d.deviceId),
      camera: inUse(this.videoTrack) || this.cameraId,
      microphone: inUse(this.audioTrack) || this.microphoneId,
    };
  }

  #video() {
    const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
    return this.cameraId ? { ...size, deviceId: { exact: this.cameraId } } : size;
  }
}

function isDenied(error) {
  return error?.name === 'NotAllowedError' || error?.name === 'SecurityError';
}
