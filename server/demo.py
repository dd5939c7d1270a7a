"""Demo data for a new local database: one organisation with an admin, a supervisor and a clerk."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from server.access import Caller
from server.accounts import service, store
from server.accounts.models import BillingAddress, CreateUserRequest, SignupRequest
from server.config import Settings
from server.policy import service as policy
from server.sql import Database
from server.widgets import service as widgets
from server.widgets.models import (
    BusinessHours,
    CreateQueueRequest,
    CreateWidgetRequest,
    QueueName,
)

DEMO_PASSWORD = "correct horse battery staple"  # noqa: S105 - printed for local demos on purpose


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str


def seed_if_empty(db: Database, settings: Settings) -> list[DemoLogin] | None:
    """Create the demo organisation when the database holds none; return its log-ins."""
    if store.count_organisations(db):
        return None
    return asyncio.run(_seed(db, settings))


async def _seed(db: Database, settings: Settings) -> list[DemoLogin]:
    policy_version = policy.current_version(db) or ""
    done = await service.sign_up(
        db,
        settings,
        form=SignupRequest(
            name="Ada Admin",
            email="admin@demo.example",
            company_name="Demo Shop B.V.",
            organisation_number="12345678",
            vat_number="NL123456789B01",
            billing_address=BillingAddress(
                street="Damrak 1", postal_code="1012 LG", city="Amsterdam"
            ),
            country="NL",
            password=DEMO_PASSWORD,
            age=30,
            accepted_policy_version=policy_version,
        ),
        ip=None,
    )
    admin = Caller(
        organisation_id=done.organisation.id, ip=None, user_id=done.user.id, role="admin"
    )
    logins = [DemoLogin("admin", "admin@demo.example", DEMO_PASSWORD)]
    for role, name in (("supervisor", "Sam Supervisor"), ("clerk", "Claire Clerk")):
        email = f"{role}@demo.example"
        user = await service.create_user(
            db,
            settings,
            caller=admin,
            form=CreateUserRequest(name=name, email=email, role=role, password=DEMO_PASSWORD),
        )
        # Demo users have accepted the policy, so their first log-in goes straight through.
        store.update_user(db, admin.organisation_id, user.id, {"policy_version": policy_version})
        logins.append(DemoLogin(role, email, DEMO_PASSWORD))
    _seed_widget(db, settings, admin)
    return logins


def _seed_widget(db: Database, settings: Settings, admin: Caller) -> None:
    """Queues "Sales" and "Service" and a widget that is always open, for local pages on :8080."""
    queue_ids = [
        widgets.create_queue(
            db, caller=admin, form=CreateQueueRequest(name=QueueName(en=en, nl=nl))
        ).id
        for en, nl in (("Sales", "Verkoop"), ("Service", "Klantenservice"))
    ]
    always = [("00:00", "24:00")]
    widget = widgets.create_widget(
        db,
        caller=admin,
        form=CreateWidgetRequest.model_validate(
            {
                "name": "Demo shop widget",
                "queue_ids": queue_ids,
                "allowed_origins": ["http://127.0.0.1:8080", "http://localhost:8080"],
                "business_hours": BusinessHours(
                    time_zone="Europe/Amsterdam",
                    weekly=dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), always),
                ),
                "privacy_notice_url": "https://demo.example/privacy",
            }
        ),
    )
    key = widget.widget_key
    print(f"Demo widget key: {key}\nDemo video-call panel: {settings.base_url}/w/{key}")
