"""The server's sub-processors as a Qt table model."""

from __future__ import annotations

from collections.abc import Sequence

from clerk_app.admin.base import AdminTableModel
from clerk_app.admin.privacy.service import Subprocessor


class SubprocessorsModel(AdminTableModel[Subprocessor]):
    def headers(self) -> Sequence[str]:
        return (self.tr("Name"), self.tr("Purpose"), self.tr("Location"), self.tr("Safeguards"))

    def cell(self, record: Subprocessor, column: int) -> str:
        if column == 0:
            return record.name
        if column == 1:
            return record.purpose
        if column == 2:
            return record.location
        if record.outside_eea:
            return self.tr("Outside the EEA: %1").replace("%1", record.safeguards or "")
        return self.tr("Within the EEA")
