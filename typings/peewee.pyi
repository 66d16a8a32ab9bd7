# peewee builds models with a metaclass (fields, ids, foreign-key accessors) that its
# bundled stubs cannot describe, so every query would need ignores. We type it as dynamic.
from typing import Any

def __getattr__(name: str) -> Any: ...
