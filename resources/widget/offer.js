// The offer the clerk builds during the call (docs/offers.md), shown live in the panel.
// Each `offer_view` replaces what is shown, in place: the buttons and forms stay the same
// elements, so the visitor's focus and half-typed text survive an update.

import { t, timeLocale } from './i18n.js';

export const MESSAGE_LIMIT = 500;

const ERROR_KEYS = {
  offer_changed: 'offerChanged',
  offer_not_open: 'offerNotOpen',
  offer_expired: 'offerExpiredError',
  unknown_offer: 'offerUnknown',
};
const STATE_KEYS = {
  awaiting_approval: 'offerChecking',
  refused: 'offerChecking', // the clerk revises it; to the visitor it is still being checked
  declined: 'offerDeclined',
  expired: 'offerExpired',
};

const $ = (id) => document.getElementById(id);

/** The panel's text for a server `error` code about an offer reply, or null for other codes. */
export function offerErrorKey(code) {
  return ERROR_KEYS[code] || null;
}

/** Minor units as money in the panel's language, with the currency's own number of digits. */
export function money(lang, currency, minor) {
  const format = new Intl.NumberFormat(lang, { style: 'currency', currency });
  return format.format(minor / 10 ** format.resolvedOptions().maximumFractionDigits);
}

function percent(lang, value) {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(Number(value) / 100);
}

/** An ISO date (the offer's last valid day) as the visitor reads dates, without time zone shifts. */
export function formatDate(lang, iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(timeLocale(lang), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

function inLanguage(lang, texts) {
  return texts?.[lang] ?? texts?.en ?? Object.values(texts || {})[0] ?? '';
}

/** What the host page receives after acceptance (docs/widget.md, "After an accepted offer"). */
export function acceptedDetail(offer) {
  return {
    reference: offer.reference,
    currency: offer.currency,
    gross_minor: offer.gross_minor,
    lines: offer.lines.map((line) => ({
      sku: line.sku,
      options: Object.fromEntries(line.options.map((option) => [option.group_code, option.choice_code])),
      quantity: line.quantity,
      unit_minor: line.unit_minor,
      gross_minor: line.gross_minor,
    })),
  };
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function httpsOnly(url) {
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

export class OfferPanel {
  /**
   * @param {object} options
   * @param {(message: object) => void} options.send  sends an `offer_reply` on the visitor socket
   * @param {(detail: object) => void} options.onAccepted  once per accepted offer (its reference)
   * @param {() => void} options.onChange  the visitor did something: the panel draws itself again
   */
  constructor({ send, onAccepted, onChange }) {
    Object.assign(this, { send, onAccepted, onChange });
    this.shown = null; // the last offer_view message
    this.form = null; // 'decline' | 'change' | null
    this.sending = false;
    this.errorKey = null;
    this.changeMissing = false;
    this.noticeKey = null;
    this.announced = null;
    this.lang = 'en';
    this.#listen();
  }

  get offer() {
    return this.shown?.offer || null;
  }

  /** A new revision or status from the server. */
  update(message, lang) {
    this.lang = lang;
    const before = this.offer;
    this.shown = message;
    const offer = message.offer;
    if (!before || before.revision !== offer.revision || before.status !== offer.status) {
      this.sending = false;
      this.noticeKey = null;
      if (before && before.revision !== offer.revision) this.errorKey = null;
    }
    if (offer.status !== 'open') this.form = null;
    this.#announce();
    if (offer.status === 'accepted' && offer.reference && this.announced !== offer.reference) {
      this.announced = offer.reference;
      this.onAccepted(acceptedDetail(offer));
    }
  }

  /** The server refused our reply: say why; nothing changed on the server. */
  refused(code) {
    this.sending = false;
    this.errorKey = offerErrorKey(code) || (code === 'rate_limited' ? 'rateLimited' : 'errorGeneric');
  }

  clear() {
    this.shown = null;
    this.form = null;
    this.sending = false;
    this.errorKey = null;
    this.noticeKey = null;
    setText($('offer-live'), '');
  }

  /** Draw the offer; `interactive` while the call (and its socket) is on. */
  render(lang, { visible, interactive }) {
    this.lang = lang;
    const offer = this.offer;
    const section = $('offer');
    const hadFocus = section.contains(document.activeElement) ? document.activeElement : null;
    section.hidden = !(visible && offer);
    if (section.hidden) return;
    section.dataset.status = offer.status;
    section.dataset.revision = String(offer.revision);

    setText($('offer-from'), offer.organisation_name ? t(lang, 'offerFrom', { organisation: offer.organisation_name }) : '');
    $('offer-from').hidden = !offer.organisation_name;
    this.#lines(lang, offer);
    this.#totals(lang, offer);
    $('offer-note').hidden = !offer.note;
    setText($('offer-note-label'), offer.clerk_name ? t(lang, 'offerNote', { name: offer.clerk_name }) : t(lang, 'offerNoteNoName'));
    setText($('offer-note-text'), offer.note);
    setText($('offer-valid'), t(lang, 'offerValidUntil', { date: formatDate(lang, offer.valid_until) }));
    $('offer-valid').hidden = offer.status === 'accepted';

    const stateKey = this.sending ? 'offerSending' : STATE_KEYS[offer.status] || this.noticeKey;
    $('offer-state').hidden = !stateKey;
    if (stateKey) setText($('offer-state'), t(lang, stateKey));
    $('offer-error').hidden = !this.errorKey;
    if (this.errorKey) setText($('offer-error'), t(lang, this.errorKey));

    const open = offer.status === 'open' && interactive;
    $('offer-actions').hidden = !open;
    for (const id of ['offer-accept', 'offer-decline', 'offer-change']) {
      $(id).setAttribute('aria-disabled', String(this.sending));
    }
    $('offer-decline').setAttribute('aria-expanded', String(open && this.form === 'decline'));
    $('offer-change').setAttribute('aria-expanded', String(open && this.form === 'change'));
    $('offer-decline-form').hidden = !(open && this.form === 'decline');
    $('offer-change-form').hidden = !(open && this.form === 'change');
    $('offer-change-error').hidden = !this.changeMissing;
    if (this.changeMissing) setText($('offer-change-error'), t(lang, 'offerChangeMissing'));
    this.#counters(lang);
    this.#accepted(lang, offer);

    // An update that hid the focused control (say, the offer went to approval) must not drop
    // the keyboard user at the top of the page.
    if (hadFocus && !hadFocus.checkVisibility()) $('offer-heading').focus();
  }

  #announce() {
    const offer = this.offer;
    const lang = this.lang;
    let text = t(lang, 'offerUpdated', { total: money(lang, offer.currency, offer.gross_minor) });
    if (offer.status === 'accepted') text = t(lang, 'offerAcceptedReference', { reference: offer.reference });
    else if (STATE_KEYS[offer.status]) text += ` ${t(lang, STATE_KEYS[offer.status])}`;
    setText($('offer-live'), text);
  }

  #lines(lang, offer) {
    const money_ = (minor) => money(lang, offer.currency, minor);
    $('offer-lines').replaceChildren(
      ...offer.lines.map((line) => {
        const item = element('li', 'offer-line');
        const main = element('div', 'line-main');
        main.append(
          element('span', 'line-name', inLanguage(lang, line.name)),
          element('span', 'line-amount', money_(line.list_minor - line.discount_minor)),
        );
        item.append(main);
        if (line.options.length) {
          const options = line.options.map((o) => `${inLanguage(lang, o.group)}: ${inLanguage(lang, o.choice)}`);
          item.append(element('p', 'line-options', options.join(', ')));
        }
        const each = t(lang, 'offerQuantityPrice', { quantity: line.quantity, unit: money_(line.unit_minor) });
        item.append(element('p', 'line-detail', each));
        if (line.discount_minor > 0) {
          const amount = money_(-line.discount_minor);
          const own = line.discount?.kind === 'percent' && !offer.total_discount;
          const text = own
            ? t(lang, 'offerLineDiscountPercent', { percent: percent(lang, line.discount.value), amount })
            : t(lang, 'offerLineDiscount', { amount });
          item.append(element('p', 'line-discount', text));
        }
        return item;
      }),
    );
  }

  #totals(lang, offer) {
    const money_ = (minor) => money(lang, offer.currency, minor);
    const rows = [];
    if (offer.discount_minor > 0) {
      rows.push([t(lang, 'offerBeforeDiscount'), money_(offer.list_gross_minor)]);
      rows.push([t(lang, 'offerDiscount', { percent: percent(lang, offer.discount_percent) }), money_(-offer.discount_minor)]);
    }
    rows.push([t(lang, 'offerNet'), money_(offer.net_minor)]);
    for (const subtotal of offer.vat_subtotals) {
      rows.push([t(lang, 'offerVat', { rate: percent(lang, subtotal.rate) }), money_(subtotal.vat_minor)]);
    }
    rows.push([t(lang, 'offerTotal'), money_(offer.gross_minor), 'offer-total']);
    $('offer-totals').replaceChildren(
      ...rows.map(([label, amount, className]) => {
        const row = element('div', className);
        row.append(element('dt', '', label), element('dd', '', amount));
        return row;
      }),
    );
  }

  #counters(lang) {
    for (const name of ['decline', 'change']) {
      const count = MESSAGE_LIMIT - $(`offer-${name}-message`).value.length;
      setText($(`offer-${name}-count`), t(lang, 'offerCharactersLeft', { count, limit: MESSAGE_LIMIT }));
    }
  }

  #accepted(lang, offer) {
    const accepted = offer.status === 'accepted';
    $('offer-accepted').hidden = !accepted;
    if (!accepted) return;
    setText($('offer-reference'), t(lang, 'offerAcceptedReference', { reference: offer.reference }));
    const checkout = httpsOnly(this.shown.checkout_url);
    $('offer-checkout').hidden = !checkout;
    if (checkout) $('offer-checkout').href = checkout;
    $('offer-pdf').hidden = !this.shown.pdf_url;
    if (this.shown.pdf_url) {
      const pdf = new URL(this.shown.pdf_url, location.href);
      pdf.searchParams.set('language', lang);
      $('offer-pdf').href = pdf.href;
    }
  }

  #reply(answer, extra = {}) {
    const offer = this.offer;
    if (!offer || this.sending || offer.status !== 'open') return;
    this.sending = answer !== 'change'; // a change request gets no answer; the next revision comes
    this.errorKey = null;
    this.send({ type: 'offer_reply', offer_id: offer.offer_id, revision: offer.revision, answer, ...extra });
  }

  #toggle(form) {
    if (this.sending) return;
    this.form = this.form === form ? null : form;
    this.changeMissing = false;
    this.onChange();
    if (this.form) $(`offer-${form}-form`).querySelector('input, textarea').focus();
  }

  #close(form) {
    this.form = null;
    this.changeMissing = false;
    this.onChange();
    $(`offer-${form}`).focus();
  }

  #listen() {
    $('offer-accept').addEventListener('click', () => {
      this.#reply('accept');
      this.onChange();
    });
    $('offer-decline').addEventListener('click', () => this.#toggle('decline'));
    $('offer-change').addEventListener('click', () => this.#toggle('change'));
    for (const name of ['decline', 'change']) {
      const form = $(`offer-${name}-form`);
      form.querySelector('[data-offer-cancel]').addEventListener('click', () => this.#close(name));
      form.addEventListener('input', () => this.#counters(this.lang));
      form.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') this.#close(name);
      });
    }
    $('offer-decline-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const reason = document.querySelector('input[name="offer-reason"]:checked')?.value || null;
      const message = $('offer-decline-message').value.trim().slice(0, MESSAGE_LIMIT);
      this.#reply('decline', { reason, message });
      event.target.reset(); // a later revision starts with an empty form
      this.form = null;
      this.onChange();
      $('offer-heading').focus();
    });
    $('offer-change-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const message = $('offer-change-message').value.trim().slice(0, MESSAGE_LIMIT);
      this.changeMissing = !message;
      if (message) {
        this.#reply('change', { message });
        $('offer-change-message').value = '';
        this.form = null;
        this.noticeKey = 'offerChangeSent';
      }
      this.onChange();
      if (message) $('offer-change').focus();
      else $('offer-change-message').focus();
    });
    $('offer-print').addEventListener('click', () => window.print());
  }
}
