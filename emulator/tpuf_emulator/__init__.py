"""tpuf_emulator: a real, local implementation of the turbopuffer HTTP API described by spec/turbopuffer.yaml.

``tpuf_emulator.run()`` starts one for the duration of a ``with`` block (``launcher.py``); the
pytest plugin (``pytest_plugin.py``) gives tests the ``tpuf_emulator`` and ``tpuf_namespace`` fixtures.
"""

from .endpoint import Endpoint
from .launcher import EmulatorProcess, EmulatorStartError, EmulatorThread, run

__version__ = "0.2.0"

__all__ = ["EmulatorProcess", "EmulatorStartError", "EmulatorThread", "Endpoint", "__version__", "run"]
