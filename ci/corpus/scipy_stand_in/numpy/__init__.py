# Stand-in for the one numpy name compare.py imports (see scipy/__init__.py).
from scipy.stats import _Vector as array  # noqa: F401
