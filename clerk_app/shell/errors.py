"""Plain, translated sentences for what went wrong, each saying what to do next."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from clerk_app.errors import CertificateProblem, ServerUnreachable, ServiceError
from clerk_app.settings.config import MESSAGES, ConfigError, fill


def _is(error: BaseException, module: str, name: str) -> bool:
    """isinstance() for a class of a module that may not be loaded yet (then it cannot be)."""
    loaded = sys.modules.get(module)
    cls = getattr(loaded, name, None) if loaded is not None else None
    return isinstance(cls, type) and isinstance(error, cls)


# Spelled out at every call, so that pyside6-lupdate finds each text with its context.
translate = QCoreApplication.translate


def minutes_and_seconds(seconds: int) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    if minutes:
        return (
            translate("Errors", "%1 min %2 s").replace("%1", str(minutes)).replace("%2", str(secs))
        )
    return translate("Errors", "%1 s").replace("%1", str(secs))


def describe(error: BaseException) -> str:
    """One or two sentences for the clerk; never a traceback."""
    if isinstance(error, CertificateProblem):
        return translate(
            "Errors",
            "The server's security certificate could not be verified, so the app did not "
            "connect. Check the server address, or ask your administrator for the "
            "certificate authority file (ca_file in the config file).",
        )
    if isinstance(error, ServerUnreachable):
        if error.code == "timeout":
            return translate(
                "Errors", "The server did not answer in time. Check your network and try again."
            )
        if error.code == "offline":
            return translate(
                "Errors",
                "Not connected to the server right now; the app is reconnecting. "
                "Try again in a moment.",
            )
        return translate(
            "Errors",
            "The server cannot be reached. Check the server address and your network "
            "connection, then try again.",
        )
    if _is(error, "clerk_app.queue.desk", "TakeRefused"):
        return _take_refused(getattr(error, "code", ""), getattr(error, "message", str(error)))
    if _is(error, "clerk_app.media.sources", "DeviceError"):
        return translate(
            "Errors",
            "A camera or microphone could not be opened: %1. Pick another one in Settings.",
        ).replace("%1", str(error))
    if isinstance(error, ServiceError):
        return _service_error(error)
    what = str(error) or type(error).__name__
    return translate("Errors", "Something unexpected went wrong: %1").replace("%1", what)


def _service_error(error: ServiceError) -> str:
    code = error.code
    if code == "invalid_credentials":
        return translate("Errors", "The e-mail address or password is wrong.")
    if code == "login_locked":
        wait = error.retry_after_seconds
        if wait:
            return translate(
                "Errors",
                "Too many failed log-ins: this account is locked for %1. Wait, or reset "
                "your password with \u201cForgot password\u201d.",
            ).replace("%1", minutes_and_seconds(wait))
        return translate(
            "Errors",
            "Too many failed log-ins: this account is locked for a while. Wait, or reset "
            "your password with \u201cForgot password\u201d.",
        )
    if code == "policy_not_accepted":
        version = str(error.extra.get("policy_version", "")) or "?"
        if error.extra.get("policy_changed") is False:  # a first log-in: nothing changed
            return translate(
                "Errors",
                "Accept the privacy policy (version %1): read it, tick the box, and log in again.",
            ).replace("%1", version)
        return translate(
            "Errors",
            "The privacy policy has changed (version %1). Read it, tick the box to accept "
            "it, and log in again.",
        ).replace("%1", version)
    if code in ("not_authenticated", "session_expired"):
        return translate("Errors", "Your session has ended. Log in again.")
    if code == "organisation_closed":
        return translate(
            "Errors",
            "Your organisation's account is closed: nobody can log in to it any more.",
        )
    if code == "weak_password":
        return translate("Errors", "This password is too easy to guess: %1").replace(
            "%1", error.message
        )
    if code == "email_taken":
        return translate("Errors", "An account with this e-mail address exists already.")
    if code == "signup_closed":
        return translate(
            "Errors",
            "This server does not take new organisations. Ask its operator to create yours.",
        )
    if code == "below_minimum_age":
        return translate("Errors", "The account holder is below the minimum age in this country.")
    if code in ("invalid_token", "token_expired", "invalid_reset_token"):
        return translate("Errors", "This code is wrong or has expired. Ask for a new one.")
    if code == "invalid_input":
        if error.field_errors:
            fields = ", ".join(sorted(error.field_errors))
            return translate("Errors", "Some fields are not valid: %1.").replace("%1", fields)
        return translate("Errors", "Some fields are not valid. The server said: %1").replace(
            "%1", error.message
        )
    if code == "not_videoclerk":
        return translate(
            "Errors", "This address answers, but it is not a videoclerk server. Check the address."
        )
    if code == "rate_limited":
        return translate("Errors", "Too many requests. Wait a minute and try again.")
    if code == "forbidden":
        return translate("Errors", "You are not allowed to do this: your role does not allow it.")
    return _admin_error(error) or error.message  # unknown codes: the server's own sentence


def _admin_error(error: ServiceError) -> str | None:
    """What the admin screens meet: refusals of the server and what their forms cannot read."""
    code = error.code
    if code == "wrong_password":
        return translate("Errors", "The password is wrong.")
    if code == "last_admin":
        return translate(
            "Errors",
            "An organisation needs at least one active admin. Make someone else admin first.",
        )
    if code == "api_key_inactive":
        return translate("Errors", "This key is revoked or expired; create a new one instead.")
    if code == "not_found":
        return translate("Errors", "It no longer exists. Refresh the list.")
    if code == "queue_in_use":
        return translate(
            "Errors", "Widgets still offer this queue. Take it out of those widgets first."
        )
    if code == "product_in_bundle":
        return translate(
            "Errors", "Bundles contain this product. Take it out of those bundles first."
        )
    if code == "sku_taken":
        return translate("Errors", "Another product already has this SKU.")
    if code == "logo_too_large":
        return translate("Errors", "The logo may be at most 100 kB.")
    if code == "logo_type":
        return translate("Errors", "The logo must be a PNG, JPEG or SVG image.")
    if code == "logo_unreadable":
        return translate("Errors", "The logo file cannot be read.")
    if code == "bad_hours":
        return translate(
            "Errors",
            "Cannot read the opening hours \u201c%1\u201d. Write them like 09:00-12:00, "
            "13:00-17:30.",
        ).replace("%1", error.message)
    return _hooks_and_offers_error(error)


def _hooks_and_offers_error(error: ServiceError) -> str | None:
    """Refusals met in the webhooks and offers tabs."""
    code = error.code
    if code == "file_not_written":
        return translate(
            "Errors", "The file could not be written (%1). Choose another place."
        ).replace("%1", error.message)
    if code == "invalid_webhook_url":
        return translate(
            "Errors",
            "The server will not send events to this address. Use an https:// address of a "
            "public host, without a user name, password or #fragment.",
        )
    if code == "webhook_not_ready":
        return translate(
            "Errors",
            "An endpoint needs a URL and a signing secret before it can be enabled. Save the "
            "URL and create a signing secret first.",
        )
    if code == "webhook_disabled":
        return translate("Errors", "Enable the webhook endpoint before sending a test event.")
    if code == "delivery_in_progress":
        return translate(
            "Errors",
            "This delivery is still being sent. Redeliver it once it has been delivered or "
            "has failed.",
        )
    if code == "user_session_required":
        return translate("Errors", "Only a signed-in user can do this, not an API key.")
    if code == "offer_closed":
        return translate("Errors", "This offer is accepted or expired; it cannot change.")
    return _recordings_error(error)


def _recordings_error(error: ServiceError) -> str | None:
    """Refusals met in the recordings tab."""
    code = error.code
    if code == "recording_on_hold":
        return translate(
            "Errors", "This recording is on legal hold. Lift the hold before deleting it."
        )
    if code == "retention_too_long":
        return translate(
            "Errors", "Recordings cannot be kept that long here; the operator's maximum is lower."
        )
    if code == "hold_reason":
        return translate("Errors", "Give a reason of 3 to 500 characters.")
    if code == "recording_too_large_to_play":
        return translate(
            "Errors", "This recording is too large to play in the app. Save it to a file instead."
        )
    if code == "download_incomplete":
        return translate(
            "Errors", "The recording did not arrive completely. Check your network and try again."
        )
    return _data_requests_error(error)


def _data_requests_error(error: ServiceError) -> str | None:
    """Refusals met exporting, correcting and erasing data."""
    code = error.code
    if code == "password_required":
        return translate("Errors", "Give your current password to change your e-mail address.")
    if code == "wrong_password":
        return translate("Errors", "The current password is wrong.")
    if code == "export_running":
        return translate("Errors", "An export of this data is being made already. Wait for it.")
    if code == "exports_busy":
        return translate(
            "Errors", "The server is making other exports right now. Try again in a minute."
        )
    if code == "export_incomplete":
        return translate(
            "Errors", "The export did not arrive completely. Check your network and try again."
        )
    if code == "cannot_erase_self":
        return translate("Errors", "You cannot erase your own account. Ask another admin.")
    if code == "unknown_reference":
        return translate(
            "Errors",
            "No call of your organisation has this reference. Check it with the visitor "
            "(like K7M-4QX).",
        )
    return None  # "required" and unknown codes: their message is the sentence


def _take_refused(code: str, message: str) -> str:
    if code == "queue_empty":
        return translate("Errors", "Nobody is waiting right now.")
    if code == "already_taken":
        return translate("Errors", "Another clerk has just taken this visitor. Take the next one.")
    if code == "not_available":
        return translate("Errors", "Set yourself available before taking a call.")
    if code == "unknown_call":
        return translate("Errors", "This visitor is no longer waiting.")
    if code == "visitor_reconnecting":
        return translate(
            "Errors", "This visitor's connection has dropped; they are reconnecting. Take another."
        )
    if code == "no_answer":
        return translate(
            "Errors", "The server has not answered yet. The call opens here as soon as it does."
        )
    return message


def describe_config_error(error: ConfigError) -> str:
    """The config error in the app's language: its English text is the translation's source."""
    return fill(translate("ConfigError", MESSAGES[error.problem]), error.values)


def config_error_box(error: ConfigError, parent: QWidget | None = None) -> QMessageBox:
    """The dialog shown instead of the app when a config file cannot be used."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(translate("ConfigError", "videoclerk cannot start"))
    box.setText(describe_config_error(error))
    box.setInformativeText(
        translate(
            "ConfigError",
            "Ask whoever installed videoclerk on this computer to correct the config file.",
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box
