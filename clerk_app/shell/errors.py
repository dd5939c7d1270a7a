"""Plain, translated sentences for what went wrong, each saying what to do next."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication

from clerk_app.errors import CertificateProblem, ServerUnreachable, ServiceError


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
        return translate("Errors", "%1 min %2 s").replace(
            "%1", str(minutes)
        ).replace("%2", str(secs))
    return translate("Errors", "%1 s").replace("%1", str(secs))


def describe(error: BaseException) -> str:
    """One or two sentences for the clerk; never a traceback."""
    if isinstance(error, CertificateProblem):
        return translate(
            "Errors",
            "The server's security certificate could not be verified, so the app did not "
            "connect. Check the server address, or ask your administrator for the "
            "certificate authority file (ca_file in the config file)."
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
                "Try again in a moment."
            )
        return translate(
            "Errors",
            "The server cannot be reached. Check the server address and your network "
            "connection, then try again."
        )
    if _is(error, "clerk_app.queue.desk", "TakeRefused"):
        return _take_refused(getattr(error, "code", ""), getattr(error, "message", str(error)))
    if _is(error, "clerk_app.media.sources", "DeviceError"):
        return translate(
            "Errors",
            "A camera or microphone could not be opened: %1. Pick another one in Settings."
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
                "your password with \u201cForgot password\u201d."
            ).replace("%1", minutes_and_seconds(wait))
        return translate(
            "Errors",
            "Too many failed log-ins: this account is locked for a while. Wait, or reset "
            "your password with \u201cForgot password\u201d."
        )
    if code == "policy_not_accepted":
        version = str(error.extra.get("policy_version", "")) or "?"
        return translate(
            "Errors",
            "The privacy policy has changed (version %1). Read it, tick the box to accept "
            "it, and log in again."
        ).replace("%1", version)
    if code in ("not_authenticated", "session_expired"):
        return translate("Errors", "Your session has ended. Log in again.")
    if code == "weak_password":
        return translate(
            "Errors", "This password is too easy to guess: %1"
        ).replace("%1", error.message)
    if code == "email_taken":
        return translate(
            "Errors", "An account with this e-mail address exists already. Log in instead."
        )
    if code == "below_minimum_age":
        return translate("Errors", "The account holder is below the minimum age in this country.")
    if code in ("invalid_token", "token_expired", "invalid_reset_token"):
        return translate("Errors", "This code is wrong or has expired. Ask for a new one.")
    if code == "invalid_input":
        fields = ", ".join(sorted(error.field_errors)) or "?"
        return translate("Errors", "Some fields are not valid: %1.").replace("%1", fields)
    if code == "not_videoclerk":
        return translate(
            "Errors", "This address answers, but it is not a videoclerk server. Check the address."
        )
    if code == "rate_limited":
        return translate("Errors", "Too many requests. Wait a minute and try again.")
    if code == "forbidden":
        return translate("Errors", "Your role does not allow this.")
    # Codes this version does not know: the server's own sentence (in English).
    return error.message


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
