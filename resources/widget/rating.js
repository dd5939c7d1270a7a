// The optional rating on the end screen (docs/widget.md, "Rating the call"): "How was your
// call?" from 1 to 5 and a comment, posted once for the call that just ended, from the tab
// that had it. Nothing is sent unless the visitor presses Send, and never a comment that
// seems to hold an e-mail address or a phone number (the server refuses those too).

import { t } from './i18n.js';

export const COMMENT_LIMIT = 500;
const SCORES = [1, 2, 3, 4, 5];

// The same patterns as the server's (server/contact_text.py).
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]{2,}/;
const PHONE = /\+?\(?\d[\d\s().\-/]{5,}\d/g;
const PHONE_DIGITS = 8;

/** Whether the text seems to hold an e-mail address or a phone number (8 digits or more in one run). */
export function looksLikeContact(text) {
  if (EMAIL.test(text)) return true;
  return [...text.matchAll(PHONE)].some((found) => found[0].replace(/\D/g, '').length >= PHONE_DIGITS);
}

const ERROR_KEYS = {
  comment_has_contact_details: 'ratingContact',
  rating_closed: 'ratingClosed',
  rate_limited: 'rateLimited',
};

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

// The form, made here so that the end screen's own markup stays as it is.
function buildForm() {
  const options = SCORES.map((score) =>
    element('label', { class: 'rating-option' }, [
      element('input', { type: 'radio', name: 'rating-score', value: String(score) }),
      element('span', { class: 'rating-number' }, [String(score)]),
      element('span', { class: 'rating-word', 'data-rating-text': `ratingScore${score}` }),
    ]),
  );
  return element('form', { id: 'rating', class: 'rating', novalidate: '', hidden: '' }, [
    element('fieldset', { class: 'choice rating-scale', 'aria-describedby': 'rating-error' }, [
      element('legend', { id: 'rating-legend', 'data-rating-text': 'ratingHeading' }),
      element('div', { class: 'rating-options' }, options),
    ]),
    element('label', { for: 'rating-comment', 'data-rating-text': 'ratingComment' }),
    element('p', { id: 'rating-privacy', class: 'hint', 'data-rating-text': 'ratingNoPersonalData' }),
    element('textarea', {
      id: 'rating-comment',
      rows: '3',
      maxlength: String(COMMENT_LIMIT),
      'aria-describedby': 'rating-privacy rating-count',
    }),
    element('p', { id: 'rating-count', class: 'hint counter' }),
    element('p', { id: 'rating-error', class: 'error', role: 'alert', hidden: '' }),
    element('div', { class: 'actions' }, [
      element('button', { id: 'rating-send', class: 'primary', type: 'submit', 'data-rating-text': 'ratingSend' }),
      element('button', { id: 'rating-skip', type: 'button', 'data-rating-text': 'ratingSkip' }),
    ]),
  ]);
}

export class Rating {
  /** `widgetKey` names the organisation; `onChange` redraws the panel. */
  constructor({ widgetKey, onChange }) {
    this.widgetKey = widgetKey;
    this.onChange = onChange;
    this.form = buildForm();
    this.done = element('p', { id: 'rating-done', class: 'notice', role: 'status', tabindex: '-1', hidden: '' });
    this.lang = 'en';
    this.clear();
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    this.form.querySelector('#rating-skip').addEventListener('click', () => this.skip());
    this.form.addEventListener('input', () => {
      if (this.state === 'asking') this.errorKey = null; // what was wrong is being corrected
      this.render(this.lang);
    });
  }

  /** Put the form into the end screen, before its buttons. */
  mount(section) {
    section.insertBefore(this.done, section.querySelector('.actions'));
    section.insertBefore(this.form, this.done);
  }

  /** Ask about the call that just ended (the tab's session id proves it had the call). */
  offer({ callId, sessionId }) {
    this.clear();
    if (callId && sessionId) this.call = { callId, sessionId };
    this.state = this.call ? 'asking' : 'none';
  }

  clear() {
    this.call = null;
    this.state = 'none'; // none | asking | sending | sent | skipped
    this.errorKey = null;
    this.form.reset();
  }

  score() {
    const checked = this.form.querySelector('input[name="rating-score"]:checked');
    return checked ? Number(checked.value) : null;
  }

  async send() {
    if (this.state !== 'asking') return;
    const score = this.score();
    const comment = this.form.querySelector('#rating-comment').value.trim();
    if (score === null) return this.refuse('ratingMissing', 'input[name="rating-score"]');
    if (looksLikeContact(comment)) return this.refuse('ratingContact', '#rating-comment');
    this.state = 'sending';
    this.errorKey = null;
    this.onChange();
    const body = { call_id: this.call.callId, session_id: this.call.sessionId, score, comment: comment || null };
    let code = null;
    try {
      const response = await fetch(`/w/${encodeURIComponent(this.widgetKey)}/rating`, {
        method: 'POST',
        credentials: 'omit',
        cache: 'no-store',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) code = (await response.json().catch(() => ({}))).code || 'failed';
    } catch {
      code = 'failed';
    }
    if (code === null || code === 'already_rated') {
      this.state = 'sent';
      this.onChange();
      this.done.focus();
    } else {
      this.state = code === 'rating_closed' ? 'closed' : 'asking';
      this.refuse(ERROR_KEYS[code] || 'ratingFailed', code === 'comment_has_contact_details' ? '#rating-comment' : null);
    }
  }

  refuse(key, focus) {
    this.errorKey = key;
    this.onChange();
    if (focus) this.form.querySelector(focus).focus();
  }

  skip() {
    this.state = 'skipped';
    this.onChange();
    document.getElementById('ended-heading')?.focus();
  }

  render(lang, { visible = true } = {}) {
    this.lang = lang;
    const asking = visible && ['asking', 'sending', 'closed'].includes(this.state);
    this.form.hidden = !asking;
    for (const node of this.form.querySelectorAll('[data-rating-text]')) {
      const text = t(lang, node.dataset.ratingText);
      if (node.textContent !== text) node.textContent = text;
    }
    const left = COMMENT_LIMIT - this.form.querySelector('#rating-comment').value.length;
    this.form.querySelector('#rating-count').textContent = t(lang, 'offerCharactersLeft', {
      count: left,
      limit: COMMENT_LIMIT,
    });
    const error = this.form.querySelector('#rating-error');
    error.hidden = !this.errorKey;
    const message = this.errorKey ? t(lang, this.errorKey) : '';
    if (error.textContent !== message) error.textContent = message;
    const busy = this.state !== 'asking';
    for (const control of this.form.querySelectorAll('input, textarea, button')) control.disabled = busy;
    this.form.querySelector('#rating-skip').disabled = this.state === 'sending';
    this.done.hidden = !(visible && this.state === 'sent');
    this.done.textContent = t(lang, 'ratingThanks');
  }
}
