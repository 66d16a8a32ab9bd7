"""What a screen reader says without being asked: a scan's result, as it happens."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent


def announce(source: QObject, message: str, *, urgent: bool = False) -> str:
    """Ask assistive technology to read ``message`` (politely: after what it is saying;
    ``urgent``: at once, for a scan that was not saved or needs the person). Returns the
    message, as sent."""
    event = QAccessibleAnnouncementEvent(source, message)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if urgent
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
    return event.message()
