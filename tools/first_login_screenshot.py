"""docs/screenshots/first-login.png: the first log-in of an invited user.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/first_login_screenshot.py
    (`make screenshots` runs it too)

Against the real server with demo data (tools/screenshots.py runs it): the demo admin
invites a clerk, who sets a password with the mailed code in the app's log-in window (where
the admin logged in before) and logs in, and is asked to accept the privacy policy.
"""

from __future__ import annotations

import sys

import httpx
from screenshots import (  # first: puts ROOT on the path
    OUT,
    ROOT,
    Shots,
    eventually,
    run_app,
    settle,
)

from clerk_app.account.reset_view import ForgotPasswordDialog
from clerk_app.shell.app import ClerkApp
from server.demo import DEMO_PASSWORD
from tests.accounts_helpers import OTHER_STRONG_PASSWORD as PASSWORD
from tests.accounts_helpers import mailed_code
from tests.live_server import LiveServer

INVITED = "noor.visser@demo.example"


def invite(server: LiveServer) -> None:
    """The demo admin invites a clerk: the server mails a code to choose a password."""
    with httpx.Client(base_url=server.url, timeout=30) as client:
        login = client.post(
            "/api/v1/auth/login", json={"email": "admin@demo.example", "password": DEMO_PASSWORD}
        )
        login.raise_for_status()
        client.post(
            "/api/v1/users",
            headers={"Authorization": f"Bearer {login.json()['token']}"},
            json={"name": "Noor Visser", "email": INVITED, "role": "clerk"},
        ).raise_for_status()


async def first_log_in(app: ClerkApp, server: LiveServer, shots: Shots) -> None:
    invite(server)
    await eventually(lambda: app.login_window is not None, "the log-in window")
    login = app.login_window
    assert login is not None
    login.resize(480, 420)
    login.email_edit.setText("admin@demo.example")  # who logged in here before
    login.forgot_button.click()
    dialog = login._forgot
    assert isinstance(dialog, ForgotPasswordDialog)
    dialog.have_code_button.click()
    dialog.code_edit.setText(mailed_code(server.data_dir, INVITED))
    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText(PASSWORD)
    dialog.change_button.click()
    await eventually(lambda: not dialog.isVisible(), "the password set")
    login.password_edit.setText(PASSWORD)
    login.login_button.click()
    await eventually(lambda: not login.policy_box.isHidden(), "the privacy policy question")
    await settle()
    shots.save(login, "first-login")


def main() -> int:
    saved = run_app(first_log_in, Shots(OUT), timeout=60)
    print(f"{len(saved)} screenshot in {saved[0].parent.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
