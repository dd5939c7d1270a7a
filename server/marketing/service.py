"""Marketing mail and service notices (P13): who gets them, and the one-click way out.

Marketing is opt-in per user. Whether a user still wants it is checked twice: when the
operator's mailing is queued, and again just before each mail is handed over (`preparer`),
so an unsubscribe, a restriction or a deactivation also stops mail already in the outbox.
Service notices go to every active user, whatever they chose.
"""

from __future__ import annotations

from typing import Literal

from server.accounts import service as accounts
from server.config import Settings
from server.datarequests.restrictions import is_restricted
from server.mail import outbox
from server.mail.models import QueuedMail
from server.marketing import rules
from server.sealing import Signer
from server.sql import Database

MailingKind = Literal["service", "marketing"]


class Links:
    """Unsubscribe links: the user id and a MAC over it, so they need no database row and
    cannot be guessed or turned against another user."""

    def __init__(self, settings: Settings) -> None:
        self._signer = Signer(settings.mail_links_keyset_path)
        self._base = settings.base_url

    def token(self, user_id: str) -> str:
        return rules.make_token(user_id, self._signer.sign(rules.token_data(user_id)))

    def url(self, user_id: str) -> str:
        return f"{self._base}/mail/unsubscribe/{self.token(user_id)}"

    def user_of(self, token: str) -> str | None:
        """The user a token was made for; None when it is not one of ours."""
        parts = rules.split_token(token)
        if parts is None:
            return None
        user_id, tag = parts
        return user_id if self._signer.verify(tag, rules.token_data(user_id)) else None


def _still_wanted(db: Database, user_id: str | None) -> bool:
    choice = accounts.marketing_choice(db, user_id=user_id) if user_id else None
    if choice is None:
        return False
    restricted = is_restricted(
        db, organisation_id=choice.organisation_id, user_id=user_id, purpose="marketing"
    )
    return rules.wants_marketing(opted_in=choice.opted_in, restricted=restricted)


def preparer(links: Links) -> outbox.Prepare:
    """The outbox's last step: footers, and for marketing the RFC 8058 one-click headers."""

    def prepare(
        db: Database, settings: Settings, mail: QueuedMail, body: str
    ) -> outbox.Prepared | None:
        kind = mail.kind
        if kind == "account":
            return body, {}
        if kind == "service":
            return body + rules.footer("service", None), {}
        if mail.user_id is None or not _still_wanted(db, mail.user_id):
            return None
        url = links.url(mail.user_id)
        headers = {
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        return body + rules.footer("marketing", url), headers

    return prepare


def send_mailing(
    db: Database,
    *,
    kind: MailingKind,
    subject: str,
    body: str,
    audience: rules.Audience = "everyone",
    dry_run: bool = False,
) -> int:
    """Queue one mail per recipient (the operator's command); how many were (or would be)."""
    count = 0
    with db.atomic():
        for person in accounts.mail_recipients(db):
            if audience == "accepted_a_policy" and not person.accepted_a_policy:
                continue
            if kind == "marketing" and not rules.wants_marketing(
                opted_in=person.marketing_opt_in,
                restricted=is_restricted(
                    db,
                    organisation_id=person.organisation_id,
                    user_id=person.user_id,
                    purpose="marketing",
                ),
            ):
                continue
            count += 1
            if not dry_run:
                outbox.queue(
                    db,
                    to=person.email,
                    subject=subject,
                    body=f"Hello {person.name},\n\n{body.strip()}\n",
                    kind=kind,
                    user_id=person.user_id,
                )
    return count


def preferences(db: Database, *, user_id: str) -> accounts.MarketingChoice:
    choice = accounts.marketing_choice(db, user_id=user_id)
    assert choice is not None  # the caller's own, active account
    return choice


def unsubscribe(db: Database, links: Links, *, token: str) -> bool:
    """End marketing mail for the token's user (one click, P13); False for a bad token."""
    user_id = links.user_of(token)
    if user_id is None:
        return False
    return accounts.set_marketing_choice(db, user_id=user_id, opt_in=False, ip=None, via="link")
