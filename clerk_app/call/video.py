"""A widget that shows the newest frame of a video track.

Frames arrive from aiortc on the UI thread (qasync), often faster than the screen repaints.
The widget keeps only the newest frame and converts it at most once per paint, straight to
the size it is drawn at and to Qt's native 32-bit layout, in one swscale pass:
`frame.reformat(width, height, format="bgra")` is QImage's Format_RGB32 on little-endian
machines (`rgba`'s byte order on big-endian ones). The QImage views the converted frame's
memory, which the widget keeps alive, so no further copy is made.
"""

from __future__ import annotations

import sys
import time

import av
from av.video.reformatter import VideoReformatter
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from clerk_app.shell.theme import VIDEO_BACKGROUND, VIDEO_TEXT

_NATIVE_32 = "bgra" if sys.byteorder == "little" else "argb"
_BACKGROUND = QColor(VIDEO_BACKGROUND)


class VideoWidget(QWidget):
    def __init__(self, parent: QWidget | None = None, *, mirrored: bool = False) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)
        self._mirrored = mirrored
        self._latest: av.VideoFrame | None = None
        self._dirty = False  # `_latest` has not been converted for the current size yet
        self._shown: av.VideoFrame | None = None  # owns the memory `_image` points into
        self._image: QImage | None = None
        # One converter for all frames: PyAV's frame.reformat() would set up a new swscale
        # context for every decoded frame.
        self._reformatter = VideoReformatter()
        self._placeholder = ""
        self.frames_received = 0
        self.frames_converted = 0
        self.frames_painted = 0
        self.last_frame_size: tuple[int, int] | None = None
        self.last_frame_at: float | None = None

    # ---- input ---------------------------------------------------------------------------

    def set_frame(self, frame: av.VideoFrame) -> None:
        """Show `frame` at the next repaint; a frame not yet painted is simply replaced."""
        self._latest = frame
        self._dirty = True
        self.frames_received += 1
        self.last_frame_size = (frame.width, frame.height)
        self.last_frame_at = time.monotonic()
        self.update()

    def clear(self, placeholder: str = "") -> None:
        """Drop the picture and show `placeholder` text instead."""
        self._latest = None
        self._dirty = False
        self._shown = None
        self._image = None
        self.last_frame_size = None
        self._placeholder = placeholder
        self.update()

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self.update()

    @property
    def has_picture(self) -> bool:
        return self._latest is not None

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    # ---- painting ------------------------------------------------------------------------

    def _target(self, frame_w: int, frame_h: int) -> QRect:
        """The largest rectangle of the frame's shape that fits the widget, centred."""
        area = self.rect()
        if frame_w <= 0 or frame_h <= 0 or area.isEmpty():
            return QRect()
        scale = min(area.width() / frame_w, area.height() / frame_h)
        w = max(2, int(frame_w * scale) & ~1)
        h = max(2, int(frame_h * scale) & ~1)
        return QRect(area.x() + (area.width() - w) // 2, area.y() + (area.height() - h) // 2, w, h)

    def _convert(self, frame: av.VideoFrame, target: QRect) -> None:
        ratio = self.devicePixelRatioF()
        width = max(2, round(target.width() * ratio) & ~1)
        height = max(2, round(target.height() * ratio) & ~1)
        converted = self._reformatter.reformat(frame, width, height, _NATIVE_32)
        plane = converted.planes[0]
        image = QImage(
            memoryview(plane),
            converted.width,
            converted.height,
            plane.line_size,
            QImage.Format.Format_RGB32,
        )
        image.setDevicePixelRatio(ratio)
        self._shown = converted
        self._image = image
        self.frames_converted += 1

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            frame = self._latest
            if frame is not None and self._dirty:
                target = self._target(frame.width, frame.height)
                if not target.isEmpty():
                    self._convert(frame, target)
                self._dirty = False
            image = self._image
            if image is not None:
                size = image.deviceIndependentSize().toSize()
                target = QRect(0, 0, size.width(), size.height())
                target.moveCenter(self.rect().center())
                self._fill_around(painter, target)
                if self._mirrored:  # a selfie view: mirrored while drawing, no copy
                    painter.translate(self.width(), 0)
                    painter.scale(-1, 1)
                    target.moveLeft(self.width() - target.right() - 1)
                painter.drawImage(target.topLeft(), image)
                self.frames_painted += 1
            else:
                painter.fillRect(self.rect(), _BACKGROUND)
            if image is None and self._placeholder:
                painter.setPen(QColor(VIDEO_TEXT))
                font = QFont(self.font())
                font.setPointSizeF(font.pointSizeF() * 1.2)
                painter.setFont(font)
                painter.drawText(
                    self.rect().adjusted(12, 12, -12, -12),
                    Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                    self._placeholder,
                )
        finally:
            painter.end()

    def _fill_around(self, painter: QPainter, picture: QRect) -> None:
        """Paint the bars beside or above and below the picture, not under it."""
        area = self.rect()
        above = picture.top() - area.top()
        below = area.bottom() - picture.bottom()
        left = picture.left() - area.left()
        right = area.right() - picture.right()
        for bar in (
            QRect(area.left(), area.top(), area.width(), above),
            QRect(area.left(), picture.bottom() + 1, area.width(), below),
            QRect(area.left(), picture.top(), left, picture.height()),
            QRect(picture.right() + 1, picture.top(), right, picture.height()),
        ):
            if bar.width() > 0 and bar.height() > 0:
                painter.fillRect(bar, _BACKGROUND)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The picture was converted for the old size: convert the newest frame again.
        self._dirty = self._latest is not None
        super().resizeEvent(event)
