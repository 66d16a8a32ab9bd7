"""The Qt user interface. Only this package (and ``recon_desktop.app``) imports PySide6.

Widgets get the services and the operator passed in; they never write to the database
themselves.
"""
