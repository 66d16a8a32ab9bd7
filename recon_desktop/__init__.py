"""recon-desktop: inventory reconciliation sessions for lab bench PCs."""

from recon_desktop import _startup

__version__ = "0.1.0"
APP_NAME = "recon-desktop"
APP_TITLE = "Recon Desktop"

_startup.install()
