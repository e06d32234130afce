# Stand-in for the one numpy name compare.py imports (see scipy/__init__.py).
array = list
