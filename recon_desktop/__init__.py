"""recon-desktop: inventory reconciliation sessions for lab bench PCs."""

from recon_desktop import psycopg_on_demand

__version__ = "0.1.0"
APP_NAME = "recon-desktop"
APP_TITLE = "Recon Desktop"

psycopg_on_demand.install()  # before anything imports peewee
