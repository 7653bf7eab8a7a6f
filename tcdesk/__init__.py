"""tcdesk core: everything the command line, the desktop app and the tests share. Never imports Qt."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tcdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
