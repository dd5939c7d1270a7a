"""The organisation's API keys as a Qt table model with named roles (never their secrets)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from clerk_app.admin.base import FIRST_ROLE, AdminTableModel
from clerk_app.admin.keys.service import ApiKey
from clerk_app.admin.names import KEY_STATUS_NAMES, local_time, scope_name, tr_admin


class ApiKeysModel(AdminTableModel[ApiKey]):
    NameRole = FIRST_ROLE
    PrefixRole = FIRST_ROLE + 1
    ScopesRole = FIRST_ROLE + 2  # tuple of scope names
    StatusRole = FIRST_ROLE + 3  # active, expiring, expired, revoked
    LastUsedAtRole = FIRST_ROLE + 4
    LastUsedIpRole = FIRST_ROLE + 5
    role_names: ClassVar[dict[int, bytes]] = {
        NameRole: b"name",
        PrefixRole: b"prefix",
        ScopesRole: b"scopes",
        StatusRole: b"status",
        LastUsedAtRole: b"lastUsedAt",
        LastUsedIpRole: b"lastUsedIp",
    }

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Name"),
            self.tr("Key"),
            self.tr("Scopes"),
            self.tr("Status"),
            self.tr("Last used"),
            self.tr("Last IP"),
        )

    def cell(self, record: ApiKey, column: int) -> str:
        if column == 0:
            return record.name
        if column == 1:
            return f"{record.prefix}…"
        if column == 2:
            return ", ".join(scope_name(s) for s in record.scopes)
        if column == 3:
            status = tr_admin(KEY_STATUS_NAMES.get(record.status, record.status))
            if record.status == "expiring" and record.expires_at:
                return self.tr("{status} (until {time})").format(
                    status=status, time=local_time(record.expires_at)
                )
            return status
        if column == 4:
            return local_time(record.last_used_at) or self.tr("never")
        return record.last_used_ip or ""

    def value(self, record: ApiKey, role: int) -> Any:
        return {
            self.NameRole: record.name,
            self.PrefixRole: record.prefix,
            self.ScopesRole: record.scopes,
            self.StatusRole: record.status,
            self.LastUsedAtRole: record.last_used_at,
            self.LastUsedIpRole: record.last_used_ip,
        }.get(role)
