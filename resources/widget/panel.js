// The call panel: consent → queue → device preview → waiting → call → end.
// One state object; render() draws it. No cookies, no localStorage: only the tab's random
// session id in sessionStorage, so that a reload within the tab resumes the place in the queue.

import { Call } from './call.js';
import { LANGUAGES, browserLanguage, formatOpening, t } from './i18n.js';
import { Devices } from './media.js';
import { OfferPanel, offerErrorKey } from './offer.js';
import { Rating } from './rating.js';
import { VisitorSocket } from './socket.js';

const $ = (id) => document.getElementById(id);
const STEPS = ['consent', 'queue', 'preview', 'waiting', 'in_call', 'ended', 'closed', 'error'];
const widgetKey = decodeURIComponent(location.pathname.split('/')[2] || '');
const params = new URLSearchParams(location.search);
const embedded = params.get('embed') === '1';
const embeddingOrigin = embedded ? location.ancestorOrigins?.[0] || params.get('origin') : null;
const SESSION_KEY = `videoclerk.session.${widgetKey}`;
// A call hung up (by either side) needs no reason under "The call has ended".
const END_REASONS = {
  peer_lost: 'endedPeerLost',
  failed: 'endedFailed',
  unanswered: 'endedUnanswered',
};

const app = {
  lang: browserLanguage(),
  config: null,
  step: 'loading',
  consent: { recording: null, transcription: null },
  consentError: null, // the key of the message saying what is missing
  consentSaving: false, // a change was sent: "saved" shows when the server confirms it
  // What the server confirmed about recording (null until it accepted the join), and whether
  // a withdrawal is on its way. The indicator shows only what the server confirmed.
  recording: { confirmed: null, pending: false },
  stoppedRecording: false, // withdrew under `required`: the end that follows is theirs
  queueId: null,
  queueError: false,
  cameraOff: false,
  camera: true,
  devices: new Devices(),
  deviceNotice: null,
  socket: null,
  call: null,
  joinOnWelcome: false,
  resuming: false,
  reconnecting: false,
  callId: null,
  reference: null,
  clerkName: null,
  iceServers: [],
  iceTransportPolicy: 'all',
  position: null,
  status: null,
  waitingError: null,
  waitingRetry: null,
  endedHeading: 'endedHeading',
  endedReason: null,
  canRejoin: false,
  errorKey: 'errorGeneric',
  errorRetry: null,
};
window.videoclerkStats = { framesDecoded: 0 };

// The launcher on the host page turns this into a `videoclerk:offer-accepted` event. Sent to the
// embedding origin only: the lines are the visitor's business and that page's alone.
function announceAccepted(detail) {
  if (embeddingOrigin && window.parent !== window) {
    window.parent.postMessage({ type: 'videoclerk:offer-accepted', detail }, embeddingOrigin);
  }
}

const rating = new Rating({ widgetKey, onChange: () => render() });
rating.mount($('step-ended'));

const offer = new OfferPanel({
  send: (message) => app.socket?.send(message),
  onAccepted: announceAccepted,
  onChange: () => render(),
});

// ---- session id: random, per tab --------------------------------------------------------------

function newSessionId() {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function storedSession() {
  try {
    return sessionStorage.getItem(SESSION_KEY);
  } catch {
    return null; // storage blocked: the panel works, a reload just starts afresh
  }
}

function storeSession(id) {
  try {
    sessionStorage.setItem(SESSION_KEY, id);
  } catch {
    // as above
  }
}

function forgetSession() {
  try {
    sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // as above
  }
}

// ---- drawing ----------------------------------------------------------------------------------

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text; // live regions speak only changes
}

function applyStaticText() {
  document.documentElement.lang = app.lang;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    setText(element, t(app.lang, element.dataset.i18n));
  }
  for (const element of document.querySelectorAll('[data-i18n-label]')) {
    element.setAttribute('aria-label', t(app.lang, element.dataset.i18nLabel));
  }
  const other = LANGUAGES.find((lang) => lang !== app.lang);
  $('language').lang = other;
  setText($('language'), t(app.lang, 'otherLanguage'));
  $('language').hidden = false;
  $('minimise').hidden = !embedded;
}

function contrastingText(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b) > 0.4 ? '#111111' : '#ffffff';
}

function applyConfig() {
  const c = app.config;
  const root = document.documentElement.style;
  root.setProperty('--brand', c.brand_colour);
  root.setProperty('--on-brand', contrastingText(c.brand_colour));
  $('logo').hidden = !c.logo;
  if (c.logo) $('logo').src = c.logo;
  setText($('greeting'), c.greeting);
  $('privacy-link').href = c.privacy_notice_url;
  for (const suffix of ['', '-2']) {
    setText($(`recording-question${suffix}`), c.consent.recording);
    setText($(`transcription-question${suffix}`), c.consent.transcription);
  }
  const options = $('queue-options');
  options.replaceChildren(
    ...c.queues.map((queue) => {
      const label = document.createElement('label');
      const input = document.createElement('input');
      Object.assign(input, { type: 'radio', name: 'queue', value: queue.id });
      input.checked = queue.id === app.queueId || c.queues.length === 1;
      label.append(input, ` ${queue.name}`);
      return label;
    }),
  );
}

function waitLines() {
  if (!app.position) return [];
  const { position, estimated_wait_seconds: seconds } = app.position;
  const where = position <= 1 ? t(app.lang, 'positionNext') : t(app.lang, 'position', { position });
  return [where, waitText(seconds)];
}

// Minutes round up: the panel never promises a shorter wait than the server estimated.
function waitText(seconds) {
  if (seconds <= 0) return t(app.lang, 'waitAnyMoment');
  if (seconds < 60) return t(app.lang, 'waitShort');
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? t(app.lang, 'waitOneMinute') : t(app.lang, 'waitMinutes', { minutes });
}

function renderPosition() {
  const lines = waitLines();
  if ($('queue-position').textContent === lines.join('')) return;
  $('queue-position').replaceChildren(
    ...lines.map((line) => Object.assign(document.createElement('p'), { textContent: line })),
  );
}

function renderOptional(element, key, values) {
  element.hidden = !key;
  if (key) setText(element, t(app.lang, key, values));
}

function recordingMode() {
  return app.config?.recording_mode || 'offered';
}

function renderConsentStep() {
  const mode = recordingMode();
  $('recording-group').hidden = mode !== 'offered';
  $('recording-required').hidden = mode !== 'required';
  $('recording-live-group').hidden = mode !== 'offered';
  setText($('consent-intro'), t(app.lang, mode === 'offered' ? 'consentIntro' : 'consentIntroOne'));
  renderOptional($('consent-error'), app.consentError);
  const missing = {
    'recording-group': checkedValue('recording') === null,
    'recording-required': !$('recording-accept').checked,
    'transcription-group': checkedValue('transcription') === null,
  };
  for (const [id, unanswered] of Object.entries(missing)) {
    $(id).setAttribute('aria-invalid', String(Boolean(app.consentError) && unanswered));
  }
}

function renderRecording() {
  const { confirmed, pending } = app.recording;
  const shown = ['waiting', 'in_call'].includes(app.step) && confirmed !== null;
  $('recording-indicator').hidden = !shown;
  if (!shown) return;
  const key = pending ? 'recordingStopping' : confirmed ? 'recordingOn' : 'recordingOff';
  $('recording-indicator').dataset.recording = confirmed ? 'on' : 'off';
  setText($('recording-state'), t(app.lang, key));
  const endsCall = confirmed && recordingMode() === 'required';
  $('recording-ends-call').hidden = !endsCall;
  $('stop-recording').hidden = !confirmed;
  $('stop-recording').disabled = pending;
  if (endsCall) $('stop-recording').setAttribute('aria-describedby', 'recording-ends-call');
  else $('stop-recording').removeAttribute('aria-describedby');
}

function render() {
  const lang = app.lang;
  document.body.dataset.state = app.step;
  for (const step of STEPS) $(`step-${step}`).hidden = step !== app.step;
  $('privacy-choices').hidden = !['waiting', 'in_call'].includes(app.step);
  setText($('status'), app.status ? t(lang, app.status.key, app.status.values) : '');
  renderRecording();
  renderConsentStep();
  renderOptional($('queue-error'), app.queueError && 'queueMissing');

  renderOptional($('device-message'), app.deviceNotice);
  $('retry-devices').hidden = !['devicesDenied', 'noDevices', 'noCamera'].includes(app.deviceNotice);
  $('preview-off').hidden = Boolean(app.devices.videoTrack);
  $('camera-select').disabled = app.cameraOff || !app.devices.videoTrack;
  $('camera-off').checked = app.cameraOff;

  renderPosition();
  renderOptional($('waiting-error'), app.waitingError);
  renderOptional($('waiting-retry'), app.waitingRetry?.key);

  setText(
    $('call-heading'),
    app.clerkName ? t(lang, 'inCallWith', { name: app.clerkName }) : t(lang, 'inCallHeading'),
  );
  $('mute').setAttribute('aria-pressed', String(app.devices.audioTrack?.enabled === false));
  $('camera-toggle').setAttribute('aria-pressed', String(!app.devices.videoTrack));

  setText($('ended-heading'), t(lang, app.endedHeading));
  renderOptional($('ended-reason'), app.endedReason);
  renderOptional($('ended-reference'), app.reference && 'reference', { reference: app.reference });
  // P4: what the visitor does to have the call's data erased: ask the organisation, quoting it.
  renderOptional($('ended-erasure'), app.reference && 'referenceErasure');
  $('rejoin').hidden = !app.canRejoin;

  const opensAt = app.config?.opens_at;
  setText(
    $('opens-at'),
    opensAt ? t(lang, 'opensAt', { when: formatOpening(lang, opensAt) }) : t(lang, 'closedNoTime'),
  );
  setText($('error-message'), t(lang, app.errorKey));
  $('error-retry').hidden = !app.errorRetry;
  offer.render(lang, { visible: ['in_call', 'ended'].includes(app.step), interactive: app.step === 'in_call' });
  rating.render(lang, { visible: app.step === 'ended' });
}

function show(step) {
  const changed = step !== app.step;
  app.step = step;
  render();
  if (changed) $(`step-${step}`).querySelector('h1').focus();
}

function fail(key, retry) {
  app.errorKey = key;
  app.errorRetry = retry;
  show('error');
}

function loadFailed(error, retry) {
  if (error instanceof Unavailable) fail('errorUnavailable', null);
  else fail('errorLoad', retry);
}

function checkedValue(name) {
  const input = document.querySelector(`input[name="${name}"]:checked`);
  return input ? input.value : null;
}

function yesNo(name) {
  const value = checkedValue(name);
  return value === null ? null : value === 'yes';
}

function setRadio(name, value) {
  for (const input of document.querySelectorAll(`input[name="${name}"]`)) {
    input.checked = value !== null && input.value === (value ? 'yes' : 'no');
  }
}

// ---- configuration ----------------------------------------------------------------------------

// The company's account is closed (HTTP 410, socket close 4410): nothing to retry.
const GONE = 4410;
class Unavailable extends Error {}

async function loadConfig() {
  const url = `/w/${encodeURIComponent(widgetKey)}/config?lang=${app.lang}`;
  const response = await fetch(url, { credentials: 'omit', cache: 'no-store' });
  if (response.status === 410) throw new Unavailable('organisation_closed');
  if (!response.ok) throw new Error(`configuration: HTTP ${response.status}`);
  app.config = await response.json();
  applyConfig();
}

async function start() {
  applyStaticText();
  try {
    await loadConfig();
  } catch (error) {
    loadFailed(error, start);
    return;
  }
  const resumeId = storedSession();
  if (resumeId) {
    resume(resumeId);
    return;
  }
  show(app.config.is_open ? 'consent' : 'closed');
}

async function startOver() {
  offer.clear();
  rating.clear();
  Object.assign(app, { callId: null, reference: null, position: null, status: null, canRejoin: false });
  Object.assign(app, { waitingError: null, waitingRetry: null, clerkName: null });
  try {
    await loadConfig();
  } catch (error) {
    loadFailed(error, startOver);
    return;
  }
  show(app.config.is_open ? 'consent' : 'closed');
}

async function switchLanguage() {
  app.lang = LANGUAGES.find((lang) => lang !== app.lang);
  applyStaticText();
  try {
    await loadConfig();
  } catch {
    // keep the texts we have; the next step loads the configuration again
  }
  render();
}

// ---- devices ----------------------------------------------------------------------------------

const OUTCOME_NOTICES = { ok: null, 'no-camera': 'noCamera', denied: 'devicesDenied', 'no-devices': 'noDevices' };

function showPreview() {
  const video = app.devices.videoTrack;
  for (const id of ['preview', 'local']) $(id).srcObject = video ? new MediaStream([video]) : null;
}

async function fillPickers() {
  const found = await app.devices.list();
  const fill = (select, devices, current, fallback) => {
    select.replaceChildren(
      ...devices.map((device, index) => {
        const option = new Option(device.label || `${fallback} ${index + 1}`, device.deviceId);
        option.selected = device.deviceId === current;
        return option;
      }),
    );
  };
  fill($('camera-select'), found.cameras, found.camera, t(app.lang, 'camera'));
  fill($('microphone-select'), found.microphones, found.microphone, t(app.lang, 'microphone'));
  $('microphone-select').disabled = found.microphones.length === 0;
}

async function openDevices() {
  app.deviceNotice = 'startingDevices';
  render();
  const outcome = await app.devices.open({ camera: !app.cameraOff });
  app.deviceNotice = OUTCOME_NOTICES[outcome];
  showPreview();
  await fillPickers();
  render();
}

async function setCameraOff(off) {
  app.cameraOff = off;
  if (off) {
    app.devices.stopCamera();
  } else if (!(await app.devices.startCamera())) {
    app.deviceNotice = 'noCamera';
  }
  showPreview();
  render();
}

// ---- the visitor socket -----------------------------------------------------------------------

function socketUrl() {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/visitor`;
}

function connect(sessionId) {
  app.socket?.close();
  app.socket = new VisitorSocket({
    url: socketUrl(),
    hello: () => ({
      type: 'hello',
      protocol: 1,
      widget_key: widgetKey,
      session_id: sessionId,
      language: app.lang,
      embedding_origin: embeddingOrigin,
    }),
    onMessage: (message) => handle(message),
    onStatus: (status, code) => socketStatus(status, code),
  });
}

function sendJoin(extra = {}) {
  app.socket.send({
    type: 'join',
    queue_id: app.queueId,
    consent: app.consent,
    camera: app.camera,
    ...extra,
  });
}

function startCall() {
  app.camera = Boolean(app.devices.videoTrack);
  Object.assign(app, { recording: { confirmed: null, pending: false }, stoppedRecording: false });
  Object.assign(app, { waitingError: null, waitingRetry: null, position: null, joinOnWelcome: true });
  app.status = { key: 'connecting' };
  const sessionId = newSessionId();
  storeSession(sessionId);
  connect(sessionId);
  setRadio('recording-live', app.consent.recording);
  setRadio('transcription-live', app.consent.transcription);
  show('waiting');
}

function resume(sessionId) {
  app.resuming = true;
  app.status = { key: 'connecting' };
  connect(sessionId);
  show('waiting');
}

function endSession() {
  app.socket?.close();
  app.socket = null;
  forgetSession();
}

function welcome(message) {
  if (app.joinOnWelcome) {
    app.joinOnWelcome = false;
    sendJoin();
  } else if (app.resuming) {
    app.resuming = false;
    if (!message.resumed) {
      endSession();
      show(app.config.is_open ? 'consent' : 'closed');
      return;
    }
    app.status = null;
    app.devices.open({ camera: false }).then(render); // after a reload the camera stays off until asked for
  } else if (message.resumed) {
    app.status = app.reconnecting ? { key: 'reconnected' } : null;
  } else {
    lostPlace();
    return;
  }
  app.reconnecting = false;
  render();
}

function lostPlace() {
  app.call?.close();
  app.call = null;
  endSession();
  app.status = null;
  app.reconnecting = false;
  app.waitingError = 'connectionGone';
  app.waitingRetry = { key: 'joinAgain', action: startCall };
  app.position = null;
  show('waiting');
}

function socketStatus(status, code) {
  if (status === 'reconnecting') {
    app.reconnecting = true;
    app.status = { key: 'reconnecting' };
    render();
  } else if (status === 'gone') {
    lostPlace();
  } else if (status === 'refused' && code === 4429) {
    endSession();
    app.status = null;
    app.waitingError = 'rateLimited';
    app.waitingRetry = { key: 'tryAgain', action: startCall };
    show('waiting');
  } else if (status === 'refused' && code === GONE) {
    endSession();
    fail('errorUnavailable', null);
  } else {
    endSession();
    fail(status === 'refused' && code === 4403 ? 'errorRefused' : 'errorGeneric', startOver);
  }
}

function joinProblem(key) {
  app.status = null;
  app.waitingError = key;
  app.waitingRetry = { key: 'tryAgain', action: () => retryJoin() };
  render();
}

function retryJoin() {
  app.waitingError = null;
  app.waitingRetry = null;
  app.status = { key: 'connecting' };
  sendJoin();
  render();
}

const RECORDING_REFUSALS = ['recording_off', 'recording_required'];

async function refused(message) {
  const aboutJoin = message.in_reply_to === 'join';
  if (message.in_reply_to === 'consent') {
    // The change was not taken: show again what holds.
    Object.assign(app, { recording: { ...app.recording, pending: false }, stoppedRecording: false });
    app.consent = { ...app.consent, recording: Boolean(app.recording.confirmed) };
    setRadio('recording-live', app.consent.recording);
    app.consentSaving = false;
    app.status = null;
    render();
  } else if (aboutJoin && RECORDING_REFUSALS.includes(message.code)) {
    // The widget's recording mode changed since the panel loaded: ask again.
    endSession();
    app.devices.stop();
    await loadConfig().catch(() => undefined);
    Object.assign(app, { consent: { recording: null, transcription: null }, status: null });
    setRadio('recording', null);
    $('recording-accept').checked = false;
    show('consent');
  } else if (message.in_reply_to === 'offer_reply' || offerErrorKey(message.code)) {
    offer.refused(message.code);
    render();
  } else if (aboutJoin && message.code === 'queue_full') {
    joinProblem('queueFull');
  } else if (message.code === 'rate_limited') {
    if (aboutJoin) joinProblem('rateLimited');
    else app.status = { key: 'rateLimited' };
    render();
  } else if (aboutJoin && message.code === 'queue_closed') {
    endSession();
    app.devices.stop();
    await loadConfig().catch(() => undefined);
    show('closed');
  } else if (aboutJoin) {
    endSession();
    fail('errorGeneric', startOver);
  } else {
    console.warn('videoclerk: the server refused a message', message);
  }
}

// ---- the call ---------------------------------------------------------------------------------

function ensureCall() {
  app.call ||= new Call({
    configuration: () => ({ iceServers: app.iceServers, iceTransportPolicy: app.iceTransportPolicy }),
    send: (message) => app.socket?.send(message),
    remoteVideo: $('remote'),
    localTracks: () => ({ audio: app.devices.audioTrack, video: app.devices.videoTrack }),
  });
  return app.call;
}

function consentConfirmed(consent) {
  app.consent = { recording: consent.recording, transcription: consent.transcription };
  app.recording = { confirmed: consent.recording, pending: false };
  for (const name of ['recording', 'transcription']) {
    setRadio(`${name}-live`, consent[name]);
    setRadio(name, consent[name]);
  }
  if (app.consentSaving) app.status = { key: 'consentSaved' };
  app.consentSaving = false;
  render();
}

function assigned(message) {
  // Sent again when we come back to the call: then only the ICE servers are news, and the
  // clerk's restart offer will use them (a reconnect keeps its status line).
  const back = Boolean(app.call) && app.callId === message.call_id;
  Object.assign(app, {
    callId: message.call_id,
    reference: message.reference,
    clerkName: message.clerk_name || null,
    iceServers: message.ice_servers || [],
    iceTransportPolicy: message.ice_transport_policy || 'all',
    position: null,
  });
  if (!back) app.status = { key: 'connectingCall' };
  ensureCall();
  showPreview();
  show('in_call');
}

function finishCall(message) {
  app.call?.close();
  app.call = null;
  app.devices.stop();
  app.callId = message.call_id || app.callId;
  app.reference = message.reference || app.reference;
  app.canRejoin = Boolean(message.can_rejoin);
  app.endedHeading = 'endedHeading';
  app.endedReason = END_REASONS[message.reason] ?? null;
  if (app.stoppedRecording && message.reason === 'hangup') app.endedReason = 'endedRecordingStopped';
  app.stoppedRecording = false;
  app.status = null;
  // A call that reached the clerk may be rated, from this tab, before it forgets its session.
  if (app.step === 'in_call' && message.reason !== 'unanswered') {
    rating.offer({ callId: app.callId, sessionId: storedSession() });
  } else {
    rating.clear();
  }
  if (!app.canRejoin) endSession();
  show('ended');
}

async function handle(message) {
  switch (message.type) {
    case 'welcome':
      welcome(message);
      break;
    case 'queued':
      Object.assign(app, { callId: message.call_id, reference: message.reference });
      if (app.recording.confirmed === null) app.recording.confirmed = Boolean(app.consent.recording);
      if (app.status?.key === 'connecting') app.status = null;
    // falls through: a queued message carries the position too
    case 'position':
      app.position = { position: message.position, estimated_wait_seconds: message.estimated_wait_seconds };
      if (app.step !== 'waiting') show('waiting');
      else render();
      break;
    case 'assigned':
      assigned(message);
      break;
    case 'offer':
      if (app.step !== 'in_call') show('in_call');
      await ensureCall().answer(message).catch((error) => console.warn('videoclerk: answer failed', error));
      break;
    case 'candidate':
      await app.call?.candidate(message.candidate);
      break;
    case 'hangup':
      finishCall({ reason: 'hangup' });
      break;
    case 'ended':
      finishCall(message);
      break;
    case 'consent':
      consentConfirmed(message.consent);
      break;
    case 'peer_lost':
      app.status = { key: 'peerLost' };
      render();
      break;
    case 'peer_back':
      app.status = { key: 'peerBack' };
      render();
      break;
    case 'error':
      await refused(message);
      break;
    case 'offer_view':
      offer.update(message, app.lang);
      render();
      break;
    default:
      break;
  }
}

// ---- controls ---------------------------------------------------------------------------------

$('language').addEventListener('click', switchLanguage);
$('minimise').addEventListener('click', () => {
  window.parent.postMessage({ type: 'videoclerk:minimise' }, embeddingOrigin || '*');
});

// What the consent step's answer to recording is: the visitor's choice (`offered`), their
// acceptance of the announcement (`required`, null until accepted), or no (`off`: not asked).
function recordingAnswer() {
  const mode = recordingMode();
  if (mode === 'off') return false;
  if (mode === 'required') return $('recording-accept').checked ? true : null;
  return yesNo('recording');
}

$('consent-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const mode = recordingMode();
  const recording = recordingAnswer();
  const transcription = yesNo('transcription');
  if (recording === null || transcription === null) {
    if (recording === null && mode === 'required') app.consentError = 'recordingAcceptMissing';
    else app.consentError = mode === 'offered' ? 'consentMissing' : 'consentMissingOne';
    render();
    if (recording === null && mode === 'required') $('recording-accept').focus();
    else document.querySelector(`input[name="${recording === null ? 'recording' : 'transcription'}"]`).focus();
    return;
  }
  app.consent = { recording, transcription };
  app.consentError = null;
  show('queue');
});
$('consent-form').addEventListener('change', () => {
  if (app.consentError) render();
});

$('queue-form').addEventListener('submit', (event) => {
  event.preventDefault();
  app.queueId = checkedValue('queue');
  app.queueError = !app.queueId;
  if (app.queueError) {
    render();
    return;
  }
  show('preview');
  openDevices();
});
$('queue-back').addEventListener('click', () => show('consent'));

$('camera-select').addEventListener('change', (event) => {
  app.devices.cameraId = event.target.value;
  openDevices();
});
$('microphone-select').addEventListener('change', (event) => {
  app.devices.microphoneId = event.target.value;
  openDevices();
});
$('camera-off').addEventListener('change', (event) => setCameraOff(event.target.checked));
$('retry-devices').addEventListener('click', openDevices);
$('preview-back').addEventListener('click', () => {
  app.devices.stop();
  show('queue');
});
$('call').addEventListener('click', startCall);

$('waiting-retry').addEventListener('click', () => app.waitingRetry?.action());
$('leave').addEventListener('click', () => {
  app.socket?.leave();
  endSession();
  app.devices.stop();
  Object.assign(app, { endedHeading: 'leftHeading', endedReason: null, canRejoin: false, status: null });
  show('ended');
});

$('stop-recording').addEventListener('click', () => {
  app.consent = { ...app.consent, recording: false };
  app.recording = { ...app.recording, pending: true };
  app.stoppedRecording = recordingMode() === 'required';
  app.socket?.send({ type: 'consent', consent: app.consent });
  render();
});

$('privacy-choices').addEventListener('change', () => {
  const recording = recordingMode() === 'offered' ? yesNo('recording-live') : false;
  const transcription = yesNo('transcription-live');
  if (recording === null || transcription === null) return;
  app.consent = { recording, transcription };
  setRadio('recording', recording);
  setRadio('transcription', transcription);
  // "Saved" only once the server confirms it (consentConfirmed), never on sending alone.
  app.socket?.send({ type: 'consent', consent: app.consent });
  app.consentSaving = Boolean(app.socket);
  app.status = null;
  render();
});

$('mute').addEventListener('click', () => {
  const track = app.devices.audioTrack;
  if (track) track.enabled = !track.enabled;
  render();
});
$('camera-toggle').addEventListener('click', async () => {
  if (app.devices.videoTrack) {
    app.devices.stopCamera();
    await app.call?.replaceTrack('video', null);
  } else {
    const track = await app.devices.startCamera();
    if (track) await app.call?.replaceTrack('video', track);
    else app.status = { key: 'noCamera' };
  }
  showPreview();
  render();
});
$('hangup').addEventListener('click', () => {
  app.socket?.send({ type: 'hangup' });
  finishCall({ reason: 'hangup' });
});
$('remote').addEventListener('playing', () => {
  if (app.status?.key === 'connectingCall') {
    app.status = null;
    render();
  }
});

$('rejoin').addEventListener('click', async () => {
  const callId = app.callId;
  Object.assign(app, { canRejoin: false, position: null, status: { key: 'connecting' } });
  show('waiting');
  await app.devices.open({ camera: app.camera });
  showPreview();
  sendJoin({ rejoin_call_id: callId });
});
$('start-over').addEventListener('click', () => {
  endSession();
  startOver();
});
$('error-retry').addEventListener('click', () => app.errorRetry?.());

// A page that closes while waiting leaves the queue at once, rather than looking live to the
// clerks for the grace period. In a call the socket is left to drop: a reload resumes the call.
window.addEventListener('pagehide', () => {
  if (document.body.dataset.state === 'waiting') app.socket?.leave();
});

start();
