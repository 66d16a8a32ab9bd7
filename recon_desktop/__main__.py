"""``python -m recon_desktop`` runs the command line (and the window)."""

from recon_desktop.cli import main

raise SystemExit(main())
