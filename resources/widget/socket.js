// The visitor socket (docs/protocol.md): hello first, keep-alive, and reconnecting with the
// same session id within the server's grace period when the network drops or the server
// restarts (close code 1012).

const PING_EVERY_MS = 20000;
const SILENCE_LIMIT_MS = 45000;
const RETRY_BASE_MS = 250;
const RETRY_CAP_MS = 4000;

/**
 * Exponential backoff with full jitter: after a restart a thousand visitors come back
 * spread over the whole interval instead of in the same millisecond.
 */
export function retryDelay(attempt, random = Math.random) {
  return Math.round(random() * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt));
}

export class VisitorSocket {
  /**
   * @param {object} options
   * @param {string} options.url  ws(s)://SERVER/ws/visitor
   * @param {() => object} options.hello  builds the hello message (sent on every connect)
   * @param {(message: object) => void} options.onMessage  every message but pong
   * @param {(status: string, detail?: number) => void} options.onStatus
   *   'reconnecting', 'gone' (grace period over), 'refused' (close code 4xxx) or 'failed'
   */
  constructor({ url, hello, onMessage, onStatus }) {
    Object.assign(this, { url, hello, onMessage, onStatus });
    this.ws = null;
    this.ready = false;
    this.lastHeard = 0;
    this.lastSent = 0;
    this.retry = 0;
    this.outbox = [];
    this.welcomed = false;
    this.graceSeconds = 0;
    this.lostAt = 0;
    this.attempt = 0;
    this.finished = false;
    this.timer = setInterval(() => this.#keepAlive(), 5000);
    this.onOnline = () => this.ws?.readyState === WebSocket.CLOSED && this.#connect();
    window.addEventListener('online', this.onOnline);
    this.#connect();
  }

  send(message) {
    if (this.ws?.readyState === WebSocket.OPEN && this.ready) {
      this.ws.send(JSON.stringify(message));
      this.lastSent = Date.now();
    } else {
      this.outbox.push(message);
    }
  }

  /** Leave on purpose: the server removes a waiting visitor at once (a clean close). */
  leave() {
    if (this.ws?.readyState === WebSocket.OPEN && this.ready) {
      this.ws.send(JSON.stringify({ type: 'leave' }));
    }
    this.close();
  }

  close() {
    this.finished = true;
    clearInterval(this.timer);
    clearTimeout(this.retry);
    window.removeEventListener('online', this.onOnline);
    this.ws?.close(1000);
  }

  #connect() {
    if (this.finished) return;
    clearTimeout(this.retry);
    this.ready = false;
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify(this.hello()));
      this.lastHeard = this.lastSent = Date.now();
    };
    ws.onmessage = (event) => this.#receive(ws, event);
    ws.onclose = (event) => this.#closed(ws, event);
  }

  #receive(ws, event) {
    this.lastHeard = Date.now();
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (message.type === 'pong') return;
    if (message.type === 'welcome') {
      this.welcomed = true;
      this.ready = true;
      this.lostAt = 0;
      this.attempt = 0;
      this.graceSeconds = message.grace_seconds;
    }
    this.onMessage(message);
    if (message.type === 'welcome') {
      for (const queued of this.outbox.splice(0)) this.send(queued);
    }
  }

  #closed(ws, event) {
    if (this.finished || ws !== this.ws) return;
    this.ready = false;
    if (event.code >= 4000 && event.code < 5000) {
      this.close();
      this.onStatus('refused', event.code);
      return;
    }
    if (!this.welcomed) {
      this.close();
      this.onStatus('failed');
      return;
    }
    this.#lost();
  }

  #lost() {
    const now = Date.now();
    this.lostAt ||= now;
    if (now - this.lostAt > this.graceSeconds * 1000) {
      this.close();
      this.onStatus('gone');
      return;
    }
    this.onStatus('reconnecting');
    const delay = retryDelay(this.attempt);
    this.attempt += 1;
    this.retry = setTimeout(() => this.#connect(), delay);
  }

  #keepAlive() {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN || !this.ready) return;
    const now = Date.now();
    if (now - this.lastHeard > SILENCE_LIMIT_MS) {
      // A silent socket on a dead network may take minutes to report its close: drop it now.
      ws.onclose = ws.onmessage = null;
      ws.close();
      this.ready = false;
      this.#lost();
      return;
    }
    if (now - this.lastSent > PING_EVERY_MS) this.send({ type: 'ping' });
  }
}
